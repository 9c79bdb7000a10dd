// Package access manages who may call the API: accounts, the API tokens that
// authenticate them, and the system's own elevated work. The GraphQL API, the
// command line and the demo all go through it, so accounts are created, tokens
// made, hashed and checked, and privacy bypassed in one place each.
package access

import (
	"context"

	"github.com/palabre/palabre/ent/privacy"
)

type reasonKey struct{}

// AsSystem returns a context in which the work is done by the system itself:
// it passes every privacy rule. It is the one way to bypass privacy, and says
// why (the reason is kept in the context, see SystemReason): a read that only
// informs a check, the command line, start-up, authentication. Never derive it
// from a request to serve that request's reads.
func AsSystem(ctx context.Context, reason string) context.Context {
	return privacy.DecisionContext(context.WithValue(ctx, reasonKey{}, reason), privacy.Allow)
}

// SystemContext is AsSystem for the command line and tests, whose whole work
// is the system's.
func SystemContext(ctx context.Context) context.Context {
	return AsSystem(ctx, "the command line or a test")
}

// ActsAsSystem reports whether ctx is the system's (see AsSystem): it passes
// every rule.
func ActsAsSystem(ctx context.Context) bool {
	decision, ok := privacy.DecisionFromContext(ctx)
	return ok && decision == nil
}

// SystemReason returns why ctx acts as the system, if it does.
func SystemReason(ctx context.Context) (string, bool) {
	if !ActsAsSystem(ctx) {
		return "", false
	}
	reason, _ := ctx.Value(reasonKey{}).(string)
	return reason, true
}
