package main

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"os"
	"slices"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// sqliteDev opens a private in-memory SQLite database with foreign keys on, as
// the application runs it. It is built here and handed to ent as a driver
// rather than named by URL: Atlas would open a URL with the driver name
// "sqlite3", which only mattn's cgo driver registers, and an in-memory database
// must stay on a single connection, which only we can ask of the pool.
func sqliteDev(context.Context) (dialect.Driver, func() error, error) {
	db, err := sql.Open("sqlite", "file:migrategen?mode=memory&_pragma=foreign_keys(1)")
	if err != nil {
		return nil, nil, err
	}
	// One connection, kept open: each new one would see a different, empty
	// database.
	db.SetMaxOpenConns(1)
	db.SetMaxIdleConns(1)
	db.SetConnMaxLifetime(0)
	db.SetConnMaxIdleTime(0)
	return entsql.OpenDB(dialect.SQLite, db), db.Close, nil
}

var (
	fkOff = []byte("PRAGMA foreign_keys = off;\n")
	fkOn  = []byte("PRAGMA foreign_keys = on;\n")
	up    = []byte("-- +goose Up\n")
)

// noTransactionNote explains, in the file itself, why it differs from the others.
const noTransactionNote = `-- This migration rebuilds tables, so foreign keys must be off while it runs;
-- SQLite ignores PRAGMA foreign_keys inside a transaction, and goose runs each
-- file in one unless told otherwise. So goose runs it outside one, on a single
-- connection, and the rebuild between the two pragmas is its own transaction:
-- it applies whole or not at all. (Added by database/migrategen.)
-- +goose NO TRANSACTION
`

// sqliteNoTransaction fixes a file in which Atlas rebuilds tables. Atlas
// surrounds the rebuild with PRAGMA foreign_keys = off/on, as SQLite's own
// procedure for altering tables requires (https://sqlite.org/lang_altertable.html):
// dropping the old table with foreign keys on would delete or refuse the rows
// that refer to it. Inside goose's usual per-file transaction the pragma would
// silently do nothing, so the file is marked NO TRANSACTION and the statements
// between the pragmas are wrapped in BEGIN IMMEDIATE … COMMIT instead.
func sqliteNoTransaction(path string) (bool, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return false, err
	}
	upPart, downPart, hasDown := bytes.Cut(b, []byte("-- +goose Down\n"))
	if !bytes.Contains(upPart, fkOff) {
		return false, nil
	}
	if bytes.Count(upPart, fkOff) != 1 || bytes.Count(upPart, fkOn) != 1 {
		return false, fmt.Errorf("%s: expected one PRAGMA foreign_keys = off and one = on: fix the file by hand", path)
	}
	upPart = bytes.Replace(upPart, up, []byte(noTransactionNote+string(up)), 1)
	upPart = bytes.Replace(upPart, fkOff, append(append([]byte{}, fkOff...), "BEGIN IMMEDIATE;\n"...), 1)
	// COMMIT goes before the pragma and the comment Atlas puts above it.
	at := bytes.Index(upPart, fkOn)
	for at > 0 {
		prev := bytes.LastIndexByte(upPart[:at-1], '\n') + 1
		if !bytes.HasPrefix(upPart[prev:], []byte("--")) {
			break
		}
		at = prev
	}
	upPart = slices.Concat(upPart[:at], []byte("COMMIT;\n"), upPart[at:])
	out := upPart
	if hasDown {
		out = append(append(out, "-- +goose Down\n"...), downPart...)
	}
	return true, os.WriteFile(path, out, 0o644)
}
