package database

import (
	"context"
	stdsql "database/sql"
	"database/sql/driver"
	"errors"
	"io"
	"net"
	"strings"
	"syscall"

	"entgo.io/ent/dialect"
	"github.com/lib/pq"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/palabre/palabre"
)

// ErrUnavailable is what callers see when the database cannot be used for a
// moment: while PostgreSQL restarts or fails over, or while another process
// holds SQLite's lock past the busy timeout. It is retryable.
var ErrUnavailable = palabre.Errorf(palabre.EUNAVAILABLE, "the database is unreachable or busy for a moment: retry shortly")

// Unavailable reports whether err means that the database cannot be used for
// a moment (a broken or refused connection, a server starting or shutting
// down, a busy SQLite file), rather than that the statement is wrong. A
// cancelled statement (57014, the request's own time limit) is not.
func Unavailable(err error) bool {
	var (
		pqErr  *pq.Error
		sqlErr *sqlite.Error
		netErr *net.OpError
	)
	switch {
	case err == nil:
		return false
	case errors.Is(err, ErrUnavailable), errors.Is(err, driver.ErrBadConn):
		return true
	case errors.As(err, &pqErr):
		switch pqErr.Code {
		case "57P01", "57P02", "57P03", "53300": // admin/crash shutdown, cannot connect now, too many connections
			return true
		}
		return pqErr.Code.Class() == "08" // connection exception
	case errors.As(err, &sqlErr):
		code := sqlErr.Code() & 0xff
		return code == sqlite3.SQLITE_BUSY || code == sqlite3.SQLITE_LOCKED
	case errors.As(err, &netErr),
		errors.Is(err, syscall.ECONNREFUSED), errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.EPIPE),
		errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return true
	}
	return false
}

// unavailableError keeps the driver's error for the log and shows callers
// ErrUnavailable.
type unavailableError struct{ err error }

func (e *unavailableError) Error() string   { return "database unavailable: " + e.err.Error() }
func (e *unavailableError) Unwrap() []error { return []error{ErrUnavailable, e.err} }

// mark returns err, marked as ErrUnavailable when it is one, unless the
// request's own context has ended (its time limit, or the client gone).
func mark(ctx context.Context, err error) error {
	if err == nil || ctx.Err() != nil || errors.Is(err, ErrUnavailable) || !Unavailable(err) {
		return err
	}
	return &unavailableError{err}
}

// retrying is the driver under every client: a read outside a transaction
// that meets a broken connection (a server restarted since the connection
// was pooled) is sent once more, on another connection; any other error that
// means unavailability is marked ErrUnavailable, so that the API answers 503
// UNAVAILABLE rather than INTERNAL. Statements in a transaction are never
// sent again: the transaction is lost with its connection.
type retrying struct{ dialect.Driver }

func (d retrying) Query(ctx context.Context, query string, args, v any) error {
	err := d.Driver.Query(ctx, query, args, v)
	if isRead(query) && mark(ctx, err) != err {
		err = d.Driver.Query(ctx, query, args, v)
	}
	return mark(ctx, err)
}

func (d retrying) Exec(ctx context.Context, query string, args, v any) error {
	return mark(ctx, d.Driver.Exec(ctx, query, args, v))
}

func (d retrying) Tx(ctx context.Context) (dialect.Tx, error) {
	tx, err := d.Driver.Tx(ctx)
	if err != nil {
		return nil, mark(ctx, err)
	}
	return markedTx{tx, ctx}, nil
}

// BeginTx and the two below are the optional methods of ent's SQL driver,
// which the generated client looks for.
func (d retrying) BeginTx(ctx context.Context, opts *stdsql.TxOptions) (dialect.Tx, error) {
	b, ok := d.Driver.(interface {
		BeginTx(context.Context, *stdsql.TxOptions) (dialect.Tx, error)
	})
	if !ok {
		return nil, errors.New("database: the driver cannot begin a transaction with options")
	}
	tx, err := b.BeginTx(ctx, opts)
	if err != nil {
		return nil, mark(ctx, err)
	}
	return markedTx{tx, ctx}, nil
}

func (d retrying) ExecContext(ctx context.Context, query string, args ...any) (stdsql.Result, error) {
	e, ok := d.Driver.(interface {
		ExecContext(context.Context, string, ...any) (stdsql.Result, error)
	})
	if !ok {
		return nil, errors.New("database: the driver cannot run raw statements")
	}
	res, err := e.ExecContext(ctx, query, args...)
	return res, mark(ctx, err)
}

func (d retrying) QueryContext(ctx context.Context, query string, args ...any) (*stdsql.Rows, error) {
	q, ok := d.Driver.(interface {
		QueryContext(context.Context, string, ...any) (*stdsql.Rows, error)
	})
	if !ok {
		return nil, errors.New("database: the driver cannot run raw queries")
	}
	rows, err := q.QueryContext(ctx, query, args...)
	if isRead(query) && mark(ctx, err) != err {
		rows, err = q.QueryContext(ctx, query, args...)
	}
	return rows, mark(ctx, err)
}

// markedTx marks the errors of a transaction's statements and commit.
type markedTx struct {
	dialect.Tx
	ctx context.Context
}

func (t markedTx) Query(ctx context.Context, query string, args, v any) error {
	return mark(ctx, t.Tx.Query(ctx, query, args, v))
}

func (t markedTx) Exec(ctx context.Context, query string, args, v any) error {
	return mark(ctx, t.Tx.Exec(ctx, query, args, v))
}

func (t markedTx) Commit() error { return mark(t.ctx, t.Tx.Commit()) }

// isRead reports whether a statement only reads, and may be sent again.
func isRead(query string) bool {
	query = strings.TrimSpace(query)
	return len(query) >= 6 && strings.EqualFold(query[:6], "SELECT")
}
