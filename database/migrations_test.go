package database_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"ariga.io/atlas/sql/migrate"
	"ariga.io/atlas/sql/sqltool"
)

// TestMigrationFilesMatchTheirChecksums: a migration is changed by writing a
// new one, never by editing an applied file; atlas.sum catches the edit here
// rather than in the next `make generate`.
func TestMigrationFilesMatchTheirChecksums(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"sqlite", "postgres"} {
		dir, err := sqltool.NewGooseDir(filepath.Join("migrations", name))
		if err != nil {
			t.Fatal(err)
		}
		if err := migrate.Validate(dir); err != nil {
			t.Errorf("migrations/%s: %v (regenerate with `go run ./database/migrategen`, do not edit by hand)", name, err)
		}
	}
}

// TestSQLiteRebuildsRunOutsideGooseTransaction: PRAGMA foreign_keys does
// nothing inside a transaction, so a file that turns foreign keys off must be
// NO TRANSACTION (database/migrategen marks it).
func TestSQLiteRebuildsRunOutsideGooseTransaction(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob(filepath.Join("migrations", "sqlite", "*.sql"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		up, _, _ := strings.Cut(string(b), "-- +goose Down")
		if strings.Contains(up, "PRAGMA foreign_keys = off") && !strings.Contains(up, "-- +goose NO TRANSACTION") {
			t.Errorf("%s turns foreign keys off inside goose's transaction, where SQLite ignores it", f)
		}
	}
}
