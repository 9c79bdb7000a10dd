// Package graph maps GraphQL onto the ent model. Resolvers stay thin: the rules
// live in ent/schema (fields, privacy, hooks) and in the packages named for
// what they do; a resolver only calls them.
package graph

import (
	"context"

	"github.com/palabre/palabre/ent"
)

// Resolver is the root resolver: the one dependency of every resolver is the
// ent client.
type Resolver struct {
	client *ent.Client
}

// tx returns the client of the transaction that entgql.Transactioner opened for
// the current mutation, so that everything a mutation does commits together.
func tx(ctx context.Context) *ent.Client {
	return ent.FromContext(ctx)
}
