package graph_test

import (
	"fmt"
	"net/http"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/graph"
	"github.com/palabre/palabre/graph/generated"
	"github.com/palabre/palabre/internal/apitest"
	"github.com/palabre/palabre/server"
)

func repeatID(id string, n int) []any {
	ids := make([]any, n)
	for i := range ids {
		ids[i] = id
	}
	return ids
}

func TestNodesIsBoundedLikeAPage(t *testing.T) {
	t.Parallel()
	s := apitest.New(t)
	id := string(s.World.Adopted.ID)
	const query = `query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Strategy { title } } }`

	var r struct{ Nodes []struct{ ID string } }
	s.OK(t, "", query, map[string]any{"ids": repeatID(id, graph.MaxListLength)}, &r)
	if len(r.Nodes) != graph.MaxListLength {
		t.Fatalf("%d nodes", len(r.Nodes))
	}
	for _, n := range []int{graph.MaxListLength + 1, 8000} {
		msg := s.Fails(t, "", query, map[string]any{"ids": repeatID(id, n)}, palabre.EINVALID)
		if !strings.Contains(msg, fmt.Sprint(graph.MaxListLength)) {
			t.Errorf("%d IDs: %s", n, msg)
		}
	}
	// Written in the document rather than in variables, too.
	literal := `{ nodes(ids: [` + strings.Repeat(`"`+id+`", `, graph.MaxListLength+1) + `]) { id } }`
	s.Fails(t, "", literal, nil, palabre.EINVALID)
	stillHealthy(t, s)
}

func TestNodesCountsInTheCost(t *testing.T) {
	t.Parallel()
	s := apitest.New(t)
	// 100 IDs × 100 objectives × 100 items: a million objects.
	const query = `query($ids: [ID!]!) { nodes(ids: $ids) { ... on Strategy { objectives(first: 100) { edges { node {
		actionItems(first: 100) { edges { node { code } } } } } } } } }`
	msg := s.Fails(t, s.World.Reviewer, query, map[string]any{"ids": repeatID(string(s.World.Draft.ID), 100)}, palabre.EINVALID)
	if !strings.Contains(msg, "objects") {
		t.Errorf("message: %s", msg)
	}
	// One ID asks for 100 × 100: within the limit.
	s.OK(t, s.World.Reviewer, query, map[string]any{"ids": []any{string(s.World.Draft.ID)}}, nil)
}

// TestEveryListInArgumentsIsBounded walks the schema: every list that a
// field's arguments may hold, directly (nodes(ids:)) or inside an input
// object (input.addChildIDs, where.and), is refused past graph.MaxListLength,
// before anything runs.
func TestEveryListInArgumentsIsBounded(t *testing.T) {
	t.Parallel()
	s := apitest.New(t)
	before := s.Fingerprint(t)
	schema := generated.NewExecutableSchema(generated.Config{}).Schema()
	cases := listArguments(schema)
	if len(cases) < 20 {
		t.Fatalf("found only %d lists in arguments: the walk is broken", len(cases))
	}
	for _, c := range cases {
		res := s.Do(t, s.World.Admin, c.query, c.vars)
		if res.Code() != palabre.EINVALID || !strings.Contains(res.Errors[0].Message, "most a list may have") {
			t.Errorf("%s: %d elements were not refused: %+v", c.name, graph.MaxListLength+1, res.Errors)
		}
	}
	if s.Fingerprint(t) != before {
		t.Error("a refused document changed data")
	}
}

type listCase struct {
	name  string
	query string
	vars  map[string]any
}

// listArguments builds, for every field with a list in its arguments and for
// every input type's list field (each reached once), a document that passes
// validation and puts MaxListLength+1 elements in that list.
func listArguments(schema *ast.Schema) []listCase {
	var cases []listCase
	seen := map[string]bool{} // input type.field already covered
	var roots []*ast.Definition
	for _, r := range []*ast.Definition{schema.Query, schema.Mutation} {
		if r != nil {
			roots = append(roots, r)
		}
	}
	for _, root := range roots {
		for _, f := range root.Fields {
			if strings.HasPrefix(f.Name, "__") {
				continue
			}
			for _, a := range f.Arguments {
				for _, path := range listPaths(schema, a.Type, nil, seen, map[string]bool{}) {
					cases = append(cases, listCase{
						name:  root.Name + "." + f.Name + "(" + a.Name + strings.Join(path, "") + ")",
						query: document(schema, root, f, a),
						vars:  map[string]any{"v": sample(schema, a.Type, path)},
					})
				}
			}
		}
	}
	sort.Slice(cases, func(i, j int) bool { return cases[i].name < cases[j].name })
	return cases
}

// listPaths returns the paths (".field" steps, "[]" for a list) from a value
// of type t to the lists within it not yet seen.
func listPaths(schema *ast.Schema, t *ast.Type, prefix []string, seen, visiting map[string]bool) [][]string {
	if t.Elem != nil {
		return [][]string{append(append([]string{}, prefix...), "[]")}
	}
	def := schema.Types[t.Name()]
	if def == nil || def.Kind != ast.InputObject || visiting[def.Name] {
		return nil
	}
	visiting[def.Name] = true
	defer delete(visiting, def.Name)
	var paths [][]string
	for _, f := range def.Fields {
		key := def.Name + "." + f.Name
		step := append(append([]string{}, prefix...), "."+f.Name)
		if f.Type.Elem != nil {
			if !seen[key] {
				seen[key] = true
				paths = append(paths, append(step, "[]"))
			}
			continue
		}
		paths = append(paths, listPaths(schema, f.Type, step, seen, visiting)...)
	}
	return paths
}

