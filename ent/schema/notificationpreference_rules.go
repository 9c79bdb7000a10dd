package schema

import (
	"context"

	"entgo.io/ent"

	"github.com/palabre/palabre/auth"
	gen "github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/account"
	"github.com/palabre/palabre/ent/notificationpreference"
	"github.com/palabre/palabre/ent/privacy"
	"github.com/palabre/palabre/ent/schema/rule"
)

// Policy of the NotificationPreference: an account reads and changes its own;
// administrators read everyone's and change none but their own.
func (NotificationPreference) Policy() ent.Policy {
	return privacy.Policy{
		Query: privacy.QueryPolicy{
			rule.DenyPublicUnlessEdge("notification preferences", gen.TypeNotificationPreference),
			filterOwnPreferences(),
			privacy.AlwaysAllowRule(),
		},
		Mutation: privacy.MutationPolicy{
			allowOwnPreferences(),
			rule.DenyMutation("notification preferences of another account"),
		},
	}
}

// filterOwnPreferences lets a caller who is not an administrator read only
// their own preferences.
func filterOwnPreferences() privacy.QueryRule {
	return privacy.NotificationPreferenceQueryRuleFunc(func(ctx context.Context, q *gen.NotificationPreferenceQuery) error {
		if v := auth.FromContext(ctx); v != nil && !v.Is(auth.RoleAdmin) {
			q.Where(notificationpreference.HasAccountWith(account.ID(v.AccountID)))
		}
		return privacy.Skip
	})
}

// allowOwnPreferences lets a caller create or change the preferences of their
// own account, and no other's.
func allowOwnPreferences() privacy.MutationRule {
	return privacy.NotificationPreferenceMutationRuleFunc(func(ctx context.Context, m *gen.NotificationPreferenceMutation) error {
		v := auth.FromContext(ctx)
		if v == nil {
			return privacy.Skip
		}
		switch {
		case m.Op().Is(ent.OpCreate):
			if id, ok := m.AccountID(); ok && id == v.AccountID {
				return privacy.Allow
			}
		case m.Op().Is(ent.OpUpdateOne):
			id, ok := m.ID()
			if !ok {
				return privacy.Skip
			}
			own, err := m.Client().NotificationPreference.Query().
				Where(notificationpreference.ID(id), notificationpreference.HasAccountWith(account.ID(v.AccountID))).Exist(ctx)
			if err != nil {
				return err
			}
			if own {
				return privacy.Allow
			}
		}
		return privacy.Skip
	})
}
