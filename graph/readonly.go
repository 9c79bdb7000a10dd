package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/palabre/palabre"
)

// readOnlyMessage is what a caller of a read-only server is told.
const readOnlyMessage = "this server serves an archive imported read-only: it answers queries and refuses every change"

// refuseMutations answers every mutation READ_ONLY before any resolver runs,
// on a server serving an imported archive (Config.ReadOnly); queries and
// subscriptions go through.
func refuseMutations(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
	if oc := graphql.GetOperationContext(ctx); oc != nil && oc.Operation != nil && oc.Operation.Operation == ast.Mutation {
		return graphql.OneShot(&graphql.Response{Errors: gqlerror.List{{
			Message:    readOnlyMessage,
			Extensions: map[string]any{"code": palabre.EREADONLY},
		}}})
	}
	return next(ctx)
}

// readOnly reports whether an answer is a refusal of a read-only server,
// which goes with HTTP 403.
func readOnly(errs gqlerror.List) bool {
	for _, e := range errs {
		if e.Extensions["code"] == palabre.EREADONLY {
			return true
		}
	}
	return false
}
