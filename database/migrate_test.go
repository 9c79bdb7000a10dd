package database_test

import (
	"context"
	"testing"

	"github.com/palabre/palabre/database"
	"github.com/palabre/palabre/database/dbtest"
)

// TestMigrateTwiceIsANoOp: start-up migrates every time, so a second run on an
// up-to-date database must change nothing and fail on nothing.
func TestMigrateTwiceIsANoOp(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db, dialectName := dbtest.OpenDB(t) // migrated once already
	t.Logf("store: %s", dialectName)
	before := schemaObjects(t, db, dialectName)
	for range 2 {
		if err := database.Migrate(ctx, db, dialectName); err != nil {
			t.Fatalf("migrating an up-to-date database: %v", err)
		}
	}
	if after := schemaObjects(t, db, dialectName); after != before {
		t.Errorf("migrating again changed the schema:\nbefore: %s\nafter:  %s", before, after)
	}
	status, err := database.Status(ctx, db, dialectName)
	if err != nil {
		t.Fatal(err)
	}
	if len(status) == 0 {
		t.Fatal("no migrations embedded")
	}
	for _, s := range status {
		if !s.Applied {
			t.Errorf("%s is not applied", s.Name)
		}
	}
	var versions int
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM goose_db_version WHERE version_id > 0").Scan(&versions); err != nil {
		t.Fatal(err)
	}
	if versions != len(status) {
		t.Errorf("goose_db_version records %d migrations, want %d (one each)", versions, len(status))
	}
}
