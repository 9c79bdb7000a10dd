package main

import (
	"context"
	"fmt"

	"github.com/palabre/palabre/database"
)

// runMigrate is `palabre migrate`: apply the migrations the database lacks
// and say where it stands.
func runMigrate(ctx context.Context, inv *invocation) error {
	db, dialectName, err := database.OpenDB(ctx, inv.cfg.DatabaseURL)
	if err != nil {
		return err
	}
	defer db.Close()
	before, err := database.Status(ctx, db, dialectName)
	if err != nil {
		return err
	}
	if err := database.Migrate(ctx, db, dialectName); err != nil {
		return err
	}
	applied := 0
	for _, m := range before {
		if !m.Applied {
			fmt.Fprintf(inv.stdout, "applied %s\n", m.Name)
			applied++
		}
	}
	fmt.Fprintf(inv.stdout, "%s is up to date: %d migration(s) applied now, %d in all\n",
		database.Redact(inv.cfg.DatabaseURL), applied, len(before))
	return nil
}
