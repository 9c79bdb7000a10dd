// Package graph maps GraphQL onto the ent model. Resolvers stay thin: the rules
// live in ent/schema (fields, privacy, hooks) and in the packages named for
// what they do; a resolver only calls them.
package graph

import (
	"context"
	"time"

	"github.com/palabre/palabre/attachment"
	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/schema/pulid"
	"github.com/palabre/palabre/ent/schema/revision"
	"github.com/palabre/palabre/webhook"
)

// Resolver is the root resolver: the dependency of every resolver is the ent
// client; attachFile also stores files; subscriptions have the endpoint's
// WebSocket connections.
type Resolver struct {
	client       *ent.Client
	files        *attachment.Store
	maxFileBytes int64
	live         *liveConnections
	// passwordLinkLifetime is how long the password links createPasswordLink makes work.
	passwordLinkLifetime time.Duration
	// webhooks registers webhook endpoints.
	webhooks webhook.Service
}

// tx returns the client of the transaction that entgql.Transactioner opened for
// the current mutation, so that everything a mutation does commits together.
func tx(ctx context.Context) *ent.Client {
	return ent.FromContext(ctx)
}

// expect returns a context in which updating id succeeds only at the given
// revision: the one the caller read (see ent/schema/revision).
func expect(ctx context.Context, id pulid.ID, rev int) context.Context {
	return revision.Expect(ctx, id, rev)
}
