package schema

import (
	"context"

	"entgo.io/ent"

	"github.com/palabre/palabre"
	gen "github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/hook"
	"github.com/palabre/palabre/ent/objective"
	"github.com/palabre/palabre/ent/schema/pulid"
	"github.com/palabre/palabre/ent/strategy"
)

// Hooks of the Objective.
func (Objective) Hooks() []ent.Hook {
	return []ent.Hook{
		hook.On(keepParentInStrategy, ent.OpCreate|ent.OpUpdateOne),
		hook.Reject(ent.OpUpdate),
		hook.On(keepAdoptedObjectives, ent.OpCreate|ent.OpUpdateOne|ent.OpDeleteOne|ent.OpDelete),
	}
}

// keepParentInStrategy requires a parent objective of the same strategy and not
// the objective itself: a strategy's text is one tree, and an edge to another
// strategy would let its filters reach rows the caller may not read.
func keepParentInStrategy(next ent.Mutator) ent.Mutator {
	return hook.ObjectiveFunc(func(ctx context.Context, m *gen.ObjectiveMutation) (ent.Value, error) {
		parentID, ok := m.ParentID()
		if !ok {
			return next.Mutate(ctx, m)
		}
		id, _ := m.ID()
		if parentID == id {
			return nil, palabre.Refuse(palabre.EINVALID, palabre.ReasonObjectiveOwnParent)
		}
		strategyID, ok := m.StrategyID()
		if !ok {
			var err error
			if strategyID, err = m.Client().Objective.Query().Where(objective.ID(id)).QueryStrategy().OnlyID(ctx); err != nil {
				return nil, err
			}
		}
		same, err := m.Client().Objective.Query().
			Where(objective.ID(parentID), objective.HasStrategyWith(strategy.ID(strategyID))).
			Exist(ctx)
		if err != nil {
			return nil, err
		}
		if !same {
			return nil, palabre.Refuse(palabre.EINVALID, palabre.ReasonObjectiveParentElse)
		}
		return next.Mutate(ctx, m)
	})
}

// keepAdoptedObjectives refuses adding, changing or removing an objective of an
// adopted strategy: all of an objective is text (see keepAdoptedStrategyText).
func keepAdoptedObjectives(next ent.Mutator) ent.Mutator {
	return hook.ObjectiveFunc(func(ctx context.Context, m *gen.ObjectiveMutation) (ent.Value, error) {
		if err := refuseAdoptedTextChange(ctx, m, m.Client(), nil, func() ([]pulid.ID, error) {
			if id, ok := m.StrategyID(); ok {
				return []pulid.ID{id}, nil
			}
			ids, err := m.IDs(ctx)
			if err != nil {
				return nil, err
			}
			return m.Client().Objective.Query().Where(objective.IDIn(ids...)).QueryStrategy().IDs(ctx)
		}); err != nil {
			return nil, err
		}
		return next.Mutate(ctx, m)
	})
}
