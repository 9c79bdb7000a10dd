package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/palabre/palabre/access"
	"github.com/palabre/palabre/archive"
	"github.com/palabre/palabre/attachment"
	"github.com/palabre/palabre/ent/schema/pulid"
)

// export is `palabre export --strategy ID --out PATH` or `palabre export
// --agreement ID --out PATH`: the strategy's or the agreement's archive
// package, as a folder, or as a ZIP file when PATH ends in .zip.
func export(fs *flag.FlagSet) work {
	strategyID := fs.String("strategy", "", "ID of the strategy to export (this or --agreement)")
	agreementID := fs.String("agreement", "", "ID of the agreement to export (this or --strategy)")
	out := fs.String("out", "", "where to write the package: a new folder, or a file ending in .zip (required)")
	return work{
		check: func(*invocation) error {
			if (*strategyID == "") == (*agreementID == "") {
				return usagef("say which record to export: --strategy ID or --agreement ID")
			}
			return required(fs, "out")
		},
		run: func(ctx context.Context, inv *invocation) error {
			files := attachment.NewStore(inv.cfg.FilesLocation())
			defer files.Close()
			id, build := pulid.ID(*strategyID), archive.Strategy
			if *agreementID != "" {
				id, build = pulid.ID(*agreementID), archive.Agreement
			}
			bag, err := build(access.SystemContext(ctx), inv.client, files, id)
			if err != nil {
				return err
			}
			if strings.EqualFold(filepath.Ext(*out), ".zip") {
				var body bytes.Buffer
				if err := bag.WriteZip(&body, strings.TrimSuffix(filepath.Base(*out), filepath.Ext(*out))); err != nil {
					return err
				}
				if err := os.WriteFile(*out, body.Bytes(), 0o644); err != nil {
					return err
				}
			} else if err := bag.WriteDir(*out); err != nil {
				return err
			}
			fmt.Fprintf(inv.stdout, "%s: the archive package of %s, %d payload files; check it with: sha256sum -c manifest-sha256.txt (from the bag's root)\n", *out, id, len(bag.Payload))
			return nil
		},
	}
}
