package main

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"entgo.io/ent/dialect/sql/schema"
	"entgo.io/ent/schema/field"
	"github.com/pressly/goose/v3"
)

// TestSQLiteRebuildKeepsReferringRows runs the generator's pipeline on a small
// schema: a first migration, rows, then a change that makes Atlas rebuild the
// referenced table. Applied by goose as the application applies it, the
// rebuild must keep the rows that refer to the table (ON DELETE CASCADE would
// delete them if foreign keys stayed on) and leave foreign keys on.
func TestSQLiteRebuildKeepsReferringRows(t *testing.T) {
	ctx := context.Background()
	path := t.TempDir()
	sqlite := stores[0]
	if sqlite.name != "sqlite" {
		t.Fatal("stores[0] is not SQLite")
	}

	// Step 1: parents and children, children deleted with their parent.
	generate := func(name string, tables []*schema.Table) []string {
		t.Helper()
		return generateIn(t, sqlite, path, name, tables)
	}
	if w := generate("one", tablesV(false)); len(w) != 1 {
		t.Fatalf("first migration: wrote %v", w)
	}

	db, err := sql.Open("sqlite", filepath.Join(t.TempDir(), "app.db")+"?_pragma=foreign_keys(1)&_pragma=busy_timeout(10000)&_txlock=immediate")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	up := func() {
		t.Helper()
		p, err := goose.NewProvider(goose.DialectSQLite3, db, os.DirFS(path), goose.WithDisableGlobalRegistry(true))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := p.Up(ctx); err != nil {
			t.Fatalf("applying: %v", err)
		}
	}
	up()
	for _, stmt := range []string{
		"INSERT INTO parents (id, name) VALUES (1, 'Ministère')",
		"INSERT INTO children (id, parent_children) VALUES (10, 1), (11, 1)",
	} {
		if _, err := db.ExecContext(ctx, stmt); err != nil {
			t.Fatal(err)
		}
	}

	// Step 2: name becomes optional, which SQLite can only do by rebuilding
	// the table.
	written := generate("two", tablesV(true))
	if len(written) != 1 {
		t.Fatalf("second migration: wrote %v", written)
	}
	b, err := os.ReadFile(written[0])
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	t.Logf("%s:\n%s", filepath.Base(written[0]), text)
	for _, want := range []string{"-- +goose NO TRANSACTION", "PRAGMA foreign_keys = off;\nBEGIN IMMEDIATE;\n", "COMMIT;\n-- enable back the enforcement of foreign-keys constraints\nPRAGMA foreign_keys = on;\n"} {
		if !strings.Contains(text, want) {
			t.Errorf("the rebuild migration lacks %q:\n%s", want, text)
		}
	}
	up()

	var children int
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM children").Scan(&children); err != nil {
		t.Fatal(err)
	}
	if children != 2 {
		t.Errorf("%d children left after rebuilding their parents' table, want 2", children)
	}
	if _, err := db.ExecContext(ctx, "INSERT INTO children (id, parent_children) VALUES (12, 99)"); err == nil {
		t.Error("foreign keys are off after the migration")
	}

	// The fixed file and its checksum agree: nothing left to generate.
	if w := generate("three", tablesV(true)); len(w) != 0 {
		t.Errorf("an unchanged schema wrote %v", w)
	}
}

// tablesV is the test schema, its parents' name optional or not.
func tablesV(optionalName bool) []*schema.Table {
	parentsCols := []*schema.Column{
		{Name: "id", Type: field.TypeInt, Increment: true},
		{Name: "name", Type: field.TypeString, Nullable: optionalName},
	}
	parents := &schema.Table{Name: "parents", Columns: parentsCols, PrimaryKey: parentsCols[:1]}
	childrenCols := []*schema.Column{
		{Name: "id", Type: field.TypeInt, Increment: true},
		{Name: "parent_children", Type: field.TypeInt},
	}
	children := &schema.Table{
		Name: "children", Columns: childrenCols, PrimaryKey: childrenCols[:1],
		ForeignKeys: []*schema.ForeignKey{{
			Symbol: "children_parents_children", Columns: childrenCols[1:],
			RefColumns: parentsCols[:1], RefTable: parents, OnDelete: schema.Cascade,
		}},
	}
	return []*schema.Table{parents, children}
}

