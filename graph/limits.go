package graph

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/palabre/palabre"
)

// Limits bound what one GraphQL document may ask of the server, so that a
// single request cannot exhaust it (OWASP GraphQL cheat sheet). The defaults
// leave room for the screens of frontend-contract/operations.
type Limits struct {
	// MaxDepth is the deepest nesting of fields. Relay shapes are deep
	// (edges { node { … } } adds two levels a hop): a three-hop screen is about 10.
	MaxDepth int
	// MaxCost bounds the estimated number of objects a document can return:
	// an object field costs 1 plus its children, a connection its first/last
	// (20 when absent) times its children, and a field that looks up a list
	// of IDs (nodes) their number times its children; scalars are free. Every
	// list element and input object in the arguments costs 1 more.
	MaxCost int
	// MaxAliases bounds the aliased fields of a document (alias batching),
	// __typename and introspection fields included.
	MaxAliases int
	// MaxTokens bounds the lexical tokens of a document, checked while parsing.
	MaxTokens int
}

// DefaultLimits suit the operations the frontends send.
func DefaultLimits() Limits {
	return Limits{MaxDepth: 15, MaxCost: 50000, MaxAliases: 30, MaxTokens: 5000}
}

// withDefaults fills the zero fields with the defaults.
func (l Limits) withDefaults() Limits {
	d := DefaultLimits()
	for _, f := range []struct{ v, def *int }{{&l.MaxDepth, &d.MaxDepth}, {&l.MaxCost, &d.MaxCost}, {&l.MaxAliases, &d.MaxAliases}, {&l.MaxTokens, &d.MaxTokens}} {
		if *f.v <= 0 {
			*f.v = *f.def
		}
	}
	return l
}

// limitsExtension refuses a document over its limits before it runs.
type limitsExtension struct{ Limits }

var (
	_ graphql.HandlerExtension        = limitsExtension{}
	_ graphql.OperationContextMutator = limitsExtension{}
)

func (limitsExtension) ExtensionName() string                   { return "Limits" }
func (limitsExtension) Validate(graphql.ExecutableSchema) error { return nil }
func (e limitsExtension) MutateOperationContext(ctx context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	if oc.Operation == nil {
		return nil
	}
	m := measure{vars: oc.Variables, fragments: oc.Doc.Fragments}
	cost := m.selection(oc.Operation.SelectionSet, 1)
	switch {
	case m.longList != nil:
		return tooMuch("the list %s of %s has %d elements; the most a list may have is %d", m.longList.path, m.longList.field, m.longList.length, MaxListLength)
	case m.depth > e.MaxDepth:
		return tooMuch("the document nests %d levels deep; the limit is %d", m.depth, e.MaxDepth)
	case m.aliases > e.MaxAliases:
		return tooMuch("the document has %d aliases; the limit is %d", m.aliases, e.MaxAliases)
	case cost > e.MaxCost:
		return tooMuch("the document could return about %d objects; the limit is %d: ask for smaller pages", cost, e.MaxCost)
	}
	return nil
}

func tooMuch(format string, args ...any) *gqlerror.Error {
	err := gqlerror.Errorf(format, args...)
	err.Extensions = map[string]any{"code": palabre.EINVALID}
	return err
}

// MaxListLength is the most elements any list in a field's arguments may have
// (the IDs of nodes, the IDs an input adds, the branches of a where-input's
// and/or), like the largest page: each element is work for the server.
const MaxListLength = MaxPageSize

// measure walks a document once, fragments included, for its depth, aliases
// and cost, and finds the first list argument over MaxListLength.
type measure struct {
	vars          map[string]any
	fragments     ast.FragmentDefinitionList
	depth         int
	aliases       int
	visiting      []string // fragments on the current path, against cycles
	introspecting int      // > 0 inside an introspection field
	longList      *longList
}

// longList is a list argument over MaxListLength.
type longList struct {
	field, path string
	length      int
}

// selection returns the cost of a selection set at the given depth.
func (m *measure) selection(set ast.SelectionSet, depth int) int {
	if depth > m.depth && m.introspecting == 0 {
		m.depth = depth
	}
	cost := 0
	for _, s := range set {
		switch s := s.(type) {
		case *ast.Field:
			if s.Alias != "" && s.Alias != s.Name {
				m.aliases++
			}
			if strings.HasPrefix(s.Name, "__") {
				// Introspection is off in production and its shape is fixed:
				// only its aliases count, as everywhere.
				m.introspecting++
				m.selection(s.SelectionSet, depth+1)
				m.introspecting--
				continue
			}
			cost += m.arguments(s)
			if len(s.SelectionSet) == 0 {
				continue // a scalar costs nothing beyond its object
			}
			children := m.selection(s.SelectionSet, depth+1)
			cost += 1 + m.multiplier(s)*children
		case *ast.InlineFragment:
			cost += m.selection(s.SelectionSet, depth)
		case *ast.FragmentSpread:
			if contains(m.visiting, s.Name) {
				continue // validation refuses cycles; do not loop before it does
			}
			if f := m.fragments.ForName(s.Name); f != nil {
				m.visiting = append(m.visiting, s.Name)
				cost += m.selection(f.SelectionSet, depth)
				m.visiting = m.visiting[:len(m.visiting)-1]
			}
		}
	}
	return cost
}

// multiplier is how many times a field's children may repeat: first or last
// for a connection (the default page when neither is given), the length of
// its list argument for a list looked up by keys (nodes(ids:)), 1 otherwise.
func (m *measure) multiplier(f *ast.Field) int {
	if f.Definition == nil {
		return 1
	}
	if f.Definition.Type.Elem != nil {
		n := 1
		for _, a := range f.Arguments {
			if def := f.Definition.Arguments.ForName(a.Name); def != nil && def.Type.Elem != nil {
				if v, err := a.Value.Value(m.vars); err == nil {
					if list, ok := v.([]any); ok && len(list) > n {
						n = len(list)
					}
				}
			}
		}
		return n
	}
	if !strings.HasSuffix(f.Definition.Type.Name(), "Connection") {
		return 1
	}
	n := 0
	for _, name := range []string{"first", "last"} {
		if a := f.Arguments.ForName(name); a != nil {
			if v, err := a.Value.Value(m.vars); err == nil && v != nil {
				if k, err := strconv.Atoi(fmt.Sprint(v)); err == nil && k > n {
					n = k
				}
			}
		}
	}
	if n == 0 {
		return DefaultPageSize
	}
	return n
}

// arguments prices a field's arguments, one for each list element and input
// object at any depth, and notes the first list over MaxListLength.
func (m *measure) arguments(f *ast.Field) int {
	cost := 0
	for _, a := range f.Arguments {
		v, err := a.Value.Value(m.vars)
		if err != nil {
			continue // validation reports it
		}
		cost += m.value(f.Name, a.Name, v)
	}
	return cost
}

// value prices one argument value at path (input.addChildIDs, say).
func (m *measure) value(field, path string, v any) int {
	switch v := v.(type) {
	case []any:
		if len(v) > MaxListLength && m.longList == nil {
			m.longList = &longList{field: field, path: path, length: len(v)}
		}
		cost := len(v)
		for _, e := range v {
			cost += m.value(field, path, e)
		}
		return cost
	case map[string]any:
		cost := 1
		for k, e := range v {
			cost += m.value(field, path+"."+k, e)
		}
		return cost
	}
	return 0
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
