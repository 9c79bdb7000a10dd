package database

import (
	"context"
	"errors"
	"net"
	"strings"
	"syscall"

	"github.com/lib/pq"
	"modernc.org/sqlite"
)

// reason reduces a driver's error to what a person needs to fix it: "connection
// refused", "unknown host db.example", "password authentication failed for user
// "palabre"", without the layers of dial and driver prefixes, on one line.
func reason(err error) string {
	var (
		pqErr   *pq.Error
		dnsErr  *net.DNSError
		errno   syscall.Errno
		sqlErr  *sqlite.Error
		timeout interface{ Timeout() bool }
	)
	var msg string
	switch {
	case errors.As(err, &pqErr):
		msg = pqErr.Message
	case errors.As(err, &dnsErr):
		msg = "unknown host " + dnsErr.Name
		if !dnsErr.IsNotFound {
			msg = "cannot resolve host " + dnsErr.Name + ": " + dnsErr.Err
		}
	case errors.As(err, &errno):
		msg = errno.Error()
	case errors.Is(err, context.DeadlineExceeded),
		errors.As(err, &timeout) && timeout.Timeout():
		msg = "no answer in time"
	case errors.Is(err, context.Canceled):
		msg = "cancelled"
	case errors.As(err, &sqlErr):
		msg = sqlErr.Error()
	default:
		msg = strings.TrimPrefix(err.Error(), "pq: ")
	}
	return strings.Join(strings.Fields(msg), " ")
}
