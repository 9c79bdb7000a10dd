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
	// an object field costs 1 plus its children, and a connection its
	// first/last (20 when absent) times its children; scalars are free.
	MaxCost int
	// MaxAliases bounds the aliased fields of a document (alias batching).
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

// measure walks a document once, fragments included, for its depth, aliases
// and cost.
type measure struct {
	vars      map[string]any
	fragments ast.FragmentDefinitionList
	depth     int
	aliases   int
	visiting  []string // fragments on the current path, against cycles
}

// selection returns the cost of a selection set at the given depth.
func (m *measure) selection(set ast.SelectionSet, depth int) int {
	if depth > m.depth {
		m.depth = depth
	}
	cost := 0
	for _, s := range set {
		switch s := s.(type) {
		case *ast.Field:
			if strings.HasPrefix(s.Name, "__") {
				continue
			}
			if s.Alias != "" && s.Alias != s.Name {
				m.aliases++
			}
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
// for a connection (the default page when neither is given), 1 otherwise.
func (m *measure) multiplier(f *ast.Field) int {
	if f.Definition == nil || !strings.HasSuffix(f.Definition.Type.Name(), "Connection") {
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

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
