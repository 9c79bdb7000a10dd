package database_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"entgo.io/ent/dialect"

	"github.com/palabre/palabre/database/dbtest"
)

// TestNoColumnHoldsBytes: on PostgreSQL the store sends []byte arguments as
// text (database/bytes.go), which is right for every column but a bytea. A
// new binary column must change that first; this test names it.
func TestNoColumnHoldsBytes(t *testing.T) {
	t.Parallel()
	db, dialectName := dbtest.OpenDB(t)
	var binary []string
	if dialectName == dialect.Postgres {
		binary = queryStrings(t, db, `SELECT table_name || '.' || column_name FROM information_schema.columns
			WHERE table_schema = current_schema() AND data_type = 'bytea'`)
	} else {
		for _, table := range sqliteTables(t, db) {
			if strings.Contains(table, "_search") {
				continue // FTS5's own tables, which SQLite writes itself
			}
			for _, column := range queryStrings(t, db, fmt.Sprintf(`SELECT name FROM pragma_table_info('%s') WHERE lower(type) = 'blob'`, table)) {
				binary = append(binary, table+"."+column)
			}
		}
	}
	for _, column := range binary {
		t.Errorf("%s holds bytes: send it in binary format before adding it", column)
	}
}

// TestListFieldsRoundTrip: a list field (stored as JSON, jsonb on
// PostgreSQL) comes back as it was written, quotes, accents and all, through
// the one-round-trip protocol.
func TestListFieldsRoundTrip(t *testing.T) {
	t.Parallel()
	ctx := allow()
	client := dbtest.Open(t)
	kinds := []string{`OBSERVATION_SUBMITTED`, `« guillemets » et "quotes"`, `ĉ\u00e9\\`}
	endpoint, err := client.WebhookEndpoint.Create().SetURL("https://example.org/hook").
		SetSealedSecret("sealed").SetEventTypes(kinds).Save(ctx)
	if err != nil {
		t.Fatal(err)
	}
	read, err := client.WebhookEndpoint.Get(ctx, endpoint.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(read.EventTypes, kinds) {
		t.Errorf("read %q, wrote %q", read.EventTypes, kinds)
	}
}
