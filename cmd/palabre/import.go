package main

import (
	"context"
	"flag"
	"fmt"
	"path/filepath"

	"github.com/palabre/palabre/access"
	"github.com/palabre/palabre/archive"
	"github.com/palabre/palabre/attachment"
)

// importArchive is `palabre import --read-only PATH`: load an archive package
// (a folder or a .zip file) into an empty database, which serve then serves
// read-only. The package is checked first (bagit.txt, both manifests,
// Payload-Oxum, the audit chain of its events); a refused one stores nothing.
func importArchive(fs *flag.FlagSet) work {
	readOnly := fs.Bool("read-only", false, "required: an imported archive is served read-only, every change refused")
	return work{
		operands: 1,
		check: func(inv *invocation) error {
			if !*readOnly {
				return usagef("an archive is imported read-only: say --read-only")
			}
			if len(inv.operands) != 1 {
				return usagef("give the package: a folder or a .zip file")
			}
			return nil
		},
		run: func(ctx context.Context, inv *invocation) error {
			location := inv.operands[0]
			bag, err := archive.ReadBag(location)
			if err != nil {
				return err
			}
			files := attachment.NewStore(inv.cfg.FilesLocation())
			defer files.Close()
			imported, err := archive.Import(access.SystemContext(ctx), inv.client, files, filepath.Base(location), bag)
			if err != nil {
				return err
			}
			fmt.Fprintf(inv.stdout, "%s imported read-only: %s; `palabre serve` serves it read-only, `palabre verify` checks it\n", location, archive.Describe(imported))
			return nil
		},
	}
}