// document is an operation calling f with its argument a from $v, and every
// other required argument with a sample value.
func document(schema *ast.Schema, root *ast.Definition, f *ast.FieldDefinition, a *ast.ArgumentDefinition) string {
	op := "query"
	if root == schema.Mutation {
		op = "mutation"
	}
	args := []string{a.Name + ": $v"}
	for _, other := range f.Arguments {
		if other != a && other.Type.NonNull && other.DefaultValue == nil {
			args = append(args, other.Name+": "+literal(schema, other.Type))
		}
	}
	selection := ""
	if def := schema.Types[f.Type.Name()]; def != nil && def.Kind != ast.Scalar && def.Kind != ast.Enum {
		selection = " { __typename }"
	}
	return fmt.Sprintf("%s($v: %s) { %s(%s)%s }", op, a.Type.String(), f.Name, strings.Join(args, ", "), selection)
}

// sample is a value of type t that validation accepts, with a list of
// MaxListLength+1 elements at path.
func sample(schema *ast.Schema, t *ast.Type, path []string) any {
	if t.Elem != nil {
		n := 1
		if len(path) == 1 && path[0] == "[]" {
			n = graph.MaxListLength + 1
		}
		list := make([]any, n)
		for i := range list {
			list[i] = sample(schema, t.Elem, nil)
		}
		return list
	}
	def := schema.Types[t.Name()]
	switch def.Kind {
	case ast.Enum:
		return def.EnumValues[0].Name
	case ast.InputObject:
		obj := map[string]any{}
		for _, f := range def.Fields {
			if len(path) > 0 && path[0] == "."+f.Name {
				obj[f.Name] = sample(schema, f.Type, path[1:])
			} else if f.Type.NonNull && f.DefaultValue == nil {
				obj[f.Name] = sample(schema, f.Type, nil)
			}
		}
		return obj
	}
	switch t.Name() {
	case "Int", "Float":
		return 1
	case "Boolean":
		return true
	case "Time":
		return "2026-01-01T00:00:00Z"
	}
	return "AG01JZZZZZZZZZZZZZZZZZZZZZZZ"
}

func literal(schema *ast.Schema, t *ast.Type) string {
	if def := schema.Types[t.Name()]; def != nil && def.Kind == ast.Enum {
		return def.EnumValues[0].Name
	}
	switch t.Name() {
	case "Int", "Float":
		return "1"
	case "Boolean":
		return "true"
	case "Time":
		return `"2026-01-01T00:00:00Z"`
	}
	return `"AG01JZZZZZZZZZZZZZZZZZZZZZZZ"`
}

func TestEveryAliasCounts(t *testing.T) {
	t.Parallel()
	s := apitest.New(t)
	over := graph.DefaultLimits().MaxAliases + 1
	aliases := func(format string) string {
		var b strings.Builder
		for i := 0; i < over; i++ {
			fmt.Fprintf(&b, format+" ", i)
		}
		return b.String()
	}
	for _, c := range []struct{ name, query string }{
		{"__typename", `{ ` + aliases("t%d: __typename") + ` }`},
		{"in a fragment", `query { ...F } fragment F on Query { ` + aliases("t%d: __typename") + ` }`},
		{"in an inline fragment", `{ ... on Query { ` + aliases("t%d: __typename") + ` } }`},
		{"in introspection", `{ __schema { ` + aliases("t%d: queryType { name }") + ` } }`},
		{"introspection fields", `{ ` + aliases("t%d: __type(name: \"Query\") { name }") + ` }`},
		{"nested under objects", `{ viewer { ` + aliases("t%d: __typename") + ` } }`},
	} {
		t.Run(c.name, func(t *testing.T) {
			msg := s.Fails(t, s.World.Reviewer, c.query, nil, palabre.EINVALID)
			if !strings.Contains(msg, "aliases") {
				t.Errorf("message: %s", msg)
			}
		})
	}
	s.OK(t, "", `{ a: __typename b: __typename }`, nil, nil)
}

func TestTheTimeLimitCoversTheWholeRequest(t *testing.T) {
	t.Parallel()
	// With a limit of a nanosecond every answer is ready after it: even one
	// that needs no database must not be sent.
	s := apitest.NewWithConfig(t, []func(*server.Config){func(c *server.Config) { c.RequestTimeout = time.Nanosecond }})
	for _, query := range []string{`{ __typename }`, `{ strategies { totalCount } }`} {
		res := post(t, s.URL, "", map[string]any{"query": query})
		if res.status != http.StatusServiceUnavailable || !strings.Contains(res.body, palabre.ETIMEOUT) || strings.Contains(res.body, `"data"`) {
			t.Errorf("%s: %d %s", query, res.status, res.body)
		}
	}
}
