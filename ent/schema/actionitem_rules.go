package schema

import (
	"context"
	"time"

	"entgo.io/ent"

	"github.com/palabre/palabre"
	gen "github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/actionitem"
	"github.com/palabre/palabre/ent/hook"
	"github.com/palabre/palabre/ent/objective"
	"github.com/palabre/palabre/ent/schema/pulid"
	"github.com/palabre/palabre/ent/strategy"
	"github.com/palabre/palabre/plan"
)

// Hooks of the ActionItem.
func (ActionItem) Hooks() []ent.Hook {
	return []ent.Hook{
		hook.On(placeInStrategy, ent.OpCreate|ent.OpUpdateOne),
		hook.On(checkSchedule, ent.OpCreate|ent.OpUpdateOne),
		hook.On(checkBudget, ent.OpCreate|ent.OpUpdateOne),
		hook.On(checkDependencies, ent.OpCreate|ent.OpUpdateOne),
		hook.Reject(ent.OpUpdate), // bulk updates would bypass the checks above
		hook.On(keepAdoptedActionItems, ent.OpCreate|ent.OpUpdateOne|ent.OpDeleteOne|ent.OpDelete),
	}
}

// placeInStrategy records the strategy of the item's objective, and keeps an
// item that moves to another objective within its strategy.
func placeInStrategy(next ent.Mutator) ent.Mutator {
	return hook.ActionItemFunc(func(ctx context.Context, m *gen.ActionItemMutation) (ent.Value, error) {
		objectiveID, ok := m.ObjectiveID()
		if !ok {
			return next.Mutate(ctx, m)
		}
		strategyID, err := m.Client().Objective.Query().Where(objective.ID(objectiveID)).QueryStrategy().OnlyID(ctx)
		if gen.IsNotFound(err) {
			return nil, palabre.Errorf(palabre.ENOTFOUND, "objective %s not found", objectiveID)
		}
		if err != nil {
			return nil, err
		}
		if m.Op().Is(ent.OpCreate) {
			m.SetStrategyID(strategyID)
			return next.Mutate(ctx, m)
		}
		id, _ := m.ID()
		current, err := m.Client().ActionItem.Query().Where(actionitem.ID(id)).QueryStrategy().OnlyID(ctx)
		if err != nil {
			return nil, err
		}
		if current != strategyID {
			return nil, palabre.Errorf(palabre.EINVALID, "an action item can only move to an objective of its own strategy")
		}
		return next.Mutate(ctx, m)
	})
}

// checkSchedule refuses a due date before the start date (plan.CheckSchedule).
func checkSchedule(next ent.Mutator) ent.Mutator {
	return hook.ActionItemFunc(func(ctx context.Context, m *gen.ActionItemMutation) (ent.Value, error) {
		start, startSet := m.StartDate()
		due, dueSet := m.DueDate()
		if !startSet && !dueSet {
			return next.Mutate(ctx, m)
		}
		var startAt, dueAt *time.Time
		if startSet {
			startAt = &start
		}
		if dueSet {
			dueAt = &due
		}
		if m.Op().Is(ent.OpUpdateOne) {
			var err error
			if !startSet && !m.StartDateCleared() {
				if startAt, err = m.OldStartDate(ctx); err != nil {
					return nil, err
				}
			}
			if !dueSet && !m.DueDateCleared() {
				if dueAt, err = m.OldDueDate(ctx); err != nil {
					return nil, err
				}
			}
		}
		if err := plan.CheckSchedule(startAt, dueAt); err != nil {
			return nil, err
		}
		return next.Mutate(ctx, m)
	})
}

// checkBudget requires a currency with a budget (plan.CheckBudget).
func checkBudget(next ent.Mutator) ent.Mutator {
	return hook.ActionItemFunc(func(ctx context.Context, m *gen.ActionItemMutation) (ent.Value, error) {
		if _, ok := m.EstimatedBudget(); !ok {
			return next.Mutate(ctx, m)
		}
		_, hasCurrency := m.BudgetCurrency()
		if !hasCurrency && m.Op().Is(ent.OpUpdateOne) && !m.BudgetCurrencyCleared() {
			old, err := m.OldBudgetCurrency(ctx)
			if err != nil {
				return nil, err
			}
			hasCurrency = old != nil
		}
		if err := plan.CheckBudget(true, hasCurrency); err != nil {
			return nil, err
		}
		return next.Mutate(ctx, m)
	})
}

// checkDependencies keeps dependencies within the item's strategy and refuses
// an item that depends on itself (plan.CheckDependencies).
func checkDependencies(next ent.Mutator) ent.Mutator {
	return hook.ActionItemFunc(func(ctx context.Context, m *gen.ActionItemMutation) (ent.Value, error) {
		deps := m.DependsOnIDs()
		if len(deps) == 0 {
			return next.Mutate(ctx, m)
		}
		id, _ := m.ID()
		if err := plan.CheckDependencies(id, deps, len(unique(deps))); err != nil {
			return nil, err // on itself: refused before anything is read
		}
		strategyID, ok := m.StrategyID()
		if !ok {
			var err error
			if strategyID, err = m.Client().ActionItem.Query().Where(actionitem.ID(id)).QueryStrategy().OnlyID(ctx); err != nil {
				return nil, err
			}
		}
		n, err := m.Client().ActionItem.Query().
			Where(actionitem.IDIn(deps...), actionitem.HasStrategyWith(strategy.ID(strategyID))).
			Count(ctx)
		if err != nil {
			return nil, err
		}
		if err := plan.CheckDependencies(id, deps, n); err != nil {
			return nil, err
		}
		return next.Mutate(ctx, m)
	})
}

func unique(ids []pulid.ID) map[pulid.ID]bool {
	set := make(map[pulid.ID]bool, len(ids))
	for _, id := range ids {
		set[id] = true
	}
	return set
}

// keepAdoptedActionItems refuses adding, replanning or removing an action item
// of an adopted strategy; its lead agency and the secretariat still report its
// progress and status (see keepAdoptedStrategyText).
func keepAdoptedActionItems(next ent.Mutator) ent.Mutator {
	reported := map[string]bool{actionitem.FieldProgress: true, actionitem.FieldStatus: true}
	return hook.ActionItemFunc(func(ctx context.Context, m *gen.ActionItemMutation) (ent.Value, error) {
		if err := refuseAdoptedTextChange(ctx, m, m.Client(), reported, func() ([]pulid.ID, error) {
			if id, ok := m.StrategyID(); ok { // set on creation by placeInStrategy
				return []pulid.ID{id}, nil
			}
			ids, err := m.IDs(ctx)
			if err != nil {
				return nil, err
			}
			return m.Client().ActionItem.Query().Where(actionitem.IDIn(ids...)).QueryStrategy().IDs(ctx)
		}); err != nil {
			return nil, err
		}
		return next.Mutate(ctx, m)
	})
}
