package graph

import (
	"context"
	"strings"

	"github.com/99designs/gqlgen/graphql"

	"github.com/palabre/palabre"
)

// Page sizes of every connection.
const (
	DefaultPageSize = 20  // when the caller gives neither first nor last
	MaxPageSize     = 100 // the most first or last may ask for
)

// limitPages bounds every connection: entgql sends no LIMIT when neither first
// nor last is given, and none of its own when they are huge.
func limitPages(ctx context.Context, next graphql.Resolver) (any, error) {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil || fc.Args == nil || !strings.HasSuffix(fc.Field.Definition.Type.Name(), "Connection") {
		return next(ctx)
	}
	first, _ := fc.Args["first"].(*int)
	last, _ := fc.Args["last"].(*int)
	for name, n := range map[string]*int{"first": first, "last": last} {
		if n != nil && (*n < 0 || *n > MaxPageSize) {
			return nil, palabre.Errorf(palabre.EINVALID, "%s must be between 0 and %d, not %d", name, MaxPageSize, *n)
		}
	}
	if first != nil && last != nil {
		return nil, palabre.Errorf(palabre.EINVALID, "give first or last, not both")
	}
	if first == nil && last == nil {
		if _, ok := fc.Args["first"]; ok {
			n := DefaultPageSize
			fc.Args["first"] = &n
		}
	}
	return next(ctx)
}
