package schema

import (
	"context"
	"time"

	"entgo.io/ent"

	"github.com/palabre/palabre"
	gen "github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/actionitem"
	"github.com/palabre/palabre/ent/agreement"
	"github.com/palabre/palabre/ent/commitment"
	"github.com/palabre/palabre/ent/hook"
	"github.com/palabre/palabre/ent/objective"
	"github.com/palabre/palabre/ent/predicate"
	"github.com/palabre/palabre/ent/schema/pulid"
	"github.com/palabre/palabre/ent/strategy"
	"github.com/palabre/palabre/plan"
)

// Hooks of the ActionItem.
func (ActionItem) Hooks() []ent.Hook {
	return []ent.Hook{
		hook.On(placeInPlan, ent.OpCreate|ent.OpUpdateOne),
		hook.On(followUpOfFollowedPlan, ent.OpCreate|ent.OpUpdateOne),
		hook.On(checkSchedule, ent.OpCreate|ent.OpUpdateOne),
		hook.On(checkBudget, ent.OpCreate|ent.OpUpdateOne),
		hook.On(checkDependencies, ent.OpCreate|ent.OpUpdateOne),
		hook.Reject(ent.OpUpdate), // bulk updates would bypass the checks above
		hook.On(keepAdoptedActionItems, ent.OpCreate|ent.OpUpdateOne|ent.OpDeleteOne|ent.OpDelete),
	}
}

// placeInPlan keeps an item in exactly one plan (plan.CheckPlan), records
// the strategy of its objective or the agreement of its commitment, keeps an
// item that moves within its strategy or agreement, and lets only a strategy's
// item implement a commitment (plan.CheckLink).
func placeInPlan(next ent.Mutator) ent.Mutator {
	return hook.ActionItemFunc(func(ctx context.Context, m *gen.ActionItemMutation) (ent.Value, error) {
		objectiveID, objectiveSet := m.ObjectiveID()
		commitmentID, commitmentSet := m.CommitmentID()
		_, implements := m.ImplementsID()
		if m.Op().Is(ent.OpUpdateOne) && !objectiveSet && !commitmentSet && !implements &&
			!m.ObjectiveCleared() && !m.CommitmentCleared() {
			return next.Mutate(ctx, m)
		}
		var strategyID, agreementID *pulid.ID // the plan's, as it will be
		if objectiveSet {
			id, err := m.Client().Objective.Query().Where(objective.ID(objectiveID)).QueryStrategy().OnlyID(ctx)
			if gen.IsNotFound(err) {
				return nil, palabre.Errorf(palabre.ENOTFOUND, "objective %s not found", objectiveID)
			}
			if err != nil {
				return nil, err
			}
			strategyID = &id
		}
		if commitmentSet {
			id, err := m.Client().Commitment.Query().Where(commitment.ID(commitmentID)).QueryAgreement().OnlyID(ctx)
			if gen.IsNotFound(err) {
				return nil, palabre.Errorf(palabre.ENOTFOUND, "commitment %s not found", commitmentID)
			}
			if err != nil {
				return nil, err
			}
			agreementID = &id
		}
		if m.Op().Is(ent.OpCreate) {
			if err := plan.CheckPlan(objectiveSet, commitmentSet); err != nil {
				return nil, err
			}
			if err := plan.CheckLink(objectiveSet, implements); err != nil {
				return nil, err
			}
			if strategyID != nil {
				m.SetStrategyID(*strategyID)
			} else {
				m.SetAgreementID(*agreementID)
			}
			return next.Mutate(ctx, m)
		}
		id, _ := m.ID()
		current, err := m.Client().ActionItem.Query().Where(actionitem.ID(id)).
			WithStrategy(func(q *gen.StrategyQuery) { q.Select(strategy.FieldID) }).
			WithAgreement(func(q *gen.AgreementQuery) { q.Select(agreement.FieldID) }).
			Only(ctx)
		if err != nil {
			return nil, err
		}
		ofStrategy, ofAgreement := current.Edges.Strategy != nil, current.Edges.Agreement != nil
		if err := plan.CheckPlan(
			objectiveSet || (ofStrategy && !m.ObjectiveCleared()),
			commitmentSet || (ofAgreement && !m.CommitmentCleared()),
		); err != nil {
			return nil, err
		}
		if strategyID != nil && (!ofStrategy || current.Edges.Strategy.ID != *strategyID) {
			return nil, palabre.Errorf(palabre.EINVALID, "an action item can only move to an objective of its own strategy")
		}
		if agreementID != nil && (!ofAgreement || current.Edges.Agreement.ID != *agreementID) {
			return nil, palabre.Errorf(palabre.EINVALID, "an action item can only move to a commitment of its own agreement")
		}
		if err := plan.CheckLink(ofStrategy, implements); err != nil {
			return nil, err
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

// checkDependencies keeps dependencies within the item's plan (its strategy or
// agreement) and refuses
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
		inPlan, err := samePlan(ctx, m, id)
		if err != nil {
			return nil, err
		}
		n, err := m.Client().ActionItem.Query().Where(actionitem.IDIn(deps...), inPlan).Count(ctx)
		if err != nil {
			return nil, err
		}
		if err := plan.CheckDependencies(id, deps, n); err != nil {
			return nil, err
		}
		return next.Mutate(ctx, m)
	})
}

// samePlan matches the items of the strategy or agreement of the item that m
// creates or changes.
func samePlan(ctx context.Context, m *gen.ActionItemMutation, id pulid.ID) (predicate.ActionItem, error) {
	if s, ok := m.StrategyID(); ok { // set on creation by placeInPlan
		return actionitem.HasStrategyWith(strategy.ID(s)), nil
	}
	if a, ok := m.AgreementID(); ok {
		return actionitem.HasAgreementWith(agreement.ID(a)), nil
	}
	current, err := m.Client().ActionItem.Query().Where(actionitem.ID(id)).
		WithStrategy(func(q *gen.StrategyQuery) { q.Select(strategy.FieldID) }).
		WithAgreement(func(q *gen.AgreementQuery) { q.Select(agreement.FieldID) }).
		Only(ctx)
	if err != nil {
		return nil, err
	}
	if current.Edges.Strategy != nil {
		return actionitem.HasStrategyWith(strategy.ID(current.Edges.Strategy.ID)), nil
	}
	return actionitem.HasAgreementWith(agreement.ID(current.Edges.Agreement.ID)), nil
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
// progress and status (see keepAdoptedStrategyText), and the secretariat may
// link it to an agreement's commitment it implements, as agreements are signed
// after the strategy. An agreement's items have no adopted text.
func keepAdoptedActionItems(next ent.Mutator) ent.Mutator {
	reported := map[string]bool{actionitem.FieldProgress: true, actionitem.FieldStatus: true, actionitem.EdgeImplements: true}
	return hook.ActionItemFunc(func(ctx context.Context, m *gen.ActionItemMutation) (ent.Value, error) {
		if err := refuseAdoptedTextChange(ctx, m, m.Client(), reported, func() ([]pulid.ID, error) {
			if id, ok := m.StrategyID(); ok { // set on creation by placeInPlan
				return []pulid.ID{id}, nil
			}
			if m.Op().Is(ent.OpCreate) { // an agreement's item
				return nil, nil
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
