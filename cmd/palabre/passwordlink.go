package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/palabre/palabre/access"
)

// accountPasswordLink is `palabre account password-link`.
func accountPasswordLink(fs *flag.FlagSet) work {
	email := fs.String("email", "", "the e-mail of the account whose password the link sets (required)")
	base := fs.String("base-url", "", "the web console's address, such as https://palabre.example.org, to print the whole link")
	return work{
		check: func(*invocation) error { return required(fs, "email") },
		run: func(ctx context.Context, inv *invocation) error {
			// How long it works is the server's setting (PALABRE_PASSWORD_LINK_LIFETIME).
			secret, l, err := access.CreatePasswordLinkFor(access.SystemContext(ctx), inv.client, *email, inv.cfg.Sessions)
			if err != nil {
				return err
			}
			fmt.Fprintf(inv.stdout, "password link for %s, working once until %s:\n%s%s\n", *email,
				l.ExpiresAt.UTC().Format("2006-01-02 15:04 MST"), *base, access.PasswordLinkPath(secret))
			return nil
		},
	}
}
