package schema

import (
	"context"
	"slices"
	"strings"

	"entgo.io/ent"

	"github.com/palabre/palabre"
	gen "github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/decision"
	"github.com/palabre/palabre/ent/decisionposition"
	"github.com/palabre/palabre/ent/hook"
)

// Hooks of the Decision.
func (Decision) Hooks() []ent.Hook {
	return []ent.Hook{
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

// keepSettledDecisions refuses to change a settled decision: the question, the
// options and the outcome are the record of what was decided.
func keepSettledDecisions(next ent.Mutator) ent.Mutator {
	return hook.DecisionFunc(func(ctx context.Context, m *gen.DecisionMutation) (ent.Value, error) {
		status, err := m.OldStatus(ctx)
		if err != nil {
			return nil, err
		}
		if status == decision.StatusSettled {
			return nil, palabre.Errorf(palabre.ECONFLICT, "the decision is settled: its question, options and outcome are the record of what was decided and no longer change")
		}
		return next.Mutate(ctx, m)
	})
}

// checkOptions requires the options to be distinct and not blank, and keeps
// every option an agency's recorded position favours.
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
		for i, o := range options {
			if strings.TrimSpace(o) == "" {
				return nil, palabre.Errorf(palabre.EINVALID, "an option cannot be blank")
			}
			if slices.Contains(options[:i], o) {
				return nil, palabre.Errorf(palabre.EINVALID, "the option « %s » is given twice", o)
			}
		}
		if id, ok := m.ID(); ok && m.Op().Is(ent.OpUpdateOne) {
			orphan, err := m.Client().DecisionPosition.Query().
				Where(decisionposition.HasDecisionWith(decision.ID(id)),
					decisionposition.OptionNEQ(""), decisionposition.OptionNotIn(options...)).
				First(ctx)
			if err != nil && !gen.IsNotFound(err) {
				return nil, err
			}
			if orphan != nil {
				return nil, palabre.Errorf(palabre.ECONFLICT, "a recorded position favours « %s », which the new options leave out: record that agency's position again first", orphan.Option)
			}
		}
		return next.Mutate(ctx, m)
	})
}

// settleWithOutcome requires a settled decision to say what was decided, by
// which body and when.
func settleWithOutcome(next ent.Mutator) ent.Mutator {
	return hook.DecisionFunc(func(ctx context.Context, m *gen.DecisionMutation) (ent.Value, error) {
		if status, ok := m.Status(); !ok || status != decision.StatusSettled {
			return next.Mutate(ctx, m)
		}
		outcome, _ := m.Outcome()
		_, hasBody := m.Body()
		_, hasDate := m.DecidedOn()
		switch {
		case strings.TrimSpace(outcome) == "":
			return nil, palabre.Errorf(palabre.EINVALID, "a settled decision says what was decided: give the outcome")
		case !hasBody:
			return nil, palabre.Errorf(palabre.EINVALID, "a settled decision names the body that decided")
		case !hasDate:
			return nil, palabre.Errorf(palabre.EINVALID, "a settled decision is dated: give the date it was decided on")
		}
		return next.Mutate(ctx, m)
	})
}

// positionOnOpenDecision records positions while the decision is open only,
// and for one of its options (or none).
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
		if d.Status != decision.StatusOpen {
			return nil, palabre.Errorf(palabre.ECONFLICT, "the decision is settled: positions are recorded while it is open")
		}
		if option, ok := m.Option(); ok && option != "" && !slices.Contains(d.Options, option) {
			return nil, palabre.Errorf(palabre.EINVALID, "« %s » is not one of the decision's options (%s)", option, strings.Join(d.Options, ", "))
		}
		return next.Mutate(ctx, m)
	})
}
