package generated

// The helpers the executor calls once graph/execgen has rewritten it (see
// there): written by hand, not by gqlgen.

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
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