// TestSQLiteSearchIndexFollowsItsTable: a table with a search column gets its
// FTS5 trigram index and triggers in its first migration, and again after a
// migration that rebuilds the table (which drops the triggers and renumbers
// the rows); applied by goose, the index finds the rows of before and after
// the rebuild, and agrees with the table (FTS5's integrity-check).
func TestSQLiteSearchIndexFollowsItsTable(t *testing.T) {
	ctx := context.Background()
	path := t.TempDir()
	sqlite := stores[0]
	generate := func(name string, optional bool) []string {
		t.Helper()
		return generateIn(t, sqlite, path, name, searchedV(optional))
	}
	db, err := sql.Open("sqlite", filepath.Join(t.TempDir(), "app.db")+"?_pragma=foreign_keys(1)&_pragma=busy_timeout(10000)&_txlock=immediate")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	run := func(stmts ...string) {
		t.Helper()
		for _, stmt := range stmts {
			if _, err := db.ExecContext(ctx, stmt); err != nil {
				t.Fatalf("%s: %v", stmt, err)
			}
		}
	}
	up := func(written []string, want ...string) {
		t.Helper()
		if len(written) != 1 {
			t.Fatalf("wrote %v, want one file", written)
		}
		b, err := os.ReadFile(written[0])
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range want {
			if !strings.Contains(string(b), w) {
				t.Errorf("%s lacks %q:\n%s", filepath.Base(written[0]), w, b)
			}
		}
		p, err := goose.NewProvider(goose.DialectSQLite3, db, os.DirFS(path), goose.WithDisableGlobalRegistry(true))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := p.Up(ctx); err != nil {
			t.Fatalf("applying: %v", err)
		}
	}
	found := func(pattern string) string {
		t.Helper()
		run("INSERT INTO notes_search (notes_search) VALUES ('integrity-check')")
		var ids []string
		rows, err := db.QueryContext(ctx, `SELECT id FROM notes WHERE rowid IN (SELECT rowid FROM notes_search WHERE notes_search MATCH ?) ORDER BY id`, `"`+pattern+`"`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var id string
			_ = rows.Scan(&id)
			ids = append(ids, id)
		}
		return strings.Join(ids, ",")
	}

	up(generate("one", false), "CREATE VIRTUAL TABLE `notes_search` USING fts5", "CREATE TRIGGER `notes_search_update`")
	run("INSERT INTO notes (id, title, search_text) VALUES ('b', 'B', 'securite des reseaux'), ('a', 'A', 'sensibilisation')")
	if got := found("reseau"); got != "b" {
		t.Errorf("before the rebuild: %q", got)
	}
	up(generate("two", true), "CREATE TABLE `new_notes`", "DROP TRIGGER IF EXISTS `notes_search_insert`", "VALUES ('rebuild')")
	run("INSERT INTO notes (id, search_text) VALUES ('c', 'reseau national')",
		"UPDATE notes SET search_text = 'sensibilisation des reseaux' WHERE id = 'a'")
	if got := found("reseau"); got != "a,b,c" {
		t.Errorf("after the rebuild: %q, want a,b,c", got)
	}
	if w := generate("three", true); len(w) != 0 {
		t.Errorf("an unchanged schema wrote %v", w)
	}
}

// searchedV is a table with a search column, its title optional or not.
func searchedV(optionalTitle bool) []*schema.Table {
	cols := []*schema.Column{
		{Name: "id", Type: field.TypeString},
		{Name: "title", Type: field.TypeString, Nullable: optionalTitle},
		{Name: searchColumn, Type: field.TypeString, Default: ""},
	}
	return []*schema.Table{{Name: "notes", Columns: cols, PrimaryKey: cols[:1]}}
}

// generateIn runs a store's generator on the migration directory path, for
// the tables, and returns the files it wrote.
func generateIn(t *testing.T, s store, path, name string, tables []*schema.Table) []string {
	t.Helper()
	ctx := context.Background()
	// Versions are timestamps to the second: two files in one second would
	// share one.
	time.Sleep(time.Until(time.Now().Truncate(time.Second).Add(time.Second)))
	drv, dispose, err := s.dev(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer dispose()
	written, err := s.diff(ctx, drv, path, name, tables)
	if err != nil {
		t.Fatalf("generating %s: %v", name, err)
	}
	return written
}
