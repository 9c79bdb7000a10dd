// Package dbtest gives each test a migrated, empty database of its own: a SQLite
// file in the test's temporary directory, or, when PALABRE_TEST_DATABASE_URL
// names a PostgreSQL server, a fresh schema on it, dropped when the test ends.
// Tests and test packages can therefore run in parallel on either store.
package dbtest

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"entgo.io/ent/dialect"

	"github.com/palabre/palabre/database"
	"github.com/palabre/palabre/ent"
)

// EnvURL names the environment variable that selects PostgreSQL: a
// postgres:// URL of a database in which tests may create schemas.
const EnvURL = "PALABRE_TEST_DATABASE_URL"

// Option adjusts Open.
type Option func(*config)

type config struct {
	db          []database.Option
	busyTimeout time.Duration
	relay       *Relay
}

// WithDriver wraps the SQL driver under the client, to count or log the
// statements a test sends.
func WithDriver(wrap func(dialect.Driver) dialect.Driver) Option {
	return func(c *config) { c.db = append(c.db, database.WithDriver(wrap)) }
}

// WithClientOptions passes options to ent.NewClient (ent.Debug, say).
func WithClientOptions(opts ...ent.Option) Option {
	return func(c *config) { c.db = append(c.db, database.WithClientOptions(opts...)) }
}

// WithSQLiteBusyTimeout makes a SQLite database wait d, instead of the
// server's ten seconds, for a lock another connection holds before it
// answers "database is locked". PostgreSQL ignores it.
func WithSQLiteBusyTimeout(d time.Duration) Option {
	return func(c *config) { c.busyTimeout = d }
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
	db, dialectName := openDB(t, os.Getenv(EnvURL), c)
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
	return openDB(t, os.Getenv(EnvURL), config{})
}

// openDB is OpenDB on the PostgreSQL of serverURL, or SQLite when it is "",
// with c's relay and busy time-out.
func openDB(t testing.TB, serverURL string, c config) (*sql.DB, string) {
	t.Helper()
	ctx := context.Background()
	var url string
	if serverURL != "" {
		url = postgresSchema(t, serverURL)
		if c.relay != nil {
			url = c.relay.route(url)
		}
	} else {
		url = filepath.Join(t.TempDir(), "palabre.db")
		files.add(t, url)
		if c.busyTimeout > 0 {
			url += fmt.Sprintf("?_pragma=busy_timeout(%d)", c.busyTimeout.Milliseconds())
		}
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
