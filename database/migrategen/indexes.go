package main

import (
	"slices"
	"strings"

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
