package generated

import (
	"context"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
)

// TestAListIsMarshalledInOrderUnlessItsSelectionBlocks: marshalSlice reads
// what the document selects below a list. The objectives' code and their
// items come from memory; their progressRollup may read the database,
// whether asked directly, in a fragment, or in an inline fragment on an
// interface.
func TestAListIsMarshalledInOrderUnlessItsSelectionBlocks(t *testing.T) {
	schema := NewExecutableSchema(Config{}).Schema()
	for _, c := range []struct {
		name, query string
		blocks      bool
	}{
		{"codes and items", `{ objectives(first: 5) { edges { node { code actionItems(first: 3) { edges { node { code leadAgency { name } } } } } } } }`, false},
		{"a rollup", `{ objectives(first: 5) { edges { node { code progressRollup { total } } } } }`, true},
		{"a rollup in a fragment", `{ objectives(first: 5) { edges { node { ...F } } } } fragment F on Objective { code progressRollup { total } }`, true},
		{"a rollup on an interface", `{ nodes(ids: ["x"]) { id ... on Objective { progressRollup { total } } } }`, true},
		{"the interface's own fields", `{ nodes(ids: ["x"]) { id ... on Objective { code } } }`, false},
		{"a fragment spread twice, blocking the second time it is read", `{ objectives(first: 5) { edges { node { ...F ...F progressRollup { total } } } } } fragment F on Objective { code }`, true},
		{"__typename", `{ objectives(first: 5) { edges { __typename node { __typename code } } } }`, false},
	} {
		doc, errs := gqlparser.LoadQuery(schema, c.query)
		if errs != nil {
			t.Fatalf("%s: %v", c.name, errs)
		}
		ctx := graphql.WithOperationContext(context.Background(), &graphql.OperationContext{Doc: doc})
		root := doc.Operations[0].SelectionSet[0].(*ast.Field)
		list := root.SelectionSet
		def := schema.Types[root.Definition.Type.Name()]
		if got := blocks(ctx, schema, def, list, 0, map[string]bool{}); got != c.blocks {
			t.Errorf("%s: blocks %v, want %v", c.name, got, c.blocks)
		}
	}
}
