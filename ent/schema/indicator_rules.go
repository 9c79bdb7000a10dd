package schema

import (
	"context"

	"entgo.io/ent"

	"github.com/palabre/palabre"
	gen "github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/hook"
)

// Hooks of the Indicator.
func (Indicator) Hooks() []ent.Hook {
	return []ent.Hook{hook.On(measureOneThing, ent.OpCreate)}
}

// measureOneThing requires an indicator to measure exactly one objective or one
// action item. Both edges are immutable, so checking at creation is enough.
func measureOneThing(next ent.Mutator) ent.Mutator {
	return hook.IndicatorFunc(func(ctx context.Context, m *gen.IndicatorMutation) (ent.Value, error) {
		_, onObjective := m.ObjectiveID()
		_, onItem := m.ActionItemID()
		if onObjective == onItem {
			return nil, palabre.Errorf(palabre.EINVALID, "an indicator measures exactly one objective or one action item: give objectiveID or actionItemID")
		}
		return next.Mutate(ctx, m)
	})
}
