package schema

import (
	"context"

	"entgo.io/ent"

	"github.com/palabre/palabre"
	gen "github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/actionitem"
	"github.com/palabre/palabre/ent/hook"
	"github.com/palabre/palabre/ent/indicator"
	"github.com/palabre/palabre/ent/objective"
	"github.com/palabre/palabre/ent/schema/pulid"
)

// Hooks of the Indicator.
func (Indicator) Hooks() []ent.Hook {
	return []ent.Hook{
		hook.On(measureOneThing, ent.OpCreate),
		hook.On(keepAdoptedIndicators, ent.OpCreate|ent.OpUpdateOne|ent.OpUpdate|ent.OpDeleteOne|ent.OpDelete),
	}
}

// measureOneThing requires an indicator to measure exactly one objective or one
// action item. Both edges are immutable, so checking at creation is enough.
func measureOneThing(next ent.Mutator) ent.Mutator {
	return hook.IndicatorFunc(func(ctx context.Context, m *gen.IndicatorMutation) (ent.Value, error) {
		_, onObjective := m.ObjectiveID()
		_, onItem := m.ActionItemID()
		if onObjective == onItem {
			return nil, palabre.Refuse(palabre.EINVALID, palabre.ReasonIndicatorTarget).Sayf("an indicator measures exactly one objective or one action item: give objectiveID or actionItemID")
		}
		return next.Mutate(ctx, m)
	})
}

// keepAdoptedIndicators refuses adding, changing or removing an indicator of an
// adopted strategy: its name, unit, baseline and target are the plan; its
// measurements are reported on (see keepAdoptedStrategyText).
func keepAdoptedIndicators(next ent.Mutator) ent.Mutator {
	return hook.IndicatorFunc(func(ctx context.Context, m *gen.IndicatorMutation) (ent.Value, error) {
		if err := refuseAdoptedTextChange(ctx, m, m.Client(), nil, func() ([]pulid.ID, error) {
			return indicatorStrategies(ctx, m)
		}); err != nil {
			return nil, err
		}
		return next.Mutate(ctx, m)
	})
}

// indicatorStrategies returns the strategies of the objectives and action
// items that m's indicators measure.
func indicatorStrategies(ctx context.Context, m *gen.IndicatorMutation) ([]pulid.ID, error) {
	c := m.Client()
	if id, ok := m.ObjectiveID(); ok {
		return c.Objective.Query().Where(objective.ID(id)).QueryStrategy().IDs(ctx)
	}
	if id, ok := m.ActionItemID(); ok {
		return c.ActionItem.Query().Where(actionitem.ID(id)).QueryStrategy().IDs(ctx)
	}
	ids, err := m.IDs(ctx)
	if err != nil {
		return nil, err
	}
	viaObjectives, err := c.Indicator.Query().Where(indicator.IDIn(ids...)).QueryObjective().QueryStrategy().IDs(ctx)
	if err != nil {
		return nil, err
	}
	viaItems, err := c.Indicator.Query().Where(indicator.IDIn(ids...)).QueryActionItem().QueryStrategy().IDs(ctx)
	if err != nil {
		return nil, err
	}
	return append(viaObjectives, viaItems...), nil
}
