// Package palabre holds what every layer of the application shares: the domain
// error type and its codes. Packages below it (ent/schema, graph, server) report
// failures as *palabre.Error so that the API can show callers a code and a message
// meant for a person, and hide everything else.
package palabre

import (
	"errors"
	"fmt"
)

// Error codes, surfaced to GraphQL callers as extensions.code.
const (
	EUNAUTHENTICATED = "UNAUTHENTICATED" // no valid credentials were presented
	EFORBIDDEN       = "FORBIDDEN"       // the caller may not do this
	ENOTFOUND        = "NOT_FOUND"       // the entity does not exist, or is hidden from the caller
	EINVALID         = "BAD_USER_INPUT"  // the input breaks a rule of the model
	ECONFLICT        = "CONFLICT"        // the change collides with the current state
	EREADONLY        = "READ_ONLY"       // the server serves an archive imported read-only
	ETIMEOUT         = "TIMEOUT"         // the request ran out of time; it may be retried
	EUNAVAILABLE     = "UNAVAILABLE"     // the database cannot be used for a moment; retry shortly
	EINTERNAL        = "INTERNAL"        // anything else; details are logged, never shown
)

// Error is a failure that callers may see: a machine-readable code and a
// message; a refusal (Refuse) also names its reason and the params its
// sentence needs, for frontends that say it in their user's language.
type Error struct {
	Code    string
	Message string
	Reason  Reason
	Params  map[string]string
}

// Error implements the error interface.
func (e *Error) Error() string {
	return fmt.Sprintf("palabre error: code=%s message=%s", e.Code, e.Message)
}

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

func asError(err error, target **Error) bool { return errors.As(err, target) }

// ErrorCode returns the code of err if it wraps an *Error, EINTERNAL otherwise.
func ErrorCode(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the message of err if it wraps an *Error, and a generic
// message otherwise, so that internal details never reach a caller.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "internal error"
}
