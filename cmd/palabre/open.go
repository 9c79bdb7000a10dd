package main

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/palabre/palabre/database"
	"github.com/palabre/palabre/ent"
)

// openDatabase opens the database of url, with a pool of connections
// connections (0: the store's default). With migrate, it first applies the
// migrations the database lacks, as start-up does; without, it refuses a
// database that lacks some, rather than fail later on a missing column.
func openDatabase(ctx context.Context, url string, connections int, migrate bool) (*ent.Client, error) {
	db, dialectName, err := database.OpenDB(ctx, url)
	if err != nil {
		return nil, err
	}
	database.SizePool(db, connections)
	if migrate {
		err = database.Migrate(ctx, db, dialectName)
	} else {
		err = checkMigrated(ctx, db, dialectName, url)
	}
	if err != nil {
		db.Close()
		return nil, err
	}
	return database.NewClient(db, dialectName), nil
}

// checkMigrated reports a database that lacks migrations.
func checkMigrated(ctx context.Context, db *sql.DB, dialectName, url string) error {
	status, err := database.Status(ctx, db, dialectName)
	if err != nil {
		return err
	}
	missing := 0
	for _, m := range status {
		if !m.Applied {
			missing++
		}
	}
	if missing > 0 {
		return fmt.Errorf("%s lacks %d of its %d migrations: run palabre migrate first", database.Redact(url), missing, len(status))
	}
	return nil
}
