package generated

// The helpers the executor calls once graph/execgen has rewritten it (see
// there): written by hand, not by gqlgen.

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
)

// resolveInPlace resolves a field in the calling goroutine, a panic becoming
// the field's error and a null, as gqlgen's concurrent path does.
func resolveInPlace(ctx context.Context, oc *graphql.OperationContext, recoverFromPanic bool, resolve func(ctx context.Context) graphql.Marshaler) (res graphql.Marshaler) {
	if recoverFromPanic {
		defer func() {
			if r := recover(); r != nil {
				oc.Error(ctx, oc.Recover(ctx, r))
				res = graphql.Null
			}
		}()
	}
	return resolve(ctx)
}

// marshalSliceInOrder marshals a list's elements one after the other in the
// calling goroutine. Each has its own field context (its index, and its
// result once set) and its own panic recovery, as with
// graphql.MarshalSliceConcurrently.
func marshalSliceInOrder(ctx context.Context, length int, omitPanicHandler bool, marshalElement func(ctx context.Context, i int) graphql.Marshaler) graphql.Array {
	ret := make(graphql.Array, length)
	if length == 0 {
		return ret
	}
	indices := make([]int, length)
	contexts := make([]graphql.FieldContext, length)
	for i := range length {
		indices[i] = i
		contexts[i].Index = &indices[i]
		ret[i] = marshalElement1(graphql.WithFieldContext(ctx, &contexts[i]), i, omitPanicHandler, marshalElement)
	}
	return ret
}

func marshalElement1(ctx context.Context, i int, omitPanicHandler bool, marshalElement func(ctx context.Context, i int) graphql.Marshaler) (res graphql.Marshaler) {
	if !omitPanicHandler {
		defer func() {
			if r := recover(); r != nil {
				graphql.AddError(ctx, graphql.Recover(ctx, r))
				res = graphql.Null
			}
		}()
	}
	return marshalElement(ctx, i)
}

// deferredGroup returns the deferred group of an object's fields: gqlgen's
// when one of them is deferred, else an empty one that costs nothing (no
// path computed).
func deferredGroup(ctx context.Context, fields []graphql.CollectedField) graphql.DeferredGroup {
	for _, f := range fields {
		if f.IsDeferred() {
			return graphql.NewDeferredGroup(ctx)
		}
	}
	return graphql.DeferredGroup{}
}

// marshalSlice marshals a list of objects of GraphQL type typ in order when
// the document selects, below it, no field that may wait on the database
// (blockingFields), and on gqlgen's goroutines, one per element, when it
// does: then they wait side by side. Fifty observations of a page read
// everything they show from memory; a goroutine each cost more than the
// page's statements.
func marshalSlice(ctx context.Context, schema *ast.Schema, typ string, sel ast.SelectionSet, length int, omitPanicHandler bool, marshalElement func(ctx context.Context, i int) graphql.Marshaler) graphql.Array {
	if length > 1 && blocks(ctx, schema, schema.Types[typ], sel, 0, map[string]bool{}) {
		return graphql.MarshalSliceConcurrently(ctx, length, 0, omitPanicHandler, marshalElement)
	}
	return marshalSliceInOrder(ctx, length, omitPanicHandler, marshalElement)
}

// maxFragmentDepth bounds the walk through fragment spreads (the validator
// refuses cycles; this is a second guard).
const maxFragmentDepth = 32

// blocks reports whether sel, on a value of type def, selects a blocking
// field at any depth. It errs towards true: a field of an interface or a
// union blocks when it blocks on any type that may be there, and a field
// that @skip or @include may drop counts as selected. A named fragment is
// walked once (walked: its answer does not depend on where it is spread, as
// it names its type), so fragments spread in fragments cost their size, not
// the number of their paths.
func blocks(ctx context.Context, schema *ast.Schema, def *ast.Definition, sel ast.SelectionSet, depth int, walked map[string]bool) bool {
	if def == nil || depth > maxFragmentDepth {
		return true
	}
	for _, s := range sel {
		switch s := s.(type) {
		case *ast.Field:
			if s.Definition == nil {
				if s.Name == "__typename" {
					continue
				}
				return true
			}
			if blockingOn(schema, def, s.Name) {
				return true
			}
			if len(s.SelectionSet) > 0 && blocks(ctx, schema, schema.Types[s.Definition.Type.Name()], s.SelectionSet, depth, walked) {
				return true
			}
		case *ast.InlineFragment:
			if blocks(ctx, schema, narrowed(schema, def, s.TypeCondition), s.SelectionSet, depth+1, walked) {
				return true
			}
		case *ast.FragmentSpread:
			if walked[s.Name] {
				continue // walked already, and found not to block
			}
			walked[s.Name] = true
			f := s.Definition
			if f == nil {
				if oc := graphql.GetOperationContext(ctx); oc != nil && oc.Doc != nil {
					f = oc.Doc.Fragments.ForName(s.Name)
				}
			}
			if f == nil || blocks(ctx, schema, narrowed(schema, def, f.TypeCondition), f.SelectionSet, depth+1, walked) {
				return true
			}
		default:
			return true
		}
	}
	return false
}

// narrowed is the type a fragment's selections apply to: its condition, or
// the enclosing type when it has none.
func narrowed(schema *ast.Schema, def *ast.Definition, condition string) *ast.Definition {
	if condition == "" {
		return def
	}
	return schema.Types[condition]
}

// blockingOn reports whether field of def blocks on def or, for an interface
// or a union, on any of its possible types.
func blockingOn(schema *ast.Schema, def *ast.Definition, field string) bool {
	if def.Kind == ast.Object {
		return blockingFields[def.Name][field]
	}
	for _, t := range schema.GetPossibleTypes(def) {
		if blockingFields[t.Name][field] {
			return true
		}
	}
	return false
}
