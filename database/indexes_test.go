package database_test

import (
	"database/sql"
	"fmt"
	"testing"

	"entgo.io/ent/dialect"

	"github.com/palabre/palabre/database/dbtest"
)

// TestEveryForeignKeyHasAnIndex reads the store's own catalogue: a foreign-key
// column that no index starts with turns every list and count along that edge
// into a scan of the whole table (at a million observations a page took 2.5 s).
// A new entity or edge cannot forget its index: this test names it.
func TestEveryForeignKeyHasAnIndex(t *testing.T) {
	t.Parallel()
	db, dialectName := dbtest.OpenDB(t)
	foreignKeys := foreignKeyColumns(t, db, dialectName)
	if len(foreignKeys) == 0 {
		t.Fatal("the catalogue lists no foreign key: the query is wrong")
	}
	leading := indexLeadingColumns(t, db, dialectName)
	for _, fk := range foreignKeys {
		if !leading[fk] {
			t.Errorf("foreign key %s has no index that starts with it", fk)
		}
	}
}

// foreignKeyColumns lists every foreign-key column as "table.column".
func foreignKeyColumns(t *testing.T, db *sql.DB, dialectName string) []string {
	t.Helper()
	if dialectName == dialect.Postgres {
		return queryStrings(t, db, `
			SELECT tc.table_name || '.' || kcu.column_name
			FROM information_schema.table_constraints tc
			JOIN information_schema.key_column_usage kcu
			  ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema
			WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = current_schema()
			ORDER BY 1`)
	}
	var out []string
	for _, table := range sqliteTables(t, db) {
		for _, column := range queryStrings(t, db, fmt.Sprintf(`SELECT "from" FROM pragma_foreign_key_list('%s')`, table)) {
			out = append(out, table+"."+column)
		}
	}
	return out
}

// indexLeadingColumns is the set of "table.column" that some index (or primary
// key) of the table starts with: only those can serve a lookup by that column.
func indexLeadingColumns(t *testing.T, db *sql.DB, dialectName string) map[string]bool {
	t.Helper()
	set := map[string]bool{}
	if dialectName == dialect.Postgres {
		for _, s := range queryStrings(t, db, `
			SELECT c.relname || '.' || a.attname
			FROM pg_index i
			JOIN pg_class c ON c.oid = i.indrelid
			JOIN pg_namespace n ON n.oid = c.relnamespace
			JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = i.indkey[0]
			WHERE n.nspname = current_schema()`) {
			set[s] = true
		}
		return set
	}
	for _, table := range sqliteTables(t, db) {
		for _, index := range queryStrings(t, db, fmt.Sprintf(`SELECT name FROM pragma_index_list('%s')`, table)) {
			first := queryStrings(t, db, fmt.Sprintf(`SELECT name FROM pragma_index_info('%s') WHERE seqno = 0`, index))
			if len(first) == 1 {
				set[table+"."+first[0]] = true
			}
		}
	}
	return set
}

func sqliteTables(t *testing.T, db *sql.DB) []string {
	t.Helper()
	return queryStrings(t, db, `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'goose_%' ORDER BY name`)
}
