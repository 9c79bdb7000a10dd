package database

import (
	"context"
	"database/sql/driver"
	"errors"
	"io"
	"net"
	"strings"
	"syscall"

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

// isRead reports whether a statement only reads, and may be sent again.
func isRead(query string) bool {
	query = strings.TrimSpace(query)
	return len(query) >= 6 && strings.EqualFold(query[:6], "SELECT")
}
