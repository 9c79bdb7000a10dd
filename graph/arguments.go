package graph

import (
	"context"
	"fmt"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// unreadableArgument is the message for an argument that could not be
// decoded. A cursor's decoder speaks of its encoding (base64, msgpack), which
// is nobody's business: a cursor is opaque, so the message says where to get
// a good one. Other decoders (IDs, times, enums) describe the input only.
func unreadableArgument(ctx context.Context, err *gqlerror.Error) string {
	fc := graphql.GetFieldContext(ctx)
	if fc != nil && len(err.Path) > 0 && fc.Field.Definition != nil {
		if name, ok := err.Path[len(err.Path)-1].(ast.PathName); ok {
			if arg := fc.Field.Definition.Arguments.ForName(string(name)); arg != nil && arg.Type.Name() == "Cursor" {
				return fmt.Sprintf("invalid argument: %s is not a cursor of this list: use pageInfo.startCursor, pageInfo.endCursor or an edge's cursor as the server gave it", name)
			}
		}
	}
	return "invalid argument: " + err.Message
}
