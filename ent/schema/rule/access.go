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
