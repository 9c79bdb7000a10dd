package dbtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"net/url"
	"strings"
	"sync"
	"testing"

	"entgo.io/ent/dialect"
	"github.com/lib/pq"

	"github.com/palabre/palabre/database"
)

// admins are the connections that create and drop the tests' schemas, one per
// server URL, shared by the tests of a package.
var admins sync.Map // server URL → *admin

type admin struct {
	once sync.Once
	db   *sql.DB
	err  error
}

// adminFor returns the connection to the database of serverURL, creating the
// database first if the server does not have it yet, so that a fresh
// PostgreSQL needs nothing done by hand before the tests run.
func adminFor(serverURL string) (*sql.DB, error) {
	v, _ := admins.LoadOrStore(serverURL, &admin{})
	a := v.(*admin)
	a.once.Do(func() {
		if a.err = createDatabaseIfMissing(serverURL); a.err != nil {
			return
		}
		a.db, _, a.err = database.OpenDB(context.Background(), serverURL)
		if a.err == nil {
			a.db.SetMaxOpenConns(2)
			a.err = createTrigramExtension(a.db)
		}
	})
	return a.db, a.err
}

// createTrigramExtension creates pg_trgm in the public schema, once for the
// whole database, before any test's migrations do: packages run in parallel,
// and two CREATE EXTENSION at once make one fail. Every test schema's search
// path ends with public (postgresSchema), where the migrations expect it.
func createTrigramExtension(db *sql.DB) error {
	var err error
	for range 3 {
		if _, err = db.Exec("CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public"); err == nil {
			return nil
		}
		var pqErr *pq.Error
		if !errors.As(err, &pqErr) || (pqErr.Code != "23505" && pqErr.Code != "42710") { // another package won the race
			break
		}
	}
	return errors.New("creating pg_trgm in the test database: " + err.Error())
}

// createDatabaseIfMissing creates the database serverURL names when the
// server answers that it does not exist, connecting to the server's
// "postgres" database to do so.
func createDatabaseIfMissing(serverURL string) error {
	db, err := sql.Open("postgres", serverURL)
	if err != nil {
		return err
	}
	defer db.Close()
	var pqErr *pq.Error
	if err := db.Ping(); !errors.As(err, &pqErr) || pqErr.Code != "3D000" { // invalid_catalog_name
		return nil // it exists, or OpenDB will report what is wrong
	}
	u, err := url.Parse(serverURL)
	if err != nil {
		return err
	}
	name := strings.TrimPrefix(u.Path, "/")
	u.Path = "/postgres"
	maintenance, err := sql.Open("postgres", u.String())
	if err != nil {
		return err
	}
	defer maintenance.Close()
	_, err = maintenance.Exec("CREATE DATABASE " + pq.QuoteIdentifier(name))
	if errors.As(err, &pqErr) && pqErr.Code == "42P04" { // duplicate_database: another package won the race
		return nil
	}
	if err != nil {
		return errors.New("creating the test database " + name + ": " + err.Error())
	}
	return nil
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
	db, err := adminFor(serverURL)
	if err != nil {
		t.Fatalf("%s: %v", EnvURL, err)
	}
	suffix := make([]byte, 8)
	rand.Read(suffix)
	schema := "palabre_test_" + hex.EncodeToString(suffix)
	schemas.add(t, schema)
	if _, err := db.Exec("CREATE SCHEMA " + pq.QuoteIdentifier(schema)); err != nil {
		t.Fatalf("creating test schema: %v", err)
	}
	t.Cleanup(func() {
		if _, err := db.Exec("DROP SCHEMA " + pq.QuoteIdentifier(schema) + " CASCADE"); err != nil {
			t.Errorf("dropping test schema %s: %v", schema, err)
		}
	})
	u, err := url.Parse(serverURL)
	if err != nil {
		t.Fatalf("%s: %v", EnvURL, err)
	}
	q := u.Query()
	// public last, for the extensions the migrations use (pg_trgm); tables
	// are created in, and read from, the test's schema.
	q.Set("search_path", schema+",public")
	// Named after the schema, so that a test can find its own connections
	// on the shared server (BreakConnections).
	q.Set("application_name", schema)
	// A test's data need not survive a crash of the server: not waiting for
	// each commit to reach the disk makes a write-heavy test several times faster.
	q.Set("synchronous_commit", "off")
	u.RawQuery = q.Encode()
	return strings.TrimSpace(u.String())
}
