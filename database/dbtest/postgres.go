package dbtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"strings"
	"sync"
	"testing"

	"entgo.io/ent/dialect"
	"github.com/lib/pq"

	"github.com/palabre/palabre/database"
)

// admin is the connection that creates and drops the tests' schemas, shared
// by the tests of a package.
var admin struct {
	once sync.Once
	db   *sql.DB
	err  error
}

// postgresSchema creates a schema with a random name in the database of
// serverURL, drops it (and all it holds) when t ends, and returns a URL whose
// connections work in it: lib/pq passes search_path to the server as a
// run-time parameter, so every pooled connection starts there.
func postgresSchema(t testing.TB, serverURL string) string {
	t.Helper()
	if d, err := database.Dialect(serverURL); err != nil || d != dialect.Postgres {
		t.Fatalf("%s must be a postgres:// URL, got %s", EnvURL, database.Redact(serverURL))
	}
	admin.once.Do(func() {
		admin.db, _, admin.err = database.OpenDB(context.Background(), serverURL)
		if admin.err == nil {
			admin.db.SetMaxOpenConns(2)
		}
	})
	if admin.err != nil {
		t.Fatalf("%s: %v", EnvURL, admin.err)
	}
	suffix := make([]byte, 8)
	rand.Read(suffix)
	schema := "palabre_test_" + hex.EncodeToString(suffix)
	schemas.add(t, schema)
	if _, err := admin.db.Exec("CREATE SCHEMA " + pq.QuoteIdentifier(schema)); err != nil {
		t.Fatalf("creating test schema: %v", err)
	}
	t.Cleanup(func() {
		if _, err := admin.db.Exec("DROP SCHEMA " + pq.QuoteIdentifier(schema) + " CASCADE"); err != nil {
			t.Errorf("dropping test schema %s: %v", schema, err)
		}
	})
	u, err := url.Parse(serverURL)
	if err != nil {
		t.Fatalf("%s: %v", EnvURL, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	// Named after the schema, so that a test can find its own connections
	// on the shared server (BreakConnections).
	q.Set("application_name", schema)
	// A test's data need not survive a crash of the server: not waiting for
	// each commit to reach the disk makes a write-heavy test several times faster.
	q.Set("synchronous_commit", "off")
	u.RawQuery = q.Encode()
	return strings.TrimSpace(u.String())
}
