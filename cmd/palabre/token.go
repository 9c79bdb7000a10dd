package main

import (
	"context"
	"flag"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/access"
	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/schema/pulid"
)

// tokenCreate is `palabre token create`. The token alone goes to standard
// output, so that a script can capture it; what to know about it goes to
// standard error.
func tokenCreate(fs *flag.FlagSet) work {
	email := fs.String("email", "", "e-mail of the account the token is for (required)")
	expires := lifetime(access.DefaultTokenLifetime)
	fs.Var(&expires, "expires", "lifetime of the token, such as 720h or 30d; never for a token that never expires")
	label := fs.String("label", "", "what the token is for, such as the name of the application using it")
	return work{
		check: func(*invocation) error { return required(fs, "email") },
		run: func(ctx context.Context, inv *invocation) error {
			token, t, err := access.IssueToken(access.SystemContext(ctx), inv.client, *email, *label, time.Duration(expires))
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
		},
	}
}

// lifetime is the value of --expires: a positive duration (720h, or a number
// of days: 30d), or never, kept as 0, which access.IssueToken reads as no
// expiry.
type lifetime time.Duration

func (l *lifetime) Set(s string) error {
	if s == "never" {
		*l = 0
		return nil
	}
	var d time.Duration
	if days, ok := strings.CutSuffix(s, "d"); ok {
		n, err := strconv.Atoi(days)
		if err != nil {
			return fmt.Errorf("write a lifetime as 720h, 30d or never")
		}
		d = time.Duration(n) * 24 * time.Hour
	} else {
		var err error
		if d, err = time.ParseDuration(s); err != nil {
			return fmt.Errorf("write a lifetime as 720h, 30d or never")
		}
	}
	if d <= 0 {
		return fmt.Errorf("a lifetime must be positive; say never for a token that never expires")
	}
	*l = lifetime(d)
	return nil
}

func (l *lifetime) String() string {
	if l == nil {
		return ""
	}
	if *l == 0 {
		return "never"
	}
	d := time.Duration(*l)
	if d%(24*time.Hour) == 0 {
		return strconv.Itoa(int(d/(24*time.Hour))) + "d"
	}
	return d.String()
}

// tokenRevoke is `palabre token revoke`: one token by its ID, or every live
// token of an account.
func tokenRevoke(fs *flag.FlagSet) work {
	id := fs.String("id", "", "ID of the token to revoke, as printed when it was created")
	email := fs.String("email", "", "e-mail of the account whose tokens are all revoked")
	return work{
		check: func(*invocation) error {
			if (*id == "") == (*email == "") {
				return usagef("give either --id or --email")
			}
			if *id != "" && !pulid.ID(*id).Valid() {
				return usagef("--id %q is not a token ID", *id)
			}
			return nil
		},
		run: func(ctx context.Context, inv *invocation) error {
			ctx = access.SystemContext(ctx)
			if *id != "" {
				_, err := access.RevokeToken(ctx, inv.client, pulid.ID(*id))
				if ent.IsNotFound(err) {
					return palabre.Errorf(palabre.ENOTFOUND, "no token has the ID %s", *id)
				}
				if err != nil {
					return err
				}
				fmt.Fprintf(inv.stdout, "revoked token %s\n", *id)
				return nil
			}
			n, err := access.RevokeTokensOf(ctx, inv.client, *email)
			if err != nil {
				return err
			}
			fmt.Fprintf(inv.stdout, "revoked %d token(s) of %s\n", n, *email)
			return nil
		},
	}
}
