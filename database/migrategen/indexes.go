package main

import (
	"bytes"
	"fmt"
	"os"
	"slices"
	"strings"

	"entgo.io/ent/dialect"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/dialect/sql/schema"
)

// indexForeignKeys gives every foreign-key column an index that starts with it,
// because neither ent nor PostgreSQL creates one: without it every list and
// count along an edge scans the whole table. The index is (column, id) so that
// a page of a parent's children in ID order (the connections' keyset order) is
// a range of the index, not a sort. A join table's key already starts with its
// first column; its second column gets an index of its own.
//
// This is the one place the rule lives, so that a new edge cannot forget its
// index; database/indexes_test.go reads each store's catalogue to prove it.
func indexForeignKeys(tables []*schema.Table) {
	for _, t := range tables {
		for _, fk := range t.ForeignKeys {
			if len(fk.Columns) != 1 || leadsAnIndex(t, fk.Columns[0]) {
				continue
			}
			columns := []*schema.Column{fk.Columns[0]}
			if id, ok := t.Column("id"); ok {
				columns = append(columns, id)
			}
			t.Indexes = append(t.Indexes, &schema.Index{Name: indexName(t, columns), Columns: columns})
		}
	}
}

// leadsAnIndex reports whether an index or the primary key of t starts with c.
func leadsAnIndex(t *schema.Table, c *schema.Column) bool {
	if len(t.PrimaryKey) > 0 && t.PrimaryKey[0] == c {
		return true
	}
	return slices.ContainsFunc(t.Indexes, func(idx *schema.Index) bool {
		return len(idx.Columns) > 0 && idx.Columns[0] == c
	})
}

// indexName follows ent's naming (table, then columns), within PostgreSQL's
// 63-byte limit on identifiers.
func indexName(t *schema.Table, columns []*schema.Column) string {
	parts := []string{t.Name}
	for _, c := range columns {
		parts = append(parts, c.Name)
	}
	name := strings.Join(parts, "_")
	if len(name) > 63 {
		name = name[:63]
	}
	return name
}

// searchColumn is the column of the search mixin (ent/schema/mixin_search.go):
// the folded text that search matches with LIKE '%…%'.
const searchColumn = "search_text"

// trigramIndexes gives, on PostgreSQL, every table with a search column a GIN
// index of its trigrams (pg_trgm), which serves LIKE '%…%' (the API's search:
// arguments) without reading every row; the migration that creates the first
// one also creates the extension (postgresTrigramExtension). SQLite has no
// such index: a b-tree cannot serve a pattern that starts with %.
//
// This is the one place search indexes are decided; database/indexes_test.go
// reads PostgreSQL's catalogue to prove each search column has one.
func trigramIndexes(tables []*schema.Table) (restore func()) {
	saved := make(map[*schema.Table][]*schema.Index)
	for _, t := range tables {
		c, ok := t.Column(searchColumn)
		if !ok {
			continue
		}
		saved[t] = t.Indexes
		t.Indexes = append(slices.Clip(t.Indexes), &schema.Index{
			Name:    t.Name + "_" + searchColumn + "_trgm",
			Columns: []*schema.Column{c},
			Annotation: &entsql.IndexAnnotation{
				Types:   map[string]string{dialect.Postgres: "GIN"},
				OpClass: "gin_trgm_ops",
			},
		})
	}
	return func() {
		for t, indexes := range saved {
			t.Indexes = indexes
		}
	}
}

// trigramExtension creates pg_trgm where every schema finds it: in public,
// which is on PostgreSQL's default search path. A test's private schema must
// not hold it, or dropping that schema would drop every other schema's
// trigram indexes with it.
const trigramExtension = "CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;\n"

// postgresTrigramExtension puts the creation of pg_trgm at the start of a new
// PostgreSQL migration that uses its operator class: Atlas writes indexes,
// not extensions. The down migration leaves the extension in place.
func postgresTrigramExtension(path string) (bool, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return false, err
	}
	upPart, downPart, _ := bytes.Cut(b, []byte("-- +goose Down\n"))
	if !bytes.Contains(upPart, []byte("gin_trgm_ops")) || bytes.Contains(upPart, []byte("pg_trgm")) {
		return false, nil
	}
	const up = "-- +goose Up\n"
	if !bytes.HasPrefix(upPart, []byte(up)) {
		return false, fmt.Errorf("%s: does not start with %q", path, up)
	}
	out := slices.Concat([]byte(up), []byte("-- the operator class of the trigram indexes below (database/migrategen/indexes.go)\n"+trigramExtension),
		upPart[len(up):])
	if len(downPart) > 0 {
		out = slices.Concat(out, []byte("-- +goose Down\n"), downPart)
	}
	return true, os.WriteFile(path, out, 0o644)
}

// screenIndexes are the composite indexes the screens' filters need that
// start with a foreign key, which ent cannot write (it puts an edge's column
// after the fields): a round's or an agency's observations under the privacy
// filter on status (drafts are their agency's only), so that the page and its
// totalCount read the index alone; an agency's action items by status, soonest
// due first. Indexes of fields alone are in ent/schema, beside the fields.
var screenIndexes = []struct {
	table   string
	columns []string
}{
	{"observations", []string{"consultation_observations", "status"}},
	{"observations", []string{"observation_agency", "status"}},
	{"action_items", []string{"action_item_lead_agency", "status", "due_date"}},
}

// indexScreens adds screenIndexes to the tables, on every store.
func indexScreens(tables []*schema.Table) {
	for _, want := range screenIndexes {
		i := slices.IndexFunc(tables, func(t *schema.Table) bool { return t.Name == want.table })
		if i < 0 {
			panic("migrategen: screenIndexes names no table " + want.table)
		}
		t := tables[i]
		var columns []*schema.Column
		for _, name := range want.columns {
			c, ok := t.Column(name)
			if !ok {
				panic("migrategen: screenIndexes names no column " + want.table + "." + name)
			}
			columns = append(columns, c)
		}
		t.Indexes = append(t.Indexes, &schema.Index{Name: indexName(t, columns), Columns: columns})
	}
}
