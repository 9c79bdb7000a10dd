-- +goose Up
-- the counter of observations (database/migrategen/counts.go)
CREATE TABLE `observation_counts` (`consultation_observations` text NOT NULL, `status` text NOT NULL, `observation_agency` text NOT NULL, `n` integer NOT NULL, PRIMARY KEY (`consultation_observations`, `status`, `observation_agency`));
-- +goose StatementBegin
CREATE TRIGGER `observation_counts_insert` AFTER INSERT ON `observations` BEGIN
  INSERT INTO observation_counts (consultation_observations, status, observation_agency, n) VALUES (new.consultation_observations, new.status, new.observation_agency, 1)
  ON CONFLICT (consultation_observations, status, observation_agency) DO UPDATE SET n = n + 1;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER `observation_counts_delete` AFTER DELETE ON `observations` BEGIN
  INSERT INTO observation_counts (consultation_observations, status, observation_agency, n) VALUES (old.consultation_observations, old.status, old.observation_agency, -1)
  ON CONFLICT (consultation_observations, status, observation_agency) DO UPDATE SET n = n - 1;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER `observation_counts_update` AFTER UPDATE OF consultation_observations, status, observation_agency ON `observations` BEGIN
  INSERT INTO observation_counts (consultation_observations, status, observation_agency, n) VALUES (old.consultation_observations, old.status, old.observation_agency, -1)
  ON CONFLICT (consultation_observations, status, observation_agency) DO UPDATE SET n = n - 1;
  INSERT INTO observation_counts (consultation_observations, status, observation_agency, n) VALUES (new.consultation_observations, new.status, new.observation_agency, 1)
  ON CONFLICT (consultation_observations, status, observation_agency) DO UPDATE SET n = n + 1;
END;
-- +goose StatementEnd
INSERT INTO observation_counts (consultation_observations, status, observation_agency, n)
  SELECT consultation_observations, status, observation_agency, COUNT(*) FROM observations GROUP BY 1, 2, 3;

-- +goose Down
DROP TRIGGER IF EXISTS `observation_counts_insert`;
DROP TRIGGER IF EXISTS `observation_counts_delete`;
DROP TRIGGER IF EXISTS `observation_counts_update`;
DROP TABLE `observation_counts`;
