// Package dbtest gives each test a migrated, empty database of its own: a SQLite
// file in the test's temporary directory, or, when PALABRE_TEST_DATABASE_URL
// names a PostgreSQL server, a fresh schema on it, dropped when the test ends.
// Tests and test packages can therefore run in parallel on either store.
package dbtest

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"entgo.io/ent/dialect"

	"github.com/palabre/palabre/database"
	"github.com/palabre/palabre/ent"
)

// EnvURL names the environment variable that selects PostgreSQL: a
// postgres:// URL of a database in which tests may create schemas.
const EnvURL = "PALABRE_TEST_DATABASE_URL"

// Option adjusts Open.
type Option func(*config)

type config struct{ db []database.Option }

// WithDriver wraps the SQL driver under the client, to count or log the
// statements a test sends.
func WithDriver(wrap func(dialect.Driver) dialect.Driver) Option {
	return func(c *config) { c.db = append(c.db, database.WithDriver(wrap)) }
}

// WithClientOptions passes options to ent.NewClient (ent.Debug, say).
func WithClientOptions(opts ...ent.Option) Option {
	return func(c *config) { c.db = append(c.db, database.WithClientOptions(opts...)) }
}

// Dialect names the store tests run on: dialect.Postgres when EnvURL is set,
// dialect.SQLite otherwise.
func Dialect() string {
	if os.Getenv(EnvURL) != "" {
		return dialect.Postgres
	}
	return dialect.SQLite
}

// Open returns a client on a migrated, empty database private to t, closed
// (and on PostgreSQL dropped) when t ends. Privacy rules and hooks are active:
// the test sets up its data as a caller allowed to write it. A PostgreSQL named
// by EnvURL that cannot be reached fails the test: it is never skipped.
func Open(t testing.TB, opts ...Option) *ent.Client {
	t.Helper()
	var c config
	for _, opt := range opts {
		opt(&c)
	}
	db, dialectName := OpenDB(t)
	return database.NewClient(db, dialectName, c.db...)
}

// URL returns the address of an empty database private to t, not migrated,
// for code that opens databases itself (the command line): a SQLite file in
// t's temporary directory, or a fresh schema on the PostgreSQL of EnvURL,
// dropped when t ends.
func URL(t testing.TB) string {
	t.Helper()
	if pg := os.Getenv(EnvURL); pg != "" {
		return postgresSchema(t, pg)
	}
	return filepath.Join(t.TempDir(), "palabre.db")
}

// OpenDB is Open without the ent client, for tests that speak SQL: a migrated,
// empty database private to t and its ent dialect name. Closing it is left to
// t's cleanup, or to the client built over it.
func OpenDB(t testing.TB) (*sql.DB, string) {
	t.Helper()
	return openDBOn(t, os.Getenv(EnvURL))
}

// openDBOn is OpenDB on the PostgreSQL of serverURL, or SQLite when it is "".
func openDBOn(t testing.TB, serverURL string) (*sql.DB, string) {
	t.Helper()
	ctx := context.Background()
	url := filepath.Join(t.TempDir(), "palabre.db")
	if serverURL != "" {
		url = postgresSchema(t, serverURL)
	}
	db, dialectName, err := database.OpenDB(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	// Registered after the schema's and the directory's cleanups, so it runs
	// before them; closing twice is harmless.
	t.Cleanup(func() { db.Close() })
	if dialectName == dialect.Postgres {
		// Many tests run at once against one server: keep each pool small.
		db.SetMaxOpenConns(8)
		db.SetMaxIdleConns(2)
	}
	if err := database.Migrate(ctx, db, dialectName); err != nil {
		t.Fatal(strings.TrimSpace(err.Error()))
	}
	return db, dialectName
}
