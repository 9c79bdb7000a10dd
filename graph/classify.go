package graph

import "context"

// Classify gives an error the code and the message the GraphQL error presenter
// would give it, for the endpoints beside GraphQL (the CSV export): one
// mapping for the whole API. Messages never carry ent, SQL or driver details;
// an error it does not recognise is INTERNAL, for the caller to log.
func Classify(ctx context.Context, err error) (code, message string) {
	return classify(ctx, err)
}
