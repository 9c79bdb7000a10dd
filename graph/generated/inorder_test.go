package generated

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
)

func responseContext() context.Context {
	ctx := graphql.WithResponseContext(context.Background(), graphql.DefaultErrorPresenter, graphql.DefaultRecover)
	return graphql.WithFieldContext(ctx, &graphql.FieldContext{Field: graphql.CollectedField{Field: &ast.Field{Alias: "items"}}})
}

// TestAListInOrderKeepsEachElementsContextAndItsPanics: the elements of a
// list marshalled in order each see their own index, a panic in one becomes
// an error on its path and a null, and the others are still marshalled.
func TestAListInOrderKeepsEachElementsContextAndItsPanics(t *testing.T) {
	ctx := responseContext()
	var seen []int
	out := marshalSliceInOrder(ctx, 3, false, func(ctx context.Context, i int) graphql.Marshaler {
		fc := graphql.GetFieldContext(ctx)
		seen = append(seen, *fc.Index)
		if i == 1 {
			panic("boom")
		}
		return graphql.MarshalInt(i)
	})
	var b bytes.Buffer
	out.MarshalGQL(&b)
	if b.String() != "[0,null,2]" {
		t.Errorf("marshalled %s, want [0,null,2]", b.String())
	}
	if len(seen) != 3 || seen[0] != 0 || seen[1] != 1 || seen[2] != 2 {
		t.Errorf("indices seen: %v", seen)
	}
	errs := graphql.GetErrors(ctx)
	if len(errs) != 1 || errs[0].Path.String() != "items[1]" {
		t.Errorf("errors: %v, want one at items[1]", errs)
	}
	if out := marshalSliceInOrder(ctx, 0, false, nil); len(out) != 0 {
		t.Errorf("an empty list marshalled to %d elements", len(out))
	}
}

// TestAFieldInPlaceTurnsAPanicIntoAnError: a field resolved in place that
// panics is null with an error, as on gqlgen's concurrent path; asked not to
// recover, it lets the panic through.
func TestAFieldInPlaceTurnsAPanicIntoAnError(t *testing.T) {
	ctx := responseContext()
	oc := &graphql.OperationContext{RecoverFunc: func(ctx context.Context, err any) error { return errors.New("internal system error") }}
	got := resolveInPlace(ctx, oc, true, func(ctx context.Context) graphql.Marshaler { panic("boom") })
	if got != graphql.Null {
		t.Errorf("a panicking field gave %v, want null", got)
	}
	if errs := graphql.GetErrors(ctx); len(errs) != 1 || errs[0].Message != "internal system error" {
		t.Errorf("errors: %v", errs)
	}
	if got := resolveInPlace(ctx, oc, true, func(ctx context.Context) graphql.Marshaler { return graphql.MarshalInt(7) }); got == graphql.Null {
		t.Error("a field that resolves gave null")
	}
	defer func() {
		if recover() == nil {
			t.Error("a field asked not to recover swallowed its panic")
		}
	}()
	resolveInPlace(ctx, oc, false, func(ctx context.Context) graphql.Marshaler { panic("boom") })
}

// TestADeferredGroupIsBuiltOnlyWhenAFieldIsDeferred: without a deferred
// field the group is empty (no path computed); with one it is gqlgen's.
func TestADeferredGroupIsBuiltOnlyWhenAFieldIsDeferred(t *testing.T) {
	ctx := responseContext()
	plain := []graphql.CollectedField{{Field: &ast.Field{Name: "a"}}}
	if g := deferredGroup(ctx, plain); g.FieldSet != nil || g.Defers != nil {
		t.Errorf("a group was built without a deferred field: %+v", g)
	}
	deferred := append(plain, graphql.CollectedField{Field: &ast.Field{Name: "b"}, Deferrables: []*graphql.Deferrable{{Label: "later"}}})
	if g := deferredGroup(ctx, deferred); g.FieldSet == nil || g.Defers == nil {
		t.Error("no group was built for a deferred field")
	}
}
