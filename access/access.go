// Package access manages who may call the API: accounts, and the API tokens
// that authenticate them. The GraphQL API and the command line both go through
// it, so tokens are made, hashed and checked in one place.
package access

import (
	"context"

	"github.com/palabre/palabre/ent/privacy"
)

// SystemContext marks work done by the system itself (the command line, start-up,
// authentication): it passes every privacy rule. Never derive it from a request.
func SystemContext(ctx context.Context) context.Context {
	return privacy.DecisionContext(ctx, privacy.Allow)
}
