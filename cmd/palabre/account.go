package main

import (
	"context"
	"flag"
	"fmt"
	"strings"

	"github.com/palabre/palabre/access"
	"github.com/palabre/palabre/auth"
)

// accountCreate is `palabre account create`.
func accountCreate(fs *flag.FlagSet) work {
	email := fs.String("email", "", "the person's e-mail address (required)")
	name := fs.String("name", "", "the person's name (required)")
	role := fs.String("role", "", "admin, secretariat, reviewer or agency (required)")
	agency := fs.String("agency", "", "acronym of the person's agency (required for the agency role)")
	r := func() auth.Role { return auth.Role(strings.ToUpper(*role)) }
	return work{
		check: func(*invocation) error {
			if err := required(fs, "email", "name", "role"); err != nil {
				return err
			}
			if !r().Valid() {
				return usagef("--role %q: use admin, secretariat, reviewer or agency", *role)
			}
			return nil
		},
		run: func(ctx context.Context, inv *invocation) error {
			acc, err := access.CreateAccount(access.SystemContext(ctx), inv.client, access.NewAccount{
				Name: *name, Email: *email, Role: r(), AgencyAcronym: *agency,
			})
			if err != nil {
				return err
			}
			fmt.Fprintf(inv.stdout, "created account %s: %s <%s>, %s", acc.ID, acc.Name, acc.Email, strings.ToLower(string(acc.Role)))
			if *agency != "" {
				fmt.Fprintf(inv.stdout, " of %s", *agency)
			}
			fmt.Fprintln(inv.stdout)
			return nil
		},
	}
}
