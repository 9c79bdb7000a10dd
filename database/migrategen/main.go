// Command migrategen writes, for each store, the migration that brings its
// migration directory (database/migrations/<dialect>) up to the ent schema. It
// writes nothing when they already agree, so `make generate` leaves a clean
// tree. Run it from the repository root, after ent's generation:
//
//	go run ./database/migrategen [name]
//
// name (default "change") ends the new files' names, after the timestamp.
//
// Each diff is computed by Atlas in replay mode: the directory is applied to an
// empty dev database of the same dialect and the result compared with the
// schema, so the files, never a live database, are the reference. The SQLite dev
// database lives in memory; the PostgreSQL one is a database created for the
// run on the local server (PALABRE_DEV_DATABASE_URL) and dropped after it.
package main

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"regexp"
	"slices"

	atlas "ariga.io/atlas/sql/migrate"
	"ariga.io/atlas/sql/sqltool"
	"entgo.io/ent/dialect"
	"entgo.io/ent/dialect/sql/schema"

	"github.com/palabre/palabre/ent/migrate"
)

// root is where the migration directories are, relative to the repository root.
const root = "database/migrations"

// store is one dialect: its directory, how to get an empty dev database, and
// what to fix in the files Atlas writes for it.
type store struct {
	name string
	// dev returns a driver on an empty dev database and a function to dispose of it.
	dev func(context.Context) (dialect.Driver, func() error, error)
	// fix adjusts a new migration file so that goose can apply it; it reports
	// whether it changed the file.
	fix func(path string) (bool, error)
	// indexes adds to the tables the indexes of this store only, and returns
	// the function that takes them away (the tables are shared by the stores).
	indexes func([]*schema.Table) (restore func())
	// extra writes what Atlas does not (SQLite's search indexes), in the new
	// files or a file of its own, and returns the files it wrote or changed.
	extra func(path, name string, tables []*schema.Table, newFiles []string) ([]string, error)
}

var stores = []store{
	{name: "sqlite", dev: sqliteDev, fix: sqliteNoTransaction, indexes: func([]*schema.Table) func() { return func() {} },
		extra: both(sqliteSearchIndexes, sqliteCounts)},
	{name: "postgres", dev: postgresDev, fix: postgresTrigramExtension, indexes: trigramIndexes, extra: postgresCounts},
}

// both runs two extras, the second seeing the first's file among the new ones.
func both(first, second func(path, name string, tables []*schema.Table, newFiles []string) ([]string, error)) func(string, string, []*schema.Table, []string) ([]string, error) {
	return func(path, name string, tables []*schema.Table, newFiles []string) ([]string, error) {
		a, err := first(path, name, tables, newFiles)
		if err != nil {
			return nil, err
		}
		for _, f := range a {
			if !slices.Contains(newFiles, f) {
				newFiles = append(slices.Clip(newFiles), f)
			}
		}
		b, err := second(path, name, tables, newFiles)
		if err != nil {
			return nil, err
		}
		for _, f := range b {
			if !slices.Contains(a, f) {
				a = append(a, f)
			}
		}
		return a, nil
	}
}

var validName = regexp.MustCompile(`^[a-z0-9_]+$`)

func main() {
	log.SetFlags(0)
	log.SetPrefix("migrategen: ")
	name := "change"
	if len(os.Args) > 2 {
		log.Fatal("usage: go run ./database/migrategen [name]")
	}
	if len(os.Args) == 2 {
		name = os.Args[1]
	}
	if !validName.MatchString(name) {
		log.Fatalf("migration name %q: use lower-case letters, digits and underscores", name)
	}
	if _, err := os.Stat(root); err != nil {
		log.Fatalf("%s not found: run from the repository root", root)
	}
	ctx := context.Background()
	indexForeignKeys(migrate.Tables)
	indexScreens(migrate.Tables)
	for _, s := range stores {
		written, err := s.generate(ctx, name)
		if err != nil {
			log.Fatalf("%s: %v", s.name, err)
		}
		for _, f := range written {
			fmt.Println("wrote", f)
		}
	}
}

// generate writes the store's new migration, if any, and returns the new files.
func (s store) generate(ctx context.Context, name string) ([]string, error) {
	drv, dispose, err := s.dev(ctx)
	if err != nil {
		return nil, err
	}
	restore := s.indexes(migrate.Tables)
	written, err := s.diff(ctx, drv, filepath.Join(root, s.name), name, migrate.Tables)
	restore()
	if derr := dispose(); err == nil && derr != nil {
		err = fmt.Errorf("disposing of the dev database: %w", derr)
	}
	return written, err
}

// diff writes to path the migration from what its files build to tables,
// computed on the empty dev database drv, and returns the new files.
func (s store) diff(ctx context.Context, drv dialect.Driver, path, name string, tables []*schema.Table) ([]string, error) {
	before, err := sqlFiles(path)
	if err != nil {
		return nil, err
	}
	dir, err := sqltool.NewGooseDir(path)
	if err != nil {
		return nil, err
	}
	m, err := schema.NewMigrate(drv,
		schema.WithDir(dir),
		schema.WithMigrationMode(schema.ModeReplay),
		schema.WithFormatter(sqltool.GooseFormatter),
		// ent leaves dropped columns and indexes in place by default, which
		// suits auto-migration; here a removed field must leave the table too,
		// or inserts fail on a forgotten NOT NULL column. Review drops in the
		// generated file before committing it.
		schema.WithDropColumn(true),
		schema.WithDropIndex(true),
	)
	if err != nil {
		return nil, err
	}
	if err := m.NamedDiff(ctx, name, tables...); err != nil {
		return nil, err
	}
	after, err := sqlFiles(path)
	if err != nil {
		return nil, err
	}
	var written []string
	for _, f := range after {
		if slices.Contains(before, f) {
			continue
		}
		changed, err := s.fix(f)
		if err != nil {
			return nil, err
		}
		if changed {
			// The checksum file covers every byte of every file.
			sum, err := dir.Checksum()
			if err != nil {
				return nil, err
			}
			if err := atlas.WriteSumFile(dir, sum); err != nil {
				return nil, err
			}
		}
		written = append(written, f)
	}
	if s.extra == nil {
		return written, nil
	}
	extra, err := s.extra(path, name, tables, written)
	if err != nil || len(extra) == 0 {
		return written, err
	}
	sum, err := dir.Checksum()
	if err != nil {
		return nil, err
	}
	if err := atlas.WriteSumFile(dir, sum); err != nil {
		return nil, err
	}
	for _, f := range extra {
		if !slices.Contains(written, f) {
			written = append(written, f)
		}
	}
	return written, nil
}

// sqlFiles lists the migration files of a directory.
func sqlFiles(dir string) ([]string, error) {
	return filepath.Glob(filepath.Join(dir, "*.sql"))
}
