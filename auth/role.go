// Package auth says who is calling: the viewer carried in a request's context,
// the roles an account can hold, and the API tokens that prove it.
package auth

import (
	"fmt"
	"io"
	"strconv"
)

// Role is what an account may do in Palabre.
type Role string

// The roles of DESIGN.md. A caller without a token is the public, which is not a role.
const (
	RoleAdmin       Role = "ADMIN"       // manages agencies, accounts and tokens
	RoleSecretariat Role = "SECRETARIAT" // writes strategies and runs consultations
	RoleReviewer    Role = "REVIEWER"    // reads everything
	RoleAgency      Role = "AGENCY"      // speaks for one agency
)

// Values lists the roles; ent uses it to build the enum.
func (Role) Values() []string {
	return []string{string(RoleAdmin), string(RoleSecretariat), string(RoleReviewer), string(RoleAgency)}
}

// Valid reports whether r is one of the roles.
func (r Role) Valid() bool {
	for _, v := range r.Values() {
		if string(r) == v {
			return true
		}
	}
	return false
}

// MarshalGQL writes the role as a GraphQL enum value.
func (r Role) MarshalGQL(w io.Writer) {
	_, _ = io.WriteString(w, strconv.Quote(string(r)))
}

// UnmarshalGQL reads a role from a GraphQL enum value.
func (r *Role) UnmarshalGQL(v any) error {
	s, _ := v.(string)
	if !Role(s).Valid() {
		return fmt.Errorf("%v is not a valid role", v)
	}
	*r = Role(s)
	return nil
}
