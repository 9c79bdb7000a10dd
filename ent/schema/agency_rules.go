package schema

import (
	"context"
	"strings"

	"entgo.io/ent"

	"github.com/palabre/palabre"
	gen "github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/agency"
	"github.com/palabre/palabre/ent/hook"
)

// Hooks of the Agency.
func (Agency) Hooks() []ent.Hook {
	return []ent.Hook{
		hook.On(keepReferencedAgency, ent.OpDeleteOne),
		hook.Reject(ent.OpDelete),
	}
}

// keepReferencedAgency refuses to delete an agency that the plan still names,
// rather than let the database cascade or fail with a driver message.
func keepReferencedAgency(next ent.Mutator) ent.Mutator {
	return hook.AgencyFunc(func(ctx context.Context, m *gen.AgencyMutation) (ent.Value, error) {
		id, _ := m.ID()
		q := m.Client().Agency.Query().Where(agency.ID(id))
		uses := []struct {
			what string
			n    func() (int, error)
		}{
			{"leads action items", func() (int, error) { return q.Clone().QueryLedActionItems().Count(ctx) }},
			{"supports action items", func() (int, error) { return q.Clone().QuerySupportedActionItems().Count(ctx) }},
			{"funds action items", func() (int, error) { return q.Clone().QueryFundedActionItems().Count(ctx) }},
			{"owns strategies", func() (int, error) { return q.Clone().QueryOwnedStrategies().Count(ctx) }},
			{"implements strategies", func() (int, error) { return q.Clone().QueryImplementedStrategies().Count(ctx) }},
			{"has accounts", func() (int, error) { return q.Clone().QueryAccounts().Count(ctx) }},
			{"has sub-agencies", func() (int, error) { return q.Clone().QueryChildren().Count(ctx) }},
			{"is invited to consultations", func() (int, error) { return q.Clone().QueryConsultations().Count(ctx) }},
		}
		var reasons []string
		for _, u := range uses {
			n, err := u.n()
			if err != nil {
				return nil, err
			}
			if n > 0 {
				reasons = append(reasons, u.what)
			}
		}
		if len(reasons) > 0 {
			return nil, palabre.Errorf(palabre.ECONFLICT, "this agency cannot be deleted: it %s", strings.Join(reasons, ", "))
		}
		return next.Mutate(ctx, m)
	})
}
