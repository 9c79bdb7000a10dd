package database_test

import (
	"context"
	"database/sql"
	"strings"
	"testing"

	"entgo.io/ent/dialect"

	"github.com/palabre/palabre/database/dbtest"
)

// TestEverySearchColumnHasATrigramIndexOnPostgreSQL reads PostgreSQL's
// catalogue: every table with a search column (the search mixin's folded
// text, matched with LIKE '%…%' by the API's search: arguments) has a GIN
// trigram index on it, without which a search reads every row (18 ms at
// national scale, 3.5 ms with the index). SQLite has no index of the kind.
func TestEverySearchColumnHasATrigramIndexOnPostgreSQL(t *testing.T) {
	t.Parallel()
	db, dialectName := dbtest.OpenDB(t)
	if dialectName != dialect.Postgres {
		t.Skip("a trigram index is PostgreSQL's (pg_trgm); this test reads its catalogue")
	}
	tables := queryStrings(t, db, `SELECT table_name FROM information_schema.columns
		WHERE table_schema = current_schema() AND column_name = 'search_text' ORDER BY 1`)
	if len(tables) < 3 {
		t.Fatalf("search columns in %v: strategies, objectives and action items at least", tables)
	}
	for _, table := range tables {
		defs := queryStrings(t, db, `SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = '`+table+`'`)
		found := false
		for _, d := range defs {
			found = found || (strings.Contains(d, "USING gin (search_text gin_trgm_ops)"))
		}
		if !found {
			t.Errorf("%s.search_text has no trigram index; its indexes: %s", table, strings.Join(defs, "; "))
		}
	}

	// The planner can serve a search with it (on a table this small it would
	// rather scan, so scanning is made dear).
	conn, err := db.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(context.Background(), "SET enable_seqscan = off"); err != nil {
		t.Fatal(err)
	}
	plan := explain(t, conn, `SELECT id FROM action_items WHERE search_text LIKE '%securite%'`)
	if !strings.Contains(plan, "action_items_search_text_trgm") {
		t.Errorf("a search of action items does not use the trigram index:\n%s", plan)
	}
}

// TestEverySearchColumnHasAnFTS5IndexOnSQLite reads SQLite's catalogue: every
// table with a search column has its FTS5 trigram index <table>_search
// (search.Matching's) and the three triggers that keep it up to date, which
// keep it so through inserts, updates and deletes (FTS5's integrity-check
// compares the index with the table), and a search reads the index.
func TestEverySearchColumnHasAnFTS5IndexOnSQLite(t *testing.T) {
	t.Parallel()
	db, dialectName := dbtest.OpenDB(t)
	if dialectName != dialect.SQLite {
		t.Skip("FTS5 is SQLite's; PostgreSQL's trigram index has its own test")
	}
	tables := queryStrings(t, db, `SELECT m.name FROM sqlite_master m, pragma_table_info(m.name) c
		WHERE m.type = 'table' AND c.name = 'search_text' AND m.name NOT LIKE '%_search%' ORDER BY 1`)
	if len(tables) < 3 {
		t.Fatalf("search columns in %v: strategies, objectives and action items at least", tables)
	}
	for _, table := range tables {
		if sql := queryStrings(t, db, `SELECT sql FROM sqlite_master WHERE name = '`+table+`_search'`); len(sql) != 1 ||
			!strings.Contains(sql[0], "fts5") || !strings.Contains(sql[0], "trigram") {
			t.Errorf("%s has no FTS5 trigram index: %v", table, sql)
		}
		triggers := queryStrings(t, db, `SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = '`+table+`' ORDER BY 1`)
		want := []string{table + "_search_delete", table + "_search_insert", table + "_search_update"}
		if strings.Join(triggers, ",") != strings.Join(want, ",") {
			t.Errorf("%s: triggers %v, want %v", table, triggers, want)
		}
	}

	ctx := context.Background()
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	for _, q := range []string{
		`INSERT INTO agreements (id, created_at, updated_at, search_text, kind, title) VALUES ('AG1', '2026-01-01', '2026-01-01', 'accord de cooperation', 'MOU', 'Accord')`,
		`INSERT INTO agreements (id, created_at, updated_at, search_text, kind, title) VALUES ('AG2', '2026-01-01', '2026-01-01', 'protocole d''entente', 'MOU', 'Protocole')`,
		`UPDATE agreements SET search_text = 'memorandum sur la cybersecurite' WHERE id = 'AG1'`,
		`DELETE FROM agreements WHERE id = 'AG2'`,
		`INSERT INTO agreements_search (agreements_search) VALUES ('integrity-check')`,
	} {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	var found []string
	rows, err := conn.QueryContext(ctx, `SELECT id FROM agreements WHERE rowid IN (SELECT rowid FROM agreements_search WHERE agreements_search MATCH '"cybersec"')`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id string
		_ = rows.Scan(&id)
		found = append(found, id)
	}
	rows.Close()
	if strings.Join(found, ",") != "AG1" {
		t.Errorf("the index finds %v after the update, want AG1", found)
	}
	plan := explainIn(t, conn, dialectName, `SELECT id FROM action_items WHERE rowid IN (SELECT rowid FROM action_items_search WHERE action_items_search MATCH '"securite"')`)
	if !strings.Contains(plan, "VIRTUAL TABLE INDEX") {
		t.Errorf("a search of action items does not read its index:\n%s", plan)
	}
}

// explain returns the plan PostgreSQL would follow for a query.
func explain(t *testing.T, conn *sql.Conn, query string) string {
	t.Helper()
	rows, err := conn.QueryContext(context.Background(), "EXPLAIN "+query)
	if err != nil {
		t.Fatalf("EXPLAIN %s: %v", query, err)
	}
	defer rows.Close()
	var lines []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			t.Fatal(err)
		}
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n")
}

