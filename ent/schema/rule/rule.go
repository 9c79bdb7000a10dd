// Package rule holds the privacy rules of the model: who may read and write
// what. Schemas name them in their Policy; no resolver or command checks a role
// itself, so there is no path around them.
package rule

import (
	"context"

	"entgo.io/ent"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/auth"
	"github.com/palabre/palabre/ent/privacy"
)

// Denied returns the error for a caller who may not do something: the public is
// asked to authenticate, an authenticated caller is forbidden.
func Denied(ctx context.Context, format string, args ...any) error {
	if auth.FromContext(ctx) == nil {
		return palabre.Errorf(palabre.EUNAUTHENTICATED, "authentication required: "+format, args...)
	}
	return palabre.Errorf(palabre.EFORBIDDEN, format, args...)
}

// AllowRoles allows queries or mutations to callers holding one of the roles.
func AllowRoles(roles ...auth.Role) privacy.QueryMutationRule {
	return privacy.ContextQueryMutationRule(func(ctx context.Context) error {
		v := auth.FromContext(ctx)
		for _, r := range roles {
			if v.Is(r) {
				return privacy.Allow
			}
		}
		return privacy.Skip
	})
}

// DenyPublic denies the public (callers without a token).
func DenyPublic(what string) privacy.QueryMutationRule {
	return privacy.ContextQueryMutationRule(func(ctx context.Context) error {
		if auth.FromContext(ctx) == nil {
			return Denied(ctx, "%s are not public", what)
		}
		return privacy.Skip
	})
}

// DenyMutation ends a mutation policy: whoever was not allowed so far is denied.
func DenyMutation(what string) privacy.MutationRule {
	return privacy.MutationRuleFunc(func(ctx context.Context, m ent.Mutation) error {
		return Denied(ctx, "you may not %s %s", verb(m.Op()), what)
	})
}

func verb(op ent.Op) string {
	switch {
	case op.Is(ent.OpCreate):
		return "create"
	case op.Is(ent.OpDelete | ent.OpDeleteOne):
		return "delete"
	}
	return "change"
}

// DenyQuery ends a query policy: whoever was not allowed so far is denied.
func DenyQuery(what string) privacy.QueryRule {
	return privacy.ContextQueryMutationRule(func(ctx context.Context) error {
		return Denied(ctx, "you may not read %s", what)
	})
}
