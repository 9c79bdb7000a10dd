package schema

import (
	"context"
	"slices"

	"entgo.io/ent"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/access"
	gen "github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/hook"
	"github.com/palabre/palabre/ent/schema/pulid"
	"github.com/palabre/palabre/ent/schema/revision"
	"github.com/palabre/palabre/ent/strategy"
	"github.com/palabre/palabre/lifecycle"
	"github.com/palabre/palabre/plan"
)

// Hooks of the Strategy.
func (Strategy) Hooks() []ent.Hook {
	return []ent.Hook{
		hook.On(checkPeriod, ent.OpCreate|ent.OpUpdateOne),
		hook.Reject(ent.OpUpdate),
		hook.On(statusThroughLifecycle, ent.OpCreate|ent.OpUpdateOne),
		hook.On(keepAdoptedStrategyText, ent.OpUpdateOne|ent.OpDeleteOne|ent.OpDelete),
	}
}

// checkPeriod refuses a period that ends before it starts (plan.CheckPeriod).
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
		if err := plan.CheckPeriod(start, end); err != nil {
			return nil, err
		}
		return next.Mutate(ctx, m)
	})
}

// statusThroughLifecycle lets a strategy's status change only through
// lifecycle.Move, so that every move is on the lifecycle's edges, passes its
// guards and is kept in the history. Only the system may create a strategy in
// another state than drafting: loading one that went through its lifecycle
// before it was entered here (demo data, imports).
func statusThroughLifecycle(next ent.Mutator) ent.Mutator {
	return hook.StrategyFunc(func(ctx context.Context, m *gen.StrategyMutation) (ent.Value, error) {
		status, set := m.Status()
		switch {
		case !set, lifecycle.Moving(ctx):
		case m.Op().Is(ent.OpCreate) && (status == strategy.DefaultStatus || changedByTheSystem(ctx)):
		default:
			return nil, palabre.Refuse(palabre.EINVALID, palabre.ReasonStatusByMoveOnly)
		}
		return next.Mutate(ctx, m)
	})
}

// From adoption on, the working copy's text is the text the act adopted (the
// version it pins, which the secretariat publishes from the text it submits):
// this is what makes « the public reads the adopted version, not the working
// copy » hold without serving the public a second copy of the text, so every
// public query (the plan by agency, by pillar, overdue items) reads the
// adopted text. The other way, serving the public from the version's JSON,
// would give the public none of the API's filters and connections, and would
// leave the secretariat editing a text that no longer means anything. A
// strategy that must change after adoption is revised by a new strategy,
// which supersedes it through its own lifecycle. The rule is
// lifecycle.CheckText.
//
// The system (loading demo data, or a strategy adopted before it was entered
// here) writes adopted strategies whole, so it is let through.

// keepAdoptedStrategyText refuses changes to the text of an adopted strategy,
// and its deletion; its lifecycle goes on (lifecycle.Move), and versions,
// rounds and decisions may still refer to it.
func keepAdoptedStrategyText(next ent.Mutator) ent.Mutator {
	mayChange := map[string]bool{
		strategy.FieldStatus: true, strategy.FieldAdoptionReference: true, strategy.FieldAdoptedOn: true,
		strategy.FieldReportingCadenceDays: true,
		strategy.EdgeAdoptedVersion:        true, strategy.EdgeVersions: true, strategy.EdgeTransitions: true,
		strategy.EdgeConsultations: true, strategy.EdgeDecisions: true,
	}
	return hook.StrategyFunc(func(ctx context.Context, m *gen.StrategyMutation) (ent.Value, error) {
		if err := refuseAdoptedTextChange(ctx, m, m.Client(), mayChange, func() ([]pulid.ID, error) {
			return m.IDs(ctx)
		}); err != nil {
			return nil, err
		}
		return next.Mutate(ctx, m)
	})
}

// refuseAdoptedTextChange is the adapter that the hooks of strategies,
// objectives, action items and indicators share: it lists what m changes
// beyond mayChange, reads whether one of the strategies the function
// strategies returns is adopted (only when m changes some text), and asks
// lifecycle.CheckText.
func refuseAdoptedTextChange(ctx context.Context, m ent.Mutation, client *gen.Client, mayChange map[string]bool, strategies func() ([]pulid.ID, error)) error {
	changed := textChanges(m, mayChange)
	edit := lifecycle.Changing
	switch {
	case m.Op().Is(ent.OpCreate):
		edit = lifecycle.Adding
	case m.Op().Is(ent.OpDelete | ent.OpDeleteOne):
		edit = lifecycle.Removing
	}
	if changedByTheSystem(ctx) || lifecycle.CheckText(true, edit, changed) == nil {
		return nil
	}
	ids, err := strategies()
	if err != nil || len(ids) == 0 {
		return err
	}
	adopted, err := client.Strategy.Query().
		Where(strategy.IDIn(ids...), strategy.StatusIn(lifecycle.AdoptedStatuses()...)).
		Exist(ctx)
	if err != nil {
		return err
	}
	return lifecycle.CheckText(adopted, edit, changed)
}

// bookkeeping are the fields every change touches, text or not.
var bookkeeping = map[string]bool{revision.Field: true, "updated_at": true, "search_text": true}

// textChanges lists the fields and edges that m sets, clears, adds to or
// removes from, beyond bookkeeping and those that may change after adoption.
func textChanges(m ent.Mutation, mayChange map[string]bool) []string {
	var changed []string
	for _, names := range [][]string{m.Fields(), m.ClearedFields(), m.AddedEdges(), m.RemovedEdges(), m.ClearedEdges()} {
		for _, n := range names {
			if !bookkeeping[n] && !mayChange[n] && !slices.Contains(changed, n) {
				changed = append(changed, n)
			}
		}
	}
	return changed
}

// changedByTheSystem reports whether the system itself makes the change (the
// command line, loading data): it passes every rule.
func changedByTheSystem(ctx context.Context) bool { return access.ActsAsSystem(ctx) }
