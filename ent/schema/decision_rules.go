package schema

import (
	"context"
	"slices"

	"entgo.io/ent"

	"github.com/palabre/palabre/consensus"
	gen "github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/decision"
	"github.com/palabre/palabre/ent/decisionposition"
	"github.com/palabre/palabre/ent/hook"
)

// Hooks of the Decision: each loads what a rule of package consensus needs
// and calls it.
func (Decision) Hooks() []ent.Hook {
	return []ent.Hook{
		hook.On(decidedByOneBody, ent.OpCreate),
		hook.On(keepSettledDecisions, ent.OpUpdateOne),
		hook.On(checkOptions, ent.OpCreate|ent.OpUpdateOne),
		hook.On(settleWithOutcome, ent.OpCreate|ent.OpUpdateOne),
		hook.Reject(ent.OpUpdate), // bulk updates would bypass the checks above
	}
}

// Hooks of the DecisionPosition.
func (DecisionPosition) Hooks() []ent.Hook {
	return []ent.Hook{
		hook.On(positionOnOpenDecision, ent.OpCreate|ent.OpUpdateOne),
	}
}

// keepSettledDecisions refuses to change a settled decision (consensus.CheckOpen).
func keepSettledDecisions(next ent.Mutator) ent.Mutator {
	return hook.DecisionFunc(func(ctx context.Context, m *gen.DecisionMutation) (ent.Value, error) {
		status, err := m.OldStatus(ctx)
		if err != nil {
			return nil, err
		}
		if err := consensus.CheckOpen(status); err != nil {
			return nil, err
		}
		return next.Mutate(ctx, m)
	})
}

// checkOptions checks the options with the options the recorded positions
// favour (consensus.CheckOptions).
func checkOptions(next ent.Mutator) ent.Mutator {
	return hook.DecisionFunc(func(ctx context.Context, m *gen.DecisionMutation) (ent.Value, error) {
		options, set := m.Options()
		appended, appends := m.AppendedOptions()
		if !set && !appends {
			return next.Mutate(ctx, m)
		}
		if !set && m.Op().Is(ent.OpUpdateOne) {
			var err error
			if options, err = m.OldOptions(ctx); err != nil {
				return nil, err
			}
		}
		options = append(slices.Clone(options), appended...)
		var favoured []string
		if id, ok := m.ID(); ok && m.Op().Is(ent.OpUpdateOne) {
			var err error
			if favoured, err = m.Client().DecisionPosition.Query().
				Where(decisionposition.HasDecisionWith(decision.ID(id)), decisionposition.OptionNEQ("")).
				Unique(true).Select(decisionposition.FieldOption).Strings(ctx); err != nil {
				return nil, err
			}
		}
		if err := consensus.CheckOptions(options, favoured); err != nil {
			return nil, err
		}
		return next.Mutate(ctx, m)
	})
}

// settleWithOutcome requires a settled decision to say what was decided, by
// which body and when (consensus.CheckSettlement).
func settleWithOutcome(next ent.Mutator) ent.Mutator {
	return hook.DecisionFunc(func(ctx context.Context, m *gen.DecisionMutation) (ent.Value, error) {
		if status, ok := m.Status(); !ok || status != decision.StatusSettled {
			return next.Mutate(ctx, m)
		}
		o := consensus.Outcome{}
		o.Outcome, _ = m.Outcome()
		_, o.HasBody = m.Body()
		if on, ok := m.DecidedOn(); ok {
			o.DecidedOn = &on
		}
		if err := consensus.CheckSettlement(o); err != nil {
			return nil, err
		}
		return next.Mutate(ctx, m)
	})
}

// positionOnOpenDecision checks a position against its decision
// (consensus.CheckPosition).
func positionOnOpenDecision(next ent.Mutator) ent.Mutator {
	return hook.DecisionPositionFunc(func(ctx context.Context, m *gen.DecisionPositionMutation) (ent.Value, error) {
		var (
			d   *gen.Decision
			err error
		)
		if id, ok := m.DecisionID(); ok {
			d, err = m.Client().Decision.Get(ctx, id)
		} else {
			id, _ := m.ID()
			d, err = m.Client().DecisionPosition.Query().Where(decisionposition.ID(id)).QueryDecision().Only(ctx)
		}
		if err != nil {
			return nil, err
		}
		option, _ := m.Option()
		if err := consensus.CheckPosition(d.Status, d.Options, option); err != nil {
			return nil, err
		}
		return next.Mutate(ctx, m)
	})
}
