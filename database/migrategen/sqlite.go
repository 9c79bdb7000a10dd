package main

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"os"
	"slices"
	"strings"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
	"entgo.io/ent/dialect/sql/schema"
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

// sqliteSearchIndexes gives, on SQLite, every table with a search column an
// FTS5 index of its trigrams, the twin of PostgreSQL's pg_trgm index
// (trigramIndexes): a table <table>_search over the table's search_text
// (external content: the text is stored once, in the table), kept up to date
// by three triggers, which search.Matching queries. Atlas writes neither
// virtual tables nor triggers, so they are written here: in the new migration
// when there is one, or in a new file of their own; and again whenever a new
// migration rebuilds such a table (dropping the old table drops its triggers,
// and the copy renumbers its rowids, which the index refers to).
//
// It returns the files it wrote or changed.
func sqliteSearchIndexes(path, name string, tables []*schema.Table, newFiles []string) ([]string, error) {
	existing, err := sqlFiles(path)
	if err != nil {
		return nil, err
	}
	var all, fresh []byte
	for _, f := range existing {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		all = append(all, b...)
		if slices.Contains(newFiles, f) {
			fresh = append(fresh, b...)
		}
	}
	var upSQL, downSQL []string
	for _, t := range tables {
		if _, ok := t.Column(searchColumn); !ok {
			continue
		}
		created := bytes.Contains(all, []byte("CREATE VIRTUAL TABLE `"+t.Name+"_search`"))
		rebuilt := bytes.Contains(fresh, []byte("CREATE TABLE `new_"+t.Name+"`"))
		switch {
		case !created:
			upSQL = append(upSQL, fmt.Sprintf("-- create the trigram index of %q (database/migrategen)\n", t.Name)+
				fmt.Sprintf("CREATE VIRTUAL TABLE `%s_search` USING fts5(`%s`, content='%s', content_rowid='rowid', tokenize='trigram');\n",
					t.Name, searchColumn, t.Name)+searchTriggers(t.Name))
			downSQL = append([]string{dropSearchTriggers(t.Name) + fmt.Sprintf("DROP TABLE `%s_search`;\n", t.Name)}, downSQL...)
		case rebuilt:
			upSQL = append(upSQL, fmt.Sprintf("-- the table %q was rebuilt: its index's triggers again, and the index (database/migrategen)\n", t.Name)+
				dropSearchTriggers(t.Name)+searchTriggers(t.Name))
		}
	}
	return appendToMigration(path, name, newFiles, upSQL, downSQL)
}

// searchTriggers keep a table's trigram index up to date, as SQLite's
// documentation of external content tables shows, and fill it anew.
func searchTriggers(table string) string {
	r := strings.NewReplacer("{t}", table, "{c}", searchColumn)
	return r.Replace("-- +goose StatementBegin\n" +
		"CREATE TRIGGER `{t}_search_insert` AFTER INSERT ON `{t}` BEGIN\n" +
		"  INSERT INTO `{t}_search` (rowid, `{c}`) VALUES (new.rowid, new.`{c}`);\n" +
		"END;\n" +
		"-- +goose StatementEnd\n" +
		"-- +goose StatementBegin\n" +
		"CREATE TRIGGER `{t}_search_delete` AFTER DELETE ON `{t}` BEGIN\n" +
		"  INSERT INTO `{t}_search` (`{t}_search`, rowid, `{c}`) VALUES ('delete', old.rowid, old.`{c}`);\n" +
		"END;\n" +
		"-- +goose StatementEnd\n" +
		"-- +goose StatementBegin\n" +
		"CREATE TRIGGER `{t}_search_update` AFTER UPDATE OF `{c}` ON `{t}` BEGIN\n" +
		"  INSERT INTO `{t}_search` (`{t}_search`, rowid, `{c}`) VALUES ('delete', old.rowid, old.`{c}`);\n" +
		"  INSERT INTO `{t}_search` (rowid, `{c}`) VALUES (new.rowid, new.`{c}`);\n" +
		"END;\n" +
		"-- +goose StatementEnd\n" +
		"INSERT INTO `{t}_search` (`{t}_search`) VALUES ('rebuild');\n")
}

func dropSearchTriggers(table string) string {
	var b strings.Builder
	for _, on := range []string{"insert", "delete", "update"} {
		fmt.Fprintf(&b, "DROP TRIGGER IF EXISTS `%s_search_%s`;\n", table, on)
	}
	return b.String()
}
