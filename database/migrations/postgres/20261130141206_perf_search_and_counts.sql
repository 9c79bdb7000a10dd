-- +goose Up
-- the counter of observations (database/migrategen/counts.go)
CREATE TABLE observation_counts (consultation_observations character varying NOT NULL, status character varying NOT NULL,
  observation_agency character varying NOT NULL, n bigint NOT NULL, PRIMARY KEY (consultation_observations, status, observation_agency));
-- +goose StatementBegin
CREATE FUNCTION observation_counts_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
  INSERT INTO observation_counts AS c (consultation_observations, status, observation_agency, n)
  SELECT consultation_observations, status, observation_agency, SUM(d) FROM (SELECT consultation_observations, status, observation_agency, 1 AS d FROM new_rows) AS t
  GROUP BY 1, 2, 3 HAVING SUM(d) <> 0 ORDER BY 1, 2, 3
  ON CONFLICT (consultation_observations, status, observation_agency) DO UPDATE SET n = c.n + excluded.n;
  ELSIF TG_OP = 'DELETE' THEN
  INSERT INTO observation_counts AS c (consultation_observations, status, observation_agency, n)
  SELECT consultation_observations, status, observation_agency, SUM(d) FROM (SELECT consultation_observations, status, observation_agency, -1 AS d FROM old_rows) AS t
  GROUP BY 1, 2, 3 HAVING SUM(d) <> 0 ORDER BY 1, 2, 3
  ON CONFLICT (consultation_observations, status, observation_agency) DO UPDATE SET n = c.n + excluded.n;
  ELSE
  INSERT INTO observation_counts AS c (consultation_observations, status, observation_agency, n)
  SELECT consultation_observations, status, observation_agency, SUM(d) FROM (SELECT consultation_observations, status, observation_agency, 1 AS d FROM new_rows UNION ALL SELECT consultation_observations, status, observation_agency, -1 AS d FROM old_rows) AS t
  GROUP BY 1, 2, 3 HAVING SUM(d) <> 0 ORDER BY 1, 2, 3
  ON CONFLICT (consultation_observations, status, observation_agency) DO UPDATE SET n = c.n + excluded.n;
  END IF;
  RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER observation_counts_insert AFTER INSERT ON observations REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION observation_counts_follow();
CREATE TRIGGER observation_counts_update AFTER UPDATE ON observations REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION observation_counts_follow();
CREATE TRIGGER observation_counts_delete AFTER DELETE ON observations REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION observation_counts_follow();
INSERT INTO observation_counts (consultation_observations, status, observation_agency, n)
  SELECT consultation_observations, status, observation_agency, COUNT(*) FROM observations GROUP BY 1, 2, 3;

-- +goose Down
DROP TRIGGER observation_counts_delete ON observations;
DROP TRIGGER observation_counts_update ON observations;
DROP TRIGGER observation_counts_insert ON observations;
DROP FUNCTION observation_counts_follow();
DROP TABLE observation_counts;
