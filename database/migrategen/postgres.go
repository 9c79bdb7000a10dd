package main

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"os"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
	"github.com/lib/pq"
)

// defaultDevURL is the local PostgreSQL server of a development machine and of CI.
const defaultDevURL = "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"

// postgresDev creates a database for this run only, on the server of
// PALABRE_DEV_DATABASE_URL, and returns a driver on it and a function that
// drops it. Atlas's replay needs a connected schema with no table; a fresh
// database guarantees it whatever else lives on the server, and two runs never
// meet. The connection is scoped to its public schema (search_path), so that
// the generated statements name tables without a schema and apply to whichever
// schema the application connects to.
func postgresDev(ctx context.Context) (dialect.Driver, func() error, error) {
	serverURL := os.Getenv("PALABRE_DEV_DATABASE_URL")
	if serverURL == "" {
		serverURL = defaultDevURL
	}
	admin, err := sql.Open("postgres", serverURL)
	if err != nil {
		return nil, nil, err
	}
	if err := admin.PingContext(ctx); err != nil {
		admin.Close()
		return nil, nil, fmt.Errorf("the dev database server is unreachable (set PALABRE_DEV_DATABASE_URL): %w", err)
	}
	suffix := make([]byte, 6)
	rand.Read(suffix)
	name := "palabre_dev_" + hex.EncodeToString(suffix)
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+pq.QuoteIdentifier(name)); err != nil {
		admin.Close()
		return nil, nil, fmt.Errorf("creating the dev database: %w", err)
	}
	drop := func() error {
		_, err := admin.ExecContext(context.Background(), "DROP DATABASE IF EXISTS "+pq.QuoteIdentifier(name)+" WITH (FORCE)")
		return errors.Join(err, admin.Close())
	}
	u, err := url.Parse(serverURL)
	if err != nil {
		return nil, nil, errors.Join(err, drop())
	}
	u.Path = "/" + name
	q := u.Query()
	q.Set("search_path", "public")
	u.RawQuery = q.Encode()
	db, err := sql.Open("postgres", u.String())
	if err != nil {
		return nil, nil, errors.Join(err, drop())
	}
	// The trigram indexes (trigramIndexes) need their operator class while
	// Atlas plans them; the migration that creates the first one creates the
	// extension too (postgresTrigramExtension).
	if _, err := db.ExecContext(ctx, trigramExtension); err != nil {
		return nil, nil, errors.Join(fmt.Errorf("creating pg_trgm in the dev database: %w", err), db.Close(), drop())
	}
	return entsql.OpenDB(dialect.Postgres, db), func() error { return errors.Join(db.Close(), drop()) }, nil
}
