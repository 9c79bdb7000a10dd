package server

import (
	"context"
	"fmt"
	"strings"

	"github.com/palabre/palabre/access"
	"github.com/palabre/palabre/auth"
)

// runAccountCreate is `palabre account create`.
func runAccountCreate(ctx context.Context, inv *invocation, args []string) error {
	fs := inv.flagSet()
	cfg, err := inv.config(fs, false)
	if err != nil {
		return err
	}
	email := fs.String("email", "", "the person's e-mail address (required)")
	name := fs.String("name", "", "the person's name (required)")
	role := fs.String("role", "", "admin, secretariat, reviewer or agency (required)")
	agency := fs.String("agency", "", "acronym of the person's agency (required for the agency role)")
	if err := inv.parse(fs, cfg, args); err != nil {
		return err
	}
	if err := required(fs, "email", "name", "role"); err != nil {
		return err
	}
	r := auth.Role(strings.ToUpper(*role))
	if !r.Valid() {
		return usagef("--role %q: use admin, secretariat, reviewer or agency", *role)
	}

	client, err := openDatabase(ctx, cfg.DatabaseURL, false)
	if err != nil {
		return err
	}
	defer client.Close()
	acc, err := access.CreateAccount(access.SystemContext(ctx), client, access.NewAccount{
		Name: *name, Email: *email, Role: r, AgencyAcronym: *agency,
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
}
