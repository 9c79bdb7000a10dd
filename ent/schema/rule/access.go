package rule

import (
	"context"

	"github.com/palabre/palabre/auth"
	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/account"
	"github.com/palabre/palabre/ent/apitoken"
	"github.com/palabre/palabre/ent/privacy"
)

// FilterOwnAccount lets a caller who is not an administrator read only their own account.
func FilterOwnAccount() privacy.QueryRule {
	return privacy.AccountQueryRuleFunc(func(ctx context.Context, q *ent.AccountQuery) error {
		if v := auth.FromContext(ctx); v != nil && !v.Is(auth.RoleAdmin) {
			q.Where(account.ID(v.AccountID))
		}
		return privacy.Skip
	})
}

// FilterOwnTokens lets a caller who is not an administrator read only their own tokens.
func FilterOwnTokens() privacy.QueryRule {
	return privacy.APITokenQueryRuleFunc(func(ctx context.Context, q *ent.APITokenQuery) error {
		if v := auth.FromContext(ctx); v != nil && !v.Is(auth.RoleAdmin) {
			q.Where(apitoken.HasAccountWith(account.ID(v.AccountID)))
		}
		return privacy.Skip
	})
}

// AllowRevokingOwnToken lets anyone revoke their own token, say when it leaked.
func AllowRevokingOwnToken() privacy.MutationRule {
	return privacy.APITokenMutationRuleFunc(func(ctx context.Context, m *ent.APITokenMutation) error {
		v := auth.FromContext(ctx)
		id, ok := m.ID()
		if v == nil || !ok || !m.Op().Is(ent.OpUpdateOne) {
			return privacy.Skip
		}
		for _, f := range m.Fields() {
			if f != apitoken.FieldRevokedAt && f != apitoken.FieldUpdatedAt {
				return privacy.Skip
			}
		}
		own, err := m.Client().APIToken.Query().Where(apitoken.ID(id), apitoken.HasAccountWith(account.ID(v.AccountID))).Exist(ctx)
		if err != nil || !own {
			return err
		}
		return privacy.Allow
	})
}
