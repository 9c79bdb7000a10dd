package archive

import (
	"slices"
	"testing"

	"entgo.io/ent/dialect/sql/schema"

	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/migrate"
)

// TestSearchedCoversEverySearchText checks that the import rebuilds the
// search_text of every table that has one, from fields the type has.
func TestSearchedCoversEverySearchText(t *testing.T) {
	tables := map[string]string{} // table → type
	fields := map[string][]string{}
	for _, n := range ent.SchemaGraph().Nodes {
		tables[n.Table] = n.Type
		for name := range n.Fields {
			fields[n.Type] = append(fields[n.Type], name)
		}
	}
	with := 0
	for _, table := range migrate.Tables {
		if !slices.ContainsFunc(table.Columns, func(c *schema.Column) bool { return c.Name == "search_text" }) {
			continue
		}
		with++
		typ := tables[table.Name]
		over, ok := searched[typ]
		if !ok {
			t.Errorf("%s (%s) has a search_text the import does not rebuild: add its SearchMixin's fields to searched", typ, table.Name)
		}
		for _, f := range over {
			if !slices.Contains(fields[typ], f) {
				t.Errorf("searched[%s] names %s, which %s has not", typ, f, typ)
			}
		}
	}
	if with != len(searched) {
		t.Errorf("%d tables have a search_text, searched names %d types", with, len(searched))
	}
}
