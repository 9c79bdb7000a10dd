package database_test

import (
	"context"
	"database/sql"
	"strings"
	"testing"

	"entgo.io/ent/dialect"

	"github.com/palabre/palabre/access"
)

// allow is a context in which privacy rules let every write through: these
// tests are about storage, not about who may write.
func allow() context.Context {
	return access.AsSystem(context.Background(), "storage tests, not about who may write")
}

// schemaObjects describes the tables, columns and indexes of the connected
// schema in one string, to compare before and after.
func schemaObjects(t *testing.T, db *sql.DB, dialectName string) string {
	t.Helper()
	query := `SELECT type || ' ' || name || ' ' || coalesce(sql, '') FROM sqlite_master ORDER BY type, name`
	if dialectName == dialect.Postgres {
		query = `SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type FROM information_schema.columns WHERE table_schema = current_schema()
			UNION ALL SELECT 'index ' || indexname || ' ' || indexdef FROM pg_indexes WHERE schemaname = current_schema()
			ORDER BY 1`
	}
	return strings.Join(queryStrings(t, db, query), "\n")
}

// queryStrings returns the one text column of every row query returns.
func queryStrings(t *testing.T, db *sql.DB, query string) []string {
	t.Helper()
	rows, err := db.Query(query)
	if err != nil {
		t.Fatalf("%s: %v", strings.TrimSpace(query), err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}