// TestScreenCountsReadAnIndexAlone: the totalCount of a round's observations
// under the privacy filter on status (drafts hidden), and of an agency's
// action items by status, is answered from an index that holds every column
// it reads, on both stores: the count never reads the rows themselves.
func TestScreenCountsReadAnIndexAlone(t *testing.T) {
	t.Parallel()
	db, dialectName := dbtest.OpenDB(t)
	conn, err := db.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if dialectName == dialect.Postgres {
		// On tables this small the planner would rather scan.
		if _, err := conn.ExecContext(context.Background(), "SET enable_seqscan = off"); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []struct{ count, index string }{
		{`SELECT COUNT(*) FROM observations WHERE consultation_observations = 'CN01' AND status <> 'draft'`,
			"observations_consultation_observations_status"},
		{`SELECT COUNT(*) FROM observations WHERE observation_agency = 'AG01' AND status IN ('submitted', 'accepted')`,
			"observations_observation_agency_status"},
		{`SELECT COUNT(*) FROM action_items WHERE action_item_lead_agency = 'AG01' AND status IN ('in_progress', 'delayed')`,
			"action_items_action_item_lead_agency_status_due_date"},
	} {
		plan := explainIn(t, conn, dialectName, c.count)
		indexOnly := "Index Only Scan using " + c.index
		if dialectName == dialect.SQLite {
			indexOnly = "USING COVERING INDEX " + c.index
		}
		if !strings.Contains(plan, indexOnly) {
			t.Errorf("%s\ndoes not read %s alone:\n%s", c.count, c.index, plan)
		}
	}
}

// explainIn is explain on either store (SQLite's EXPLAIN QUERY PLAN).
func explainIn(t *testing.T, conn *sql.Conn, dialectName, query string) string {
	t.Helper()
	if dialectName == dialect.Postgres {
		return explain(t, conn, query)
	}
	rows, err := conn.QueryContext(context.Background(), "EXPLAIN QUERY PLAN "+query)
	if err != nil {
		t.Fatalf("EXPLAIN QUERY PLAN %s: %v", query, err)
	}
	defer rows.Close()
	var lines []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		lines = append(lines, detail)
	}
	return strings.Join(lines, "\n")
}
