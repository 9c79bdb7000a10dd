package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/palabre/palabre/access"
	"github.com/palabre/palabre/demo"
	"github.com/palabre/palabre/ent"
)

// runSeedDemo is `palabre seed demo`: load the demonstration data and print
// the token of each demo account, the one time they can be read.
func runSeedDemo(ctx context.Context, inv *invocation) error {
	res, err := demo.Seed(access.SystemContext(ctx), inv.client)
	if err != nil {
		return err
	}
	printDemoTokens(inv.stdout, res)
	return nil
}

// seedDemoIfEmpty loads the demonstration data into a database that holds no
// agency and no account yet, so that `make run` seeds once and later starts
// keep what was done since.
func seedDemoIfEmpty(ctx context.Context, client *ent.Client, w io.Writer) error {
	ctx = access.SystemContext(ctx)
	hasAgencies, err := client.Agency.Query().Exist(ctx)
	if err != nil {
		return err
	}
	hasAccounts, err := client.Account.Query().Exist(ctx)
	if err != nil {
		return err
	}
	if hasAgencies || hasAccounts {
		fmt.Fprintln(w, "The database already holds data: no demo data loaded. Tokens are shown only when issued:")
		fmt.Fprintln(w, "issue a new one with `palabre token create --email E`, or delete the database file to start over.")
		return nil
	}
	res, err := demo.Seed(ctx, client)
	if err != nil {
		return err
	}
	printDemoTokens(w, res)
	return nil
}

// printDemoTokens lists the demo accounts and their tokens.
func printDemoTokens(w io.Writer, res *demo.Result) {
	fmt.Fprintln(w, "Demo data loaded. Each account's token is shown this once; send it as `Authorization: Bearer <token>`.")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ROLE\tE-MAIL\tAGENCY\tTOKEN")
	for _, t := range res.Tokens {
		agency := t.Agency
		if agency == "" {
			agency = "-"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", strings.ToLower(string(t.Role)), t.Email, agency, t.Token)
	}
	_ = tw.Flush()
	fmt.Fprintln(w, "To sign in to the web console, an account first needs a password: `palabre account password-link --email E` prints a one-time link to choose it.")
}
