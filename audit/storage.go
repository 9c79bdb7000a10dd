package audit

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"

	entschema "entgo.io/ent/dialect/sql/schema"
	"entgo.io/ent/dialect/sql/sqlgraph"
	"entgo.io/ent/schema/field"

	gen "github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/migrate"
)

// entity is how an audited entity type is stored, as far as its trail goes.
type entity struct {
	name   string // the ent type, as events name it
	table  string
	fields []*column // the audited fields, by name
	edges  []*link   // the edges stored in its table or in a join table it owns
	// columns maps every field, audited or not, to its column: what
	// CreateAll writes.
	columns map[string]string
}

// column is an audited field.
type column struct {
	name   string // the field's name in events, also its column
	typ    field.Type
	digest bool // the trail keeps its SHA-256
	// initial is the column's default in the database, as JSON, or nil: what
	// a migration that added the column gave the rows that were there, which
	// no event mentions.
	initial json.RawMessage
}

// link is an edge as stored: a foreign-key column of the owner's table, or a
// join table whose rows pair an owner with a target.
type link struct {
	name     string // the edge's name in the owner's events
	owner    *entity
	target   string // the type of the records it points to
	unique   bool   // a foreign-key column holding one ID; otherwise a join table
	table    string // the owner's table, or the join table
	column   string // the foreign-key column, or the join table's owner column
	targetOf string // the join table's target column
	onDelete string // what the database does to the owner when the target is deleted (foreign keys)
}

// catalogue is every audited entity type, by name, with for each edge stored
// on the other side of a relation (an agency's children) the link that
// stores it.
type catalogue struct {
	entities map[string]*entity
	// foreign maps "Type.edge", an edge whose storage another type owns, to
	// that storage.
	foreign map[string]*link
	// targets lists, by target type, the links that point to it: what a
	// deletion of one of its records cascades to or unlinks.
	targets map[string][]*link
}

// schema returns the catalogue of the generated model, built once.
var schema = sync.OnceValues(func() (*catalogue, error) {
	return build(gen.SchemaGraph(), gen.AuditedTypes, migrate.Tables)
})

// build reads how the model stores each audited entity and edge.
func build(graph *sqlgraph.Schema, audited map[string]gen.AuditedType, tables []*entschema.Table) (*catalogue, error) {
	c := &catalogue{entities: map[string]*entity{}, foreign: map[string]*link{}, targets: map[string][]*link{}}
	initial := map[[2]string]json.RawMessage{} // table, column → default
	onDelete := map[[2]string]string{}         // table, column → action
	for _, t := range tables {
		for _, col := range t.Columns {
			if col.Default != nil {
				initial[[2]string{t.Name, col.Name}], _ = json.Marshal(col.Default)
			}
		}
		for _, fk := range t.ForeignKeys {
			if len(fk.Columns) == 1 {
				onDelete[[2]string{t.Name, fk.Columns[0].Name}] = string(fk.OnDelete)
			}
		}
	}
	nodes := map[string]*sqlgraph.Node{}
	for _, n := range graph.Nodes {
		a, ok := audited[n.Type]
		if !ok {
			continue
		}
		nodes[n.Type] = n
		e := &entity{name: n.Type, table: n.Table, columns: map[string]string{}}
		for name, spec := range n.Fields {
			e.columns[name] = spec.Column
			if slices.Contains(a.Ignore, name) {
				continue
			}
			if spec.Column != name {
				return nil, fmt.Errorf("audit: field %s.%s is stored as %s: events name fields by their column", n.Type, name, spec.Column)
			}
			e.fields = append(e.fields, &column{name: name, typ: spec.Type, digest: slices.Contains(a.Digest, name), initial: initial[[2]string{n.Table, name}]})
		}
		slices.SortFunc(e.fields, func(a, b *column) int { return strings.Compare(a.name, b.name) })
		c.entities[n.Type] = e
	}
	// The owned side of every relation first, so that the other side finds it.
	for _, typ := range sortedKeys(nodes) {
		n, e := nodes[typ], c.entities[typ]
		for _, name := range sortedKeys(n.Edges) {
			edge := n.Edges[name]
			if edge.Spec.Bidi {
				return nil, fmt.Errorf("audit: edge %s.%s is bidirectional: its trail cannot say which row stores it", typ, name)
			}
			if !owned(n, edge.To, edge.Spec) {
				continue
			}
			if _, ok := c.entities[edge.To.Type]; !ok {
				return nil, fmt.Errorf("audit: edge %s.%s points to %s, which is not audited", typ, name, edge.To.Type)
			}
			l := &link{name: name, owner: e, target: edge.To.Type, table: edge.Spec.Table}
			if edge.Spec.Rel == sqlgraph.M2M {
				l.column, l.targetOf = edge.Spec.Columns[0], edge.Spec.Columns[1]
			} else {
				l.unique, l.column = true, edge.Spec.Columns[0]
				l.onDelete = onDelete[[2]string{l.table, l.column}]
			}
			e.edges = append(e.edges, l)
			c.targets[l.target] = append(c.targets[l.target], l)
		}
	}
	for _, typ := range sortedKeys(nodes) {
		n := nodes[typ]
		for _, name := range sortedKeys(n.Edges) {
			edge := n.Edges[name]
			if owned(n, edge.To, edge.Spec) {
				continue
			}
			other, ok := c.entities[edge.To.Type]
			if !ok {
				return nil, fmt.Errorf("audit: edge %s.%s is stored by %s, which is not audited", typ, name, edge.To.Type)
			}
			var found *link
			for _, l := range other.edges {
				if l.table == edge.Spec.Table && l.target == typ && l.column == edge.Spec.Columns[0] && l.name != name {
					found = l
				}
			}
			if found == nil {
				return nil, fmt.Errorf("audit: edge %s.%s is stored by %s, which has no edge back to %s: add one", typ, name, edge.To.Type, typ)
			}
			c.foreign[typ+"."+name] = found
		}
	}
	return c, nil
}

// owned reports whether node n stores its edge to node to: a foreign key in
// its own table, or a join table it is the first column of.
func owned(n, to *sqlgraph.Node, spec *sqlgraph.EdgeSpec) bool {
	switch spec.Rel {
	case sqlgraph.M2O:
		return true
	case sqlgraph.O2O: // the key is in the table of the inverse side
		return spec.Table == n.Table && (spec.Inverse || to.Table != n.Table)
	case sqlgraph.M2M:
		return !spec.Inverse
	}
	return false
}

func sortedKeys[V any](m map[string]V) []string {
	return slices.Sorted(maps.Keys(m))
}
