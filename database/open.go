package database

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
	_ "github.com/lib/pq"  // registers the "postgres" driver
	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/input"
	// Privacy policies and hooks live in ent/schema, which imports the client;
	// ent wires them in through this package to break the import cycle. Without
	// it the client would run with no policy at all.
	_ "github.com/palabre/palabre/ent/runtime"
)

// pingTimeout bounds the first contact when the caller's context has no
// deadline: a firewalled host would otherwise hang for minutes.
const pingTimeout = 10 * time.Second

// Open connects to the database a URL designates (see Dialect), makes sure it
// answers, and returns an ent client over it. It does not migrate; start-up
// does it in three steps:
//
//	db, dialectName, err := database.OpenDB(ctx, url)
//	err = database.Migrate(ctx, db, dialectName)
//	client := database.NewClient(db, dialectName)
//
// A database that cannot be opened or reached gives a single-line error naming
// the URL, password redacted, and the reason.
func Open(ctx context.Context, rawURL string, opts ...Option) (*ent.Client, error) {
	db, dialectName, err := OpenDB(ctx, rawURL)
	if err != nil {
		return nil, err
	}
	return NewClient(db, dialectName, opts...), nil
}

// OpenDB is Open without the ent client: the pooled, reachable *sql.DB and its
// ent dialect name, for Migrate and Status, and then NewClient.
func OpenDB(ctx context.Context, rawURL string) (*sql.DB, string, error) {
	t, err := parse(rawURL)
	if err != nil {
		return nil, "", err
	}
	db, err := sql.Open(t.driver, t.dsn)
	if err != nil {
		return nil, "", openError(t, err)
	}
	configurePool(db, t.dialect)
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, pingTimeout)
		defer cancel()
	}
	if err := pingWithin(ctx, db, t.dialect); err != nil {
		db.Close()
		if ctx.Err() != nil {
			// Drivers report an abandoned dial in their own words ("unexpected EOF").
			err = ctx.Err()
		}
		return nil, "", openError(t, err)
	}
	return db, t.dialect, nil
}

// pingWithin pings, and gives up when ctx ends even if the driver does not:
// lib/pq honours the context while dialling, not during the handshake, where
// only connect_timeout stops it.
func pingWithin(ctx context.Context, db *sql.DB, dialectName string) error {
	done := make(chan error, 1)
	go func() { done <- ping(ctx, db, dialectName) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// ping makes sure the database answers. SQLite opens its file lazily, and
// creates it: a read is what proves it is a database we can use.
func ping(ctx context.Context, db *sql.DB, dialectName string) error {
	if dialectName == dialect.SQLite {
		var n int
		return db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_master").Scan(&n)
	}
	return db.PingContext(ctx)
}

// NewClient returns an ent client over an open database (from OpenDB). Closing
// the client closes db. A read that meets a broken connection is sent once
// more; errors that mean the database is unavailable for a moment wrap
// ErrUnavailable.
func NewClient(db *sql.DB, dialectName string, opts ...Option) *ent.Client {
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	store := storeDriver{Driver: entsql.OpenDB(dialectName, db)}
	if dialectName == dialect.Postgres {
		store.textBytes = true
		store.prepared = newPreparedReads(db, preparedLimit)
	}
	var drv dialect.Driver = store
	for _, wrap := range o.wrap {
		drv = wrap(drv)
	}
	client := ent.NewClient(append([]ent.Option{ent.Driver(drv)}, o.client...)...)
	// Every write of every entity checks its text and times, and keeps times
	// in UTC, before the entities' own hooks run.
	client.Use(input.Hook())
	return client
}

// openError is the one line a person reads when the database cannot be used.
func openError(t target, err error) error {
	verb := "cannot reach"
	if t.dialect == dialect.SQLite {
		verb = "cannot open"
	}
	return fmt.Errorf("database: %s %s: %s", verb, t.display, reason(err))
}
