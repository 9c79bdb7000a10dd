package main

import (
	"context"
	"flag"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/palabre/palabre/access"
	"github.com/palabre/palabre/benchdata"
)

// seedBench is `palabre seed bench`: fill an empty database with the
// bench-scale data set (package benchdata) and print the tokens of its
// administrator, secretariat and reviewer. Progress goes to standard error.
func seedBench(fs *flag.FlagSet) work {
	scale := fs.Float64("scale", 1, "size of the data set: 1 is national scale (1 000 000 observations), 0.01 a hundredth of it")
	return work{
		check: func(*invocation) error {
			_, err := benchdata.SizesAt(*scale)
			if err != nil {
				return usagef("%s", strings.TrimPrefix(err.Error(), "invalid: "))
			}
			return nil
		},
		run: func(ctx context.Context, inv *invocation) error {
			start := time.Now()
			res, err := benchdata.Seed(access.SystemContext(ctx), inv.client, *scale, inv.stderr)
			if err != nil {
				return err
			}
			s := res.Sizes
			fmt.Fprintf(inv.stdout, "Bench data loaded in %s: %d agencies, %d strategies, %d objectives, %d action items, %d rounds, %d observations (%d in the largest round, %s).\n",
				time.Since(start).Round(time.Second), s.Agencies, s.Strategies, s.Objectives, s.ActionItems, s.Rounds, s.Observations, s.LargestRound, res.LargestRound)
			fmt.Fprintln(inv.stdout, "Each token is shown this once; send it as `Authorization: Bearer <token>`.")
			tw := tabwriter.NewWriter(inv.stdout, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "ROLE\tE-MAIL\tTOKEN")
			for _, t := range res.Tokens {
				fmt.Fprintf(tw, "%s\t%s\t%s\n", strings.ToLower(string(t.Role)), t.Email, t.Token)
			}
			return tw.Flush()
		},
	}
}
