package schema

import (
	"context"

	"entgo.io/ent"

	"github.com/palabre/palabre/access"
	gen "github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/account"
	"github.com/palabre/palabre/ent/hook"
)

// Hooks of the Account.
func (Account) Hooks() []ent.Hook {
	return []ent.Hook{
		hook.On(requireAgencyForAgencyRole, ent.OpCreate|ent.OpUpdateOne),
		hook.Reject(ent.OpUpdate),
	}
}

// requireAgencyForAgencyRole: an agency account speaks for exactly one agency
// (access.CheckAgency).
func requireAgencyForAgencyRole(next ent.Mutator) ent.Mutator {
	return hook.AccountFunc(func(ctx context.Context, m *gen.AccountMutation) (ent.Value, error) {
		role, roleSet := m.Role()
		_, agencySet := m.AgencyID()
		if m.Op().Is(ent.OpUpdateOne) {
			id, _ := m.ID()
			if !roleSet {
				old, err := m.OldRole(ctx)
				if err != nil {
					return nil, err
				}
				role = old
			}
			if !agencySet && !m.AgencyCleared() {
				n, err := m.Client().Account.Query().Where(account.ID(id), account.HasAgency()).Count(ctx)
				if err != nil {
					return nil, err
				}
				agencySet = n > 0
			}
		}
		if err := access.CheckAgency(role, agencySet); err != nil {
			return nil, err
		}
		return next.Mutate(ctx, m)
	})
}
