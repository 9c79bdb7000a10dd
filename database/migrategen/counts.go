package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"entgo.io/ent/dialect/sql/schema"
)

// The counter of observations (ent/schema's Counted annotation on a round's
// observations): observation_counts holds, per round, status and agency, how
// many observations there are, kept by the store itself in the transaction of
// every insert, update and delete of observations (triggers), so that
// totalCount of a round of 200 000 sums a few hundred rows instead of counting
// the round (rule.CountObservations reads it). Atlas writes neither the table,
// which is no entity, nor triggers: they are written here, on both stores.
const countsTable = "observation_counts"

// postgresCounts writes the counter on PostgreSQL: one trigger per statement
// (its transition tables: a bulk insert updates each counter row once), whose
// upsert takes the counter rows' locks in key order, so that two transactions
// moving observations between statuses cannot deadlock on them.
func postgresCounts(path, name string, tables []*schema.Table, newFiles []string) ([]string, error) {
	if !counted(tables) {
		return nil, nil
	}
	if created, err := migrationsContain(path, "CREATE TABLE "+countsTable); err != nil || created {
		return nil, err
	}
	const upsert = "  INSERT INTO observation_counts AS c (consultation_observations, status, observation_agency, n)\n" +
		"  SELECT consultation_observations, status, observation_agency, SUM(d) FROM (%s) AS t\n" +
		"  GROUP BY 1, 2, 3 HAVING SUM(d) <> 0 ORDER BY 1, 2, 3\n" +
		"  ON CONFLICT (consultation_observations, status, observation_agency) DO UPDATE SET n = c.n + excluded.n;\n"
	const added = "SELECT consultation_observations, status, observation_agency, 1 AS d FROM new_rows"
	const removed = "SELECT consultation_observations, status, observation_agency, -1 AS d FROM old_rows"
	up := "-- the counter of observations (database/migrategen/counts.go)\n" +
		"CREATE TABLE " + countsTable + " (consultation_observations character varying NOT NULL, status character varying NOT NULL,\n" +
		"  observation_agency character varying NOT NULL, n bigint NOT NULL, PRIMARY KEY (consultation_observations, status, observation_agency));\n" +
		"-- +goose StatementBegin\n" +
		"CREATE FUNCTION observation_counts_follow() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n" +
		"  IF TG_OP = 'INSERT' THEN\n" + fmt.Sprintf(upsert, added) +
		"  ELSIF TG_OP = 'DELETE' THEN\n" + fmt.Sprintf(upsert, removed) +
		"  ELSE\n" + fmt.Sprintf(upsert, added+" UNION ALL "+removed) +
		"  END IF;\n  RETURN NULL;\nEND\n$$;\n" +
		"-- +goose StatementEnd\n" +
		"CREATE TRIGGER observation_counts_insert AFTER INSERT ON observations REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION observation_counts_follow();\n" +
		"CREATE TRIGGER observation_counts_update AFTER UPDATE ON observations REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION observation_counts_follow();\n" +
		"CREATE TRIGGER observation_counts_delete AFTER DELETE ON observations REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION observation_counts_follow();\n" +
		countsBackfill
	down := "DROP TRIGGER observation_counts_delete ON observations;\nDROP TRIGGER observation_counts_update ON observations;\n" +
		"DROP TRIGGER observation_counts_insert ON observations;\nDROP FUNCTION observation_counts_follow();\nDROP TABLE " + countsTable + ";\n"
	return appendToMigration(path, name, newFiles, []string{up}, []string{down})
}

// countsBackfill counts the observations already stored.
const countsBackfill = "INSERT INTO observation_counts (consultation_observations, status, observation_agency, n)\n" +
	"  SELECT consultation_observations, status, observation_agency, COUNT(*) FROM observations GROUP BY 1, 2, 3;\n"

