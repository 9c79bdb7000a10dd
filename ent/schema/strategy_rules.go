package schema

import (
	"context"

	"entgo.io/ent"

	"github.com/palabre/palabre"
	gen "github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/hook"
)

// Hooks of the Strategy.
func (Strategy) Hooks() []ent.Hook {
	return []ent.Hook{
		hook.On(checkPeriod, ent.OpCreate|ent.OpUpdateOne),
		hook.Reject(ent.OpUpdate),
	}
}

// checkPeriod refuses a period that ends before it starts.
func checkPeriod(next ent.Mutator) ent.Mutator {
	return hook.StrategyFunc(func(ctx context.Context, m *gen.StrategyMutation) (ent.Value, error) {
		start, startSet := m.StartYear()
		end, endSet := m.EndYear()
		if !startSet && !endSet {
			return next.Mutate(ctx, m)
		}
		var err error
		if !startSet {
			start, err = m.OldStartYear(ctx)
		}
		if err == nil && !endSet {
			end, err = m.OldEndYear(ctx)
		}
		if err != nil {
			return nil, err
		}
		if end < start {
			return nil, palabre.Errorf(palabre.EINVALID, "the period ends (%d) before it starts (%d)", end, start)
		}
		return next.Mutate(ctx, m)
	})
}
