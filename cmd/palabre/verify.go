package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/palabre/palabre/access"
	"github.com/palabre/palabre/archive"
	"github.com/palabre/palabre/attachment"
	"github.com/palabre/palabre/audit"
	"github.com/palabre/palabre/coordination"
	"github.com/palabre/palabre/database"
	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/versions"
)

// verifyShown is how many records changed behind the API verify names.
const verifyShown = 20

// runVerify is `palabre verify`: recompute the audit chain and the hash of
// every published version and of every approved minutes, and say whether anything was changed behind the
// API. The report goes to standard output; any break makes the exit status 1.
func runVerify(ctx context.Context, inv *invocation) error {
	client := inv.client
	ctx = access.SystemContext(ctx)

	var broken []string
	imported, err := client.ArchiveImport.Query().First(ctx)
	switch {
	case ent.IsNotFound(err):
	case err != nil:
		return err
	default:
		fmt.Fprintf(inv.stdout, "archive: imported read-only from %s; its segment: %s\n", imported.Package, archive.Describe(imported))
	}
	events, brk, err := audit.Verify(ctx, client)
	switch {
	case err != nil:
		return err
	case brk != nil:
		fmt.Fprintf(inv.stdout, "audit chain: %s\n", strings.TrimPrefix(brk.Error(), "audit chain "))
		broken = append(broken, "the audit chain is broken")
	default:
		fmt.Fprintf(inv.stdout, "audit chain: %d events, intact\n", events)
	}

	checked, err := client.StrategyVersion.Query().Count(ctx)
	if err != nil {
		return err
	}
	mismatches, err := versions.Verify(ctx, client)
	if err != nil {
		return err
	}
	if len(mismatches) == 0 {
		fmt.Fprintf(inv.stdout, "versions: %d checked, intact\n", checked)
	} else {
		fmt.Fprintf(inv.stdout, "versions: %d checked, %d do not match their published hash\n", checked, len(mismatches))
		for _, m := range mismatches {
			fmt.Fprintf(inv.stdout, "  %s\n", m.Error())
		}
		broken = append(broken, fmt.Sprintf("%d version(s) do not match their hash", len(mismatches)))
	}
	minutesChecked, minutesBroken, err := coordination.Verify(ctx, client)
	if err != nil {
		return err
	}
	if len(minutesBroken) == 0 {
		fmt.Fprintf(inv.stdout, "approved minutes: %d checked, intact\n", minutesChecked)
	} else {
		fmt.Fprintf(inv.stdout, "approved minutes: %d checked, %d do not match their hash\n", minutesChecked, len(minutesBroken))
		for _, m := range minutesBroken {
			fmt.Fprintf(inv.stdout, "  %s\n", m.Error())
		}
		broken = append(broken, fmt.Sprintf("%d approved minutes do not match their hash", len(minutesBroken)))
	}
	records, changed, err := audit.VerifyRecords(ctx, client, verifyShown)
	if err != nil {
		return err
	}
	if len(changed) == 0 {
		fmt.Fprintf(inv.stdout, "records: %d checked against the audit trail, intact\n", records)
	} else {
		fmt.Fprintf(inv.stdout, "records: %d checked, changed behind the API (at most %d shown, by table and record):\n", records, verifyShown)
		for _, m := range changed {
			fmt.Fprintf(inv.stdout, "  %s\n", m.Error())
		}
		broken = append(broken, "records were changed behind the API")
	}
	counters, drift, err := database.VerifyCounters(ctx, client)
	if err != nil {
		return err
	}
	if len(drift) == 0 {
		fmt.Fprintf(inv.stdout, "observation counters: %d (round, status, agency) checked against COUNT(*), intact\n", counters)
	} else {
		fmt.Fprintf(inv.stdout, "observation counters: %d checked, %d drift from COUNT(*) (at most %d shown):\n", counters, len(drift), verifyShown)
		for _, d := range drift[:min(len(drift), verifyShown)] {
			fmt.Fprintf(inv.stdout, "  %s\n", d.Error())
		}
		broken = append(broken, fmt.Sprintf("%d observation counter(s) drift", len(drift)))
	}
	files := attachment.NewStore(inv.cfg.FilesLocation())
	defer files.Close()
	checkedFiles, problems, err := attachment.Verify(ctx, client, files)
	if err != nil {
		return err
	}
	if len(problems) == 0 {
		fmt.Fprintf(inv.stdout, "attachments: %d re-hashed, intact\n", checkedFiles)
	} else {
		fmt.Fprintf(inv.stdout, "attachments: %d re-hashed, %d missing or altered in the store:\n", checkedFiles, len(problems))
		for _, p := range problems {
			fmt.Fprintf(inv.stdout, "  %s\n", p.Error())
		}
		broken = append(broken, fmt.Sprintf("%d attachment(s) missing or altered", len(problems)))
	}
	if len(broken) > 0 {
		return fmt.Errorf("verification failed: %s; see the report above", strings.Join(broken, ", "))
	}
	return nil
}
