package main

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/99designs/gqlgen/codegen"
	"github.com/vektah/gqlparser/v2/ast"
)

// plainFields are the fields that are a struct field of their object's Go
// value, read as it is (no resolver, no method, no argument, no directive),
// of a scalar or enum type that cannot fail to marshal, not a list:
// "Object.field". gqlgen resolves each through
// ResolveField (a field context, a context value, closures, the field
// middleware, a deferred recover), which for a list page of fifty rows was
// most of the request's allocations. Their function is rewritten to marshal
// the value directly: reading a struct field cannot fail or panic, the field
// middleware (checkArguments) does nothing for a field without arguments,
// and a scalar's marshaller opens no field context below it.
func plainFields(data *codegen.Data) map[string]bool {
	out := map[string]bool{}
	for _, o := range data.Objects {
		if o.Root || o.Stream {
			continue
		}
		for _, f := range o.Fields {
			def := f.TypeReference.Definition
			if f.IsResolver || f.IsMethod() || len(f.Args) > 0 || len(f.Directives) > 0 || f.Stream ||
				def == nil || (def.Kind != ast.Scalar && def.Kind != ast.Enum) || strings.HasPrefix(f.Name, "__") ||
				f.TypeReference.IsSlice() || mayFailToMarshal[def.Name] {
				continue
			}
			out[o.Name+"."+f.Name] = true
		}
	}
	return out
}

// mayFailToMarshal are the scalars whose marshaller can report an error (a
// zero time, a NaN): the error must name the field's own path, which only
// ResolveField's field context gives. Lists are left out for the same
// reason: each element's path names the field.
var mayFailToMarshal = map[string]bool{"Time": true, "Float": true}

// plainFunc is gqlgen's function for a plain field: the value read from the
// struct, no middleware, and a scalar's marshaller.
var plainFunc = regexp.MustCompile(`^func \(ec \*executionContext\) _(\w+)_(\w+)\(ctx context\.Context, field graphql\.CollectedField, obj ([^)]+)\) \(ret graphql\.Marshaler\) \{
	return graphql\.ResolveField\(
		ctx,
		ec\.OperationContext,
		field,
		func\(ctx context\.Context, field graphql\.CollectedField\) \(\*graphql\.FieldContext, error\) \{
			return ec\.fieldContext_\w+\(ctx, field\)
		\},
		func\(ctx context\.Context\) \(any, error\) \{
			return obj\.(\w+), nil
		\},
		nil,
		func\(ctx context\.Context, selections ast\.SelectionSet, v ([^)]+)\) graphql\.Marshaler \{
			return ec\.(marshal(N|O)[^(]+)\(ctx, selections, v\)
		\},
		(true|false),
		(true|false),
	\)
\}
`)

// fieldFunc is the start of gqlgen's function for any field of an object.
var fieldFunc = regexp.MustCompile(`^func \(ec \*executionContext\) _([A-Za-z0-9]+)_([A-Za-z0-9]+)\(ctx context\.Context, field graphql\.CollectedField, obj `)

// plainField rewrites fn when it is the function of a plain field, and says
// whether it did. A plain field's function of another shape is an error:
// gqlgen's output changed, and execgen must follow.
func plainField(fn string, plain map[string]bool) (string, bool, error) {
	h := fieldFunc.FindStringSubmatch(fn)
	if h == nil || !plain[h[1]+"."+h[2]] {
		return fn, false, nil
	}
	m := plainFunc.FindStringSubmatch(fn)
	if m == nil {
		return "", false, fmt.Errorf("the function of the plain field %s.%s is not in the shape execgen rewrites", h[1], h[2])
	}
	object, field, recv, goField, goType, marshal, nullable := m[1], m[2], m[3], m[4], m[5], m[6], m[7]
	if strings.HasPrefix(goType, "*") && nullable == "N" {
		// A nil pointer where GraphQL wants a value: leave the null's error
		// to gqlgen, which places it at the field's path.
		return fn, false, nil
	}
	rest := fn[len(m[0]):]
	return fmt.Sprintf("func (ec *executionContext) _%s_%s(ctx context.Context, field graphql.CollectedField, obj %s) (ret graphql.Marshaler) {\n"+
		"\t// A plain field (graph/execgen/plain.go): marshalled without ResolveField.\n"+
		"\treturn ec.%s(ctx, field.Selections, obj.%s)\n}\n", object, field, recv, marshal, goField) + rest, true, nil
}
