package database

import (
	"context"
	stdsql "database/sql"
	"errors"
	"sync/atomic"

	"entgo.io/ent/dialect"
)

// storeDriver is the driver under every client. It sends every time in UTC
// (inUTC), and on PostgreSQL bytes as text (bytes.go); a read outside a transaction that meets a broken connection (a
// server restarted since the connection was pooled) is sent once more, on
// another connection; any other error that means unavailability is marked
// ErrUnavailable, so that the API answers 503 UNAVAILABLE rather than
// INTERNAL. Statements in a transaction are never sent again: the transaction
// is lost with its connection.
type storeDriver struct {
	dialect.Driver
	textBytes bool           // send []byte arguments as text (PostgreSQL: bytes.go)
	prepared  *preparedReads // reads outside transactions (PostgreSQL: prepared.go)
}

// args is what the driver sends for a statement's arguments: times in UTC,
// and on PostgreSQL bytes as text.
func (d storeDriver) args(a any) any {
	a = inUTC(a)
	if d.textBytes {
		a = bytesAsText(a)
	}
	return a
}

func (d storeDriver) Query(ctx context.Context, query string, args, v any) error {
	args = d.args(args)
	read := isRead(query)
	err := d.query(ctx, query, args, v, read)
	if read && mark(ctx, err) != err {
		err = d.query(ctx, query, args, v, read)
	}
	return mark(ctx, err)
}

// query sends a statement as it is, or a read as a prepared statement when
// the store keeps them (PostgreSQL).
func (d storeDriver) query(ctx context.Context, query string, args, v any, read bool) error {
	if list, ok := args.([]any); ok && read && d.prepared != nil {
		return d.prepared.Query(ctx, query, list, v)
	}
	return d.Driver.Query(ctx, query, args, v)
}

func (d storeDriver) Exec(ctx context.Context, query string, args, v any) error {
	return mark(ctx, d.Driver.Exec(ctx, query, d.args(args), v))
}

func (d storeDriver) Tx(ctx context.Context) (dialect.Tx, error) {
	tx, err := d.Driver.Tx(ctx)
	if err != nil {
		return nil, mark(ctx, err)
	}
	return &storeTx{Tx: tx, ctx: ctx, send: d.args}, nil
}

// BeginTx and the two below are the optional methods of ent's SQL driver,
// which the generated client looks for.
func (d storeDriver) BeginTx(ctx context.Context, opts *stdsql.TxOptions) (dialect.Tx, error) {
	b, ok := d.Driver.(interface {
		BeginTx(context.Context, *stdsql.TxOptions) (dialect.Tx, error)
	})
	if !ok {
		return d.Tx(ctx)
	}
	tx, err := b.BeginTx(ctx, opts)
	if err != nil {
		return nil, mark(ctx, err)
	}
	return &storeTx{Tx: tx, ctx: ctx, send: d.args}, nil
}

func (d storeDriver) ExecContext(ctx context.Context, query string, args ...any) (stdsql.Result, error) {
	return execRaw(ctx, d.Driver, query, d.args(args).([]any))
}

func (d storeDriver) QueryContext(ctx context.Context, query string, args ...any) (*stdsql.Rows, error) {
	rows, err := queryRaw(ctx, d.Driver, query, d.args(args).([]any))
	if isRead(query) && mark(ctx, err) != err {
		rows, err = queryRaw(ctx, d.Driver, query, d.args(args).([]any))
	}
	return rows, mark(ctx, err)
}

// storeTx sends a transaction's times in UTC and marks the errors of its
// statements and commit. It remembers whether it ran anything but a SELECT:
// only such a transaction rings the commit bell, since a read-only one (a
// worker's claim that found nothing) changed nothing a watcher could read,
// and ringing for it would wake that worker again, forever.
type storeTx struct {
	dialect.Tx
	ctx   context.Context
	send  func(any) any // the driver's args
	wrote atomic.Bool
}

func (t *storeTx) Query(ctx context.Context, query string, args, v any) error {
	t.saw(query)
	return mark(ctx, t.Tx.Query(ctx, query, t.send(args), v))
}

func (t *storeTx) Exec(ctx context.Context, query string, args, v any) error {
	t.saw(query)
	return mark(ctx, t.Tx.Exec(ctx, query, t.send(args), v))
}

// saw notes a statement of the transaction; PostgreSQL's INSERT … RETURNING
// comes through Query, so the text decides, not the method.
func (t *storeTx) saw(query string) {
	if !isRead(query) {
		t.wrote.Store(true)
	}
}

// Commit commits, and tells the commit watchers of the process (WatchCommits)
// when the transaction wrote.
func (t *storeTx) Commit() error {
	if err := t.Tx.Commit(); err != nil {
		return mark(t.ctx, err)
	}
	if t.wrote.Load() {
		committed()
	}
	return nil
}

// ExecContext and QueryContext pass raw statements of a transaction (ent's
// tx.ExecContext, tx.QueryContext) through.
func (t *storeTx) ExecContext(ctx context.Context, query string, args ...any) (stdsql.Result, error) {
	t.saw(query)
	return execRaw(ctx, t.Tx, query, t.send(args).([]any))
}

func (t *storeTx) QueryContext(ctx context.Context, query string, args ...any) (*stdsql.Rows, error) {
	t.saw(query)
	rows, err := queryRaw(ctx, t.Tx, query, t.send(args).([]any))
	return rows, mark(ctx, err)
}

// execRaw runs a raw statement on ent's driver or transaction x.
func execRaw(ctx context.Context, x any, query string, args []any) (stdsql.Result, error) {
	e, ok := x.(interface {
		ExecContext(context.Context, string, ...any) (stdsql.Result, error)
	})
	if !ok {
		return nil, errors.New("database: the driver cannot run raw statements")
	}
	res, err := e.ExecContext(ctx, query, args...)
	return res, mark(ctx, err)
}

// queryRaw runs a raw query on ent's driver or transaction x.
func queryRaw(ctx context.Context, x any, query string, args []any) (*stdsql.Rows, error) {
	q, ok := x.(interface {
		QueryContext(context.Context, string, ...any) (*stdsql.Rows, error)
	})
	if !ok {
		return nil, errors.New("database: the driver cannot run raw queries")
	}
	return q.QueryContext(ctx, query, args...)
}
