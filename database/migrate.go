package database

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"
	"time"

	"entgo.io/ent/dialect"
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
)

// migrations holds the files written by database/migrategen, one directory per
// dialect. atlas.sum is left out: it guards the directory for the generator,
// goose has no use for it.
//
//go:embed migrations/sqlite/*.sql migrations/postgres/*.sql
var migrations embed.FS

// Migrate applies to db the migrations it has not had yet, in order, each in
// its own transaction (SQLite table rebuilds manage theirs: see migrategen),
// and records them in goose_db_version. It does nothing on
// an up-to-date database, so start-up can call it every time. On PostgreSQL,
// instances starting together take turns on an advisory lock. dialectName is
// the one OpenDB returned. After a failure, close db: a half-applied file may
// have left a connection in an unusual state.
func Migrate(ctx context.Context, db *sql.DB, dialectName string) error {
	p, err := provider(ctx, db, dialectName)
	if err != nil {
		return err
	}
	if _, err := p.Up(ctx); err != nil {
		var partial *goose.PartialError
		if errors.As(err, &partial) && partial.Failed != nil && partial.Failed.Source != nil {
			return fmt.Errorf("database: migration %s failed: %w", partial.Failed.Source.Path, partial.Err)
		}
		return fmt.Errorf("database: migrating: %w", err)
	}
	return nil
}

// MigrationStatus is one migration file and whether the database has it.
type MigrationStatus struct {
	Name      string    // file name, such as 20260101120000_init.sql
	Version   int64     // the timestamp that begins the name
	Applied   bool      // whether the database has had it
	AppliedAt time.Time // when, if it has
}

// Status lists the migrations of db's dialect, oldest first, and which of them
// db has had, for `palabre migrate --status` and readiness checks.
func Status(ctx context.Context, db *sql.DB, dialectName string) ([]MigrationStatus, error) {
	p, err := provider(ctx, db, dialectName)
	if err != nil {
		return nil, err
	}
	list, err := p.Status(ctx)
	if err != nil {
		return nil, fmt.Errorf("database: reading migration status: %w", err)
	}
	out := make([]MigrationStatus, 0, len(list))
	for _, s := range list {
		out = append(out, MigrationStatus{
			Name:      s.Source.Path,
			Version:   s.Source.Version,
			Applied:   s.State == goose.StateApplied,
			AppliedAt: s.AppliedAt,
		})
	}
	return out, nil
}

// provider is goose over the dialect's embedded directory. Go migrations are
// not used: the global registry is off so that no init function elsewhere can
// slip one in.
func provider(ctx context.Context, db *sql.DB, dialectName string) (*goose.Provider, error) {
	opts := []goose.ProviderOption{goose.WithDisableGlobalRegistry(true)}
	var (
		gd  goose.Dialect
		dir string
	)
	switch dialectName {
	case dialect.SQLite:
		gd, dir = goose.DialectSQLite3, "migrations/sqlite"
	case dialect.Postgres:
		gd, dir = goose.DialectPostgres, "migrations/postgres"
		locker, err := postgresLocker(ctx, db)
		if err != nil {
			return nil, err
		}
		opts = append(opts, goose.WithSessionLocker(locker))
	default:
		return nil, fmt.Errorf("database: no migrations for dialect %q", dialectName)
	}
	fsys, err := fs.Sub(migrations, dir)
	if err != nil {
		return nil, err
	}
	p, err := goose.NewProvider(gd, db, fsys, opts...)
	if err != nil {
		return nil, fmt.Errorf("database: loading migrations: %w", err)
	}
	return p, nil
}

// postgresLocker serialises migrations of one schema. The lock is keyed on the
// database and schema rather than goose's single default key, so that schemas
// of one database (the parallel tests' private ones) migrate side by side, and
// it is polled every second rather than every five.
func postgresLocker(ctx context.Context, db *sql.DB) (lock.SessionLocker, error) {
	var where string
	if err := db.QueryRowContext(ctx, "SELECT current_database() || '.' || coalesce(current_schema(), '')").Scan(&where); err != nil {
		return nil, fmt.Errorf("database: reading the current schema: %w", err)
	}
	h := fnv.New64a()
	h.Write([]byte("palabre migrations " + where))
	return lock.NewPostgresSessionLocker(
		lock.WithLockID(int64(h.Sum64())),
		lock.WithLockTimeout(1, 300),
	)
}
