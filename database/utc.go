package database

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"entgo.io/ent/dialect"
)

// utcDriver converts every time sent to the database to UTC, in writes and in
// query arguments alike (overdueOn, where-input filters), whoever built the
// statement. SQLite keeps times as text and compares them as text: a time with
// another offset would be written in a form modernc's driver cannot read back
// (« 2026-06-01 10:00:00 +0200 +0200 ») and would compare wrongly with the
// others. PostgreSQL gets UTC too, so both stores hold the same values.
type utcDriver struct{ dialect.Driver }

// Exec implements dialect.Driver.
func (d utcDriver) Exec(ctx context.Context, query string, args, v any) error {
	return d.Driver.Exec(ctx, query, inUTC(args), v)
}

// Query implements dialect.Driver.
func (d utcDriver) Query(ctx context.Context, query string, args, v any) error {
	return d.Driver.Query(ctx, query, inUTC(args), v)
}

// Tx implements dialect.Driver.
func (d utcDriver) Tx(ctx context.Context) (dialect.Tx, error) {
	tx, err := d.Driver.Tx(ctx)
	if err != nil {
		return nil, err
	}
	return utcTx{tx}, nil
}

// BeginTx starts a transaction with options, as ent's client asks when the
// driver can.
func (d utcDriver) BeginTx(ctx context.Context, opts *sql.TxOptions) (dialect.Tx, error) {
	b, ok := d.Driver.(interface {
		BeginTx(context.Context, *sql.TxOptions) (dialect.Tx, error)
	})
	if !ok {
		return d.Tx(ctx)
	}
	tx, err := b.BeginTx(ctx, opts)
	if err != nil {
		return nil, err
	}
	return utcTx{tx}, nil
}

// ExecContext passes raw statements (ent's client.ExecContext) through.
func (d utcDriver) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	ex, ok := d.Driver.(interface {
		ExecContext(context.Context, string, ...any) (sql.Result, error)
	})
	if !ok {
		return nil, fmt.Errorf("database: driver %T has no ExecContext", d.Driver)
	}
	return ex.ExecContext(ctx, query, inUTC(args).([]any)...)
}

// QueryContext passes raw queries (ent's client.QueryContext) through.
func (d utcDriver) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	q, ok := d.Driver.(interface {
		QueryContext(context.Context, string, ...any) (*sql.Rows, error)
	})
	if !ok {
		return nil, fmt.Errorf("database: driver %T has no QueryContext", d.Driver)
	}
	return q.QueryContext(ctx, query, inUTC(args).([]any)...)
}

type utcTx struct{ dialect.Tx }

// Exec implements dialect.Tx.
func (t utcTx) Exec(ctx context.Context, query string, args, v any) error {
	return t.Tx.Exec(ctx, query, inUTC(args), v)
}

// Query implements dialect.Tx.
func (t utcTx) Query(ctx context.Context, query string, args, v any) error {
	return t.Tx.Query(ctx, query, inUTC(args), v)
}

// inUTC returns args with every time, or pointer to a time, in UTC. It copies
// the slice only when it changes something.
func inUTC(args any) any {
	list, ok := args.([]any)
	if !ok {
		return args
	}
	var out []any
	for i, a := range list {
		var utc any
		switch a := a.(type) {
		case time.Time:
			if a.Location() == time.UTC {
				continue
			}
			utc = a.UTC()
		case *time.Time:
			if a == nil || a.Location() == time.UTC {
				continue
			}
			u := a.UTC()
			utc = &u
		default:
			continue
		}
		if out == nil {
			out = append([]any(nil), list...)
		}
		out[i] = utc
	}
	if out == nil {
		return args
	}
	return out
}