// sqliteCounts writes the counter on SQLite: triggers per row (SQLite has no
// other kind; its writers take turns anyway). A migration that rebuilds the
// observations table drops their triggers: they are written again, and the
// counter counted again.
func sqliteCounts(path, name string, tables []*schema.Table, newFiles []string) ([]string, error) {
	if !counted(tables) {
		return nil, nil
	}
	created, err := migrationsContain(path, "CREATE TABLE `"+countsTable+"`")
	if err != nil {
		return nil, err
	}
	rebuilt := false
	for _, f := range newFiles {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		rebuilt = rebuilt || bytes.Contains(b, []byte("CREATE TABLE `new_observations`"))
	}
	r := strings.NewReplacer("{k}", "consultation_observations, status, observation_agency")
	triggers := r.Replace("-- +goose StatementBegin\n" +
		"CREATE TRIGGER `observation_counts_insert` AFTER INSERT ON `observations` BEGIN\n" +
		"  INSERT INTO observation_counts ({k}, n) VALUES (new.consultation_observations, new.status, new.observation_agency, 1)\n" +
		"  ON CONFLICT ({k}) DO UPDATE SET n = n + 1;\n" +
		"END;\n-- +goose StatementEnd\n" +
		"-- +goose StatementBegin\n" +
		"CREATE TRIGGER `observation_counts_delete` AFTER DELETE ON `observations` BEGIN\n" +
		"  INSERT INTO observation_counts ({k}, n) VALUES (old.consultation_observations, old.status, old.observation_agency, -1)\n" +
		"  ON CONFLICT ({k}) DO UPDATE SET n = n - 1;\n" +
		"END;\n-- +goose StatementEnd\n" +
		"-- +goose StatementBegin\n" +
		"CREATE TRIGGER `observation_counts_update` AFTER UPDATE OF consultation_observations, status, observation_agency ON `observations` BEGIN\n" +
		"  INSERT INTO observation_counts ({k}, n) VALUES (old.consultation_observations, old.status, old.observation_agency, -1)\n" +
		"  ON CONFLICT ({k}) DO UPDATE SET n = n - 1;\n" +
		"  INSERT INTO observation_counts ({k}, n) VALUES (new.consultation_observations, new.status, new.observation_agency, 1)\n" +
		"  ON CONFLICT ({k}) DO UPDATE SET n = n + 1;\n" +
		"END;\n-- +goose StatementEnd\n")
	drop := "DROP TRIGGER IF EXISTS `observation_counts_insert`;\nDROP TRIGGER IF EXISTS `observation_counts_delete`;\nDROP TRIGGER IF EXISTS `observation_counts_update`;\n"
	switch {
	case !created:
		up := "-- the counter of observations (database/migrategen/counts.go)\n" +
			"CREATE TABLE `" + countsTable + "` (`consultation_observations` text NOT NULL, `status` text NOT NULL, " +
			"`observation_agency` text NOT NULL, `n` integer NOT NULL, PRIMARY KEY (`consultation_observations`, `status`, `observation_agency`));\n" +
			triggers + countsBackfill
		return appendToMigration(path, name, newFiles, []string{up}, []string{drop + "DROP TABLE `" + countsTable + "`;\n"})
	case rebuilt:
		up := "-- the observations were rebuilt: the counter's triggers again, and the counts (database/migrategen/counts.go)\n" +
			drop + triggers + "DELETE FROM observation_counts;\n" + countsBackfill
		return appendToMigration(path, name, newFiles, []string{up}, nil)
	}
	return nil, nil
}

// counted reports whether the tables hold the observations the counter counts.
func counted(tables []*schema.Table) bool {
	return slices.ContainsFunc(tables, func(t *schema.Table) bool { return t.Name == "observations" })
}

// migrationsContain reports whether a migration file of the directory holds s.
func migrationsContain(path, s string) (bool, error) {
	files, err := sqlFiles(path)
	if err != nil {
		return false, err
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return false, err
		}
		if bytes.Contains(b, []byte(s)) {
			return true, nil
		}
	}
	return false, nil
}

// appendToMigration adds statements to the end of the up and the start of
// the down part of the last new migration file, or of a new file of its own
// when there is none, and returns the file.
func appendToMigration(path, name string, newFiles, upSQL, downSQL []string) ([]string, error) {
	if len(upSQL) == 0 {
		return nil, nil
	}
	target := ""
	if len(newFiles) > 0 {
		target = newFiles[len(newFiles)-1]
	} else {
		target = filepath.Join(path, time.Now().UTC().Format("20060102150405")+"_"+name+".sql")
		if err := os.WriteFile(target, []byte("-- +goose Up\n\n-- +goose Down\n"), 0o644); err != nil {
			return nil, err
		}
	}
	b, err := os.ReadFile(target)
	if err != nil {
		return nil, err
	}
	upPart, downPart, _ := bytes.Cut(b, []byte("-- +goose Down\n"))
	out := slices.Concat(bytes.TrimRight(upPart, "\n"), []byte("\n"+strings.Join(upSQL, "")+"\n-- +goose Down\n"),
		[]byte(strings.Join(downSQL, "")), downPart)
	return []string{target}, os.WriteFile(target, out, 0o644)
}
