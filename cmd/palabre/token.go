package server

import (
	"context"
	"flag"
	"fmt"
	"time"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/access"
	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/schema/pulid"
)

// runTokenCreate is `palabre token create`. The token alone goes to standard
// output, so that a script can capture it; what to know about it goes to
// standard error.
func runTokenCreate(ctx context.Context, inv *invocation, args []string) error {
	fs := inv.flagSet()
	cfg, err := inv.config(fs, false)
	if err != nil {
		return err
	}
	email := fs.String("email", "", "e-mail of the account the token is for (required)")
	expires := fs.Duration("expires", 0, "lifetime of the token, such as 720h; 0 for a token that never expires")
	label := fs.String("label", "", "what the token is for, such as the name of the application using it")
	if err := inv.parse(fs, cfg, args); err != nil {
		return err
	}
	if err := required(fs, "email"); err != nil {
		return err
	}
	if *expires < 0 {
		return usagef("--expires %s: a lifetime cannot be negative", *expires)
	}

	client, err := openDatabase(ctx, cfg.DatabaseURL, false)
	if err != nil {
		return err
	}
	defer client.Close()
	token, t, err := access.IssueToken(access.SystemContext(ctx), client, *email, *label, *expires)
	if err != nil {
		return err
	}
	fmt.Fprintln(inv.stdout, token)
	expiry := "never expires"
	if t.ExpiresAt != nil {
		expiry = "expires " + t.ExpiresAt.UTC().Format(time.RFC3339)
	}
	fmt.Fprintf(inv.stderr, "token %s for %s, %s; it is shown this once (revoke it with palabre token revoke --id %s)\n", t.ID, *email, expiry, t.ID)
	return nil
}

// runTokenRevoke is `palabre token revoke`: one token by its ID, or every live
// token of an account.
func runTokenRevoke(ctx context.Context, inv *invocation, args []string) error {
	fs := inv.flagSet()
	cfg, err := inv.config(fs, false)
	if err != nil {
		return err
	}
	id := fs.String("id", "", "ID of the token to revoke, as printed when it was created")
	email := fs.String("email", "", "e-mail of the account whose tokens are all revoked")
	if err := inv.parse(fs, cfg, args); err != nil {
		return err
	}
	if (*id == "") == (*email == "") {
		return usagef("give either --id or --email")
	}
	if *id != "" && !pulid.ID(*id).Valid() {
		return usagef("--id %q is not a token ID", *id)
	}

	client, err := openDatabase(ctx, cfg.DatabaseURL, false)
	if err != nil {
		return err
	}
	defer client.Close()
	ctx = access.SystemContext(ctx)
	if *id != "" {
		_, err := access.RevokeToken(ctx, client, pulid.ID(*id))
		if ent.IsNotFound(err) {
			return palabre.Errorf(palabre.ENOTFOUND, "no token has the ID %s", *id)
		}
		if err != nil {
			return err
		}
		fmt.Fprintf(inv.stdout, "revoked token %s\n", *id)
		return nil
	}
	n, err := access.RevokeTokensOf(ctx, client, *email)
	if err != nil {
		return err
	}
	fmt.Fprintf(inv.stdout, "revoked %d token(s) of %s\n", n, *email)
	return nil
}

// required reports the first of the named flags left empty.
func required(fs *flag.FlagSet, names ...string) error {
	for _, name := range names {
		if fs.Lookup(name).Value.String() == "" {
			return usagef("--%s is required", name)
		}
	}
	return nil
}
