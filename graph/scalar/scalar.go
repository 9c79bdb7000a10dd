// Package scalar decodes and encodes Palabre's GraphQL scalars where gqlgen's
// defaults are too lenient: every String argument and input field is checked
// as text (input.CheckText), every Time is refused when empty or out of range
// and is kept in UTC. The error presenter adds the name of the field.
package scalar

import (
	"time"

	"github.com/99designs/gqlgen/graphql"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/input"
)

// MarshalString encodes a String as gqlgen does.
func MarshalString(s string) graphql.Marshaler { return graphql.MarshalString(s) }

// UnmarshalString decodes a String argument or input field and refuses text
// with NUL or control characters, or that was not UTF-8.
func UnmarshalString(v any) (string, error) {
	s, err := graphql.UnmarshalString(v)
	if err != nil {
		return "", palabre.Errorf(palabre.EINVALID, "must be a string")
	}
	if err := input.CheckText(s); err != nil {
		return "", palabre.Errorf(palabre.EINVALID, "%v", err)
	}
	return s, nil
}

// MarshalTime encodes a Time in UTC, as RFC 3339 with a Z: what the stores keep.
func MarshalTime(t time.Time) graphql.Marshaler { return graphql.MarshalTime(t.UTC()) }

// UnmarshalTime decodes an RFC 3339 time with any offset and returns it in UTC.
// An empty string is refused (gqlgen would read it as no time at all, and
// clear a date by accident: to clear a date, send null), and so is a year out
// of input.MinYear–MaxYear.
func UnmarshalTime(v any) (time.Time, error) {
	s, ok := v.(string)
	if !ok {
		return time.Time{}, palabre.Errorf(palabre.EINVALID, "must be a time such as 2026-06-01T10:00:00Z")
	}
	if s == "" {
		return time.Time{}, palabre.Errorf(palabre.EINVALID, "must be a time such as 2026-06-01T10:00:00Z, not an empty string (send null to leave it unset)")
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, palabre.Errorf(palabre.EINVALID, "%q is not a time such as 2026-06-01T10:00:00Z or 2026-06-01T10:00:00+02:00", s)
	}
	if err := input.CheckTime(t); err != nil {
		return time.Time{}, palabre.Errorf(palabre.EINVALID, "%v", err)
	}
	return t.UTC(), nil
}
