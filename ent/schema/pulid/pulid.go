// Package pulid implements prefixed ULIDs: identifiers whose first two letters
// name the entity type (so node(id) knows which table to read) and whose rest is
// a ULID (so identifiers are not sequential and cannot be guessed).
// Modelled on entgql's todopulid example.
package pulid

import (
	"crypto/rand"
	"database/sql/driver"
	"fmt"
	"io"
	"strconv"
	"sync"
	"time"

	"github.com/oklog/ulid/v2"

	"github.com/palabre/palabre"
)

// ID is a prefixed ULID, such as "AI01HF3Z...".
type ID string

var (
	entropyMu sync.Mutex
	entropy   = ulid.Monotonic(rand.Reader, 0)
)

// MustNew returns a new ID with the given two-letter prefix.
func MustNew(prefix string) ID {
	entropyMu.Lock()
	defer entropyMu.Unlock()
	return ID(prefix + ulid.MustNew(ulid.Timestamp(time.Now()), entropy).String())
}

// Prefix returns the two-letter type prefix of the ID, or "" if it has none.
func (u ID) Prefix() string {
	if len(u) < 2 {
		return ""
	}
	return string(u[:2])
}

// Valid reports whether the ID has the shape of a prefixed ULID.
func (u ID) Valid() bool {
	if len(u) != 2+ulid.EncodedSize {
		return false
	}
	_, err := ulid.ParseStrict(string(u[2:]))
	return err == nil
}

// UnmarshalGQL implements the graphql.Unmarshaler interface. A malformed ID is
// the caller's mistake: BAD_USER_INPUT.
func (u *ID) UnmarshalGQL(v any) error {
	var id ID
	switch v := v.(type) {
	case string:
		id = ID(v)
	case ID: // arguments already decoded, as entgql passes them again
		id = v
	default:
		return palabre.Errorf(palabre.EINVALID, "an ID must be a string")
	}
	if !id.Valid() {
		return palabre.Errorf(palabre.EINVALID, "%q is not a valid ID", string(id))
	}
	*u = id
	return nil
}

// MarshalGQL implements the graphql.Marshaler interface.
func (u ID) MarshalGQL(w io.Writer) {
	_, _ = io.WriteString(w, strconv.Quote(string(u)))
}

// Scan implements the sql.Scanner interface.
func (u *ID) Scan(src any) error {
	switch src := src.(type) {
	case nil:
		return fmt.Errorf("pulid: expected a value")
	case string:
		*u = ID(src)
	case []byte:
		*u = ID(src)
	case ID:
		*u = src
	default:
		return fmt.Errorf("pulid: unexpected type %T", src)
	}
	return nil
}

// Value implements the driver.Valuer interface.
func (u ID) Value() (driver.Value, error) {
	return string(u), nil
}
