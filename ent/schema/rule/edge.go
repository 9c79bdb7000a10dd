package rule

import (
	"context"

	"entgo.io/ent"
	"entgo.io/ent/entql"

	"github.com/palabre/palabre/auth"
	"github.com/palabre/palabre/ent/privacy"
)

// DenyPublicUnlessEdge denies the public a read of what (of ent type typ),
// except when the read loads an edge of an object the public may read (an
// observation's author, a version's publisher): the rows are then hidden, so
// that the field is null on its own instead of the denial nulling its parent.
// Ent runs such an eager load in the context of the parent's query, whose
// type is not typ.
func DenyPublicUnlessEdge(what, typ string) privacy.QueryRule {
	return privacy.FilterFunc(func(ctx context.Context, f privacy.Filter) error {
		if auth.FromContext(ctx) != nil {
			return privacy.Skip
		}
		if qc := ent.QueryFromContext(ctx); qc != nil && qc.Type != typ {
			f.Where(entql.FieldNil("id")) // never: every row has an ID
			return privacy.Skip
		}
		return Denied(ctx, "%s are not public", what)
	})
}
