package schema

import (
	"context"
	"slices"
	"strings"

	"entgo.io/ent"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/access"
	gen "github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/hook"
	"github.com/palabre/palabre/ent/schema/pulid"
	"github.com/palabre/palabre/ent/schema/revision"
	"github.com/palabre/palabre/ent/strategy"
	"github.com/palabre/palabre/lifecycle"
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
			return nil, palabre.Errorf(palabre.EINVALID, "a strategy's status changes only by moving it through its lifecycle (moveStrategy)")
		}
		return next.Mutate(ctx, m)
	})
}

// Once adopted, a strategy's text is frozen: its title, summary, period and
// agencies, and the planning of its objectives, action items and indicators
// (codes, titles, descriptions, pillars, positions, dates, budgets, agencies,
// dependencies, targets) no longer change, and no objective, item or
// indicator is added or removed. What implementation reports goes on: the
// progress and status of items, and the indicators' measurements.
//
// This is what makes « the public reads the adopted version, not the working
// copy » hold without serving the public a second copy of the text: from
// adoption on, the working copy's text is the text the act adopted (the
// version it pins, which the secretariat publishes from the text it submits),
// so every public query (the plan by agency, by pillar, overdue items) reads
// the adopted text. The other way, serving the public from the version's
// JSON, would give the public none of the API's filters and connections, and
// would leave the secretariat editing a text that no longer means anything. A
// strategy that must change after adoption is revised by a new strategy, which
// supersedes it through its own lifecycle.
//
// The system (loading demo data, or a strategy adopted before it was entered
// here) writes adopted strategies whole, so it is let through.

// keepAdoptedStrategyText refuses changes to the text of an adopted strategy,
// and its deletion; its lifecycle goes on (lifecycle.Move), and versions,
// rounds and decisions may still refer to it.
func keepAdoptedStrategyText(next ent.Mutator) ent.Mutator {
	mayChange := map[string]bool{
		strategy.FieldStatus: true, strategy.FieldAdoptionReference: true, strategy.FieldAdoptedOn: true,
		strategy.EdgeAdoptedVersion: true, strategy.EdgeVersions: true, strategy.EdgeTransitions: true,
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

// refuseAdoptedTextChange is the check that the hooks of strategies,
// objectives, action items and indicators share: m may not change anything
// beyond mayChange in the strategies the function strategies returns, if one
// of them is adopted. The strategies are read only when m changes some text.
func refuseAdoptedTextChange(ctx context.Context, m ent.Mutation, client *gen.Client, mayChange map[string]bool, strategies func() ([]pulid.ID, error)) error {
	changed := textChanges(m, mayChange)
	if changedByTheSystem(ctx) || (m.Op().Is(ent.OpUpdate|ent.OpUpdateOne) && len(changed) == 0) {
		return nil
	}
	ids, err := strategies()
	if err != nil || len(ids) == 0 {
		return err
	}
	frozen, err := client.Strategy.Query().
		Where(strategy.IDIn(ids...), strategy.StatusIn(lifecycle.AdoptedStatuses()...)).
		Exist(ctx)
	if err != nil {
		return err
	}
	if frozen {
		return adoptedTextError(m.Op(), changed)
	}
	return nil
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

// adoptedTextError is the error for a change to the text of an adopted strategy.
func adoptedTextError(op ent.Op, changed []string) error {
	what := "nothing changes"
	switch {
	case op.Is(ent.OpCreate):
		what = "nothing is added to it"
	case op.Is(ent.OpDelete | ent.OpDeleteOne):
		what = "nothing is removed from it"
	case len(changed) > 0:
		what = strings.ReplaceAll(strings.Join(changed, ", "), "_", " ") + " cannot change"
	}
	return palabre.Errorf(palabre.ECONFLICT,
		"the strategy is adopted and its text stays as adopted: %s; only the progress and status of its action items and the measurements of its indicators are still reported",
		what)
}

// changedByTheSystem reports whether the system itself makes the change (the
// command line, loading data): it passes every rule.
func changedByTheSystem(ctx context.Context) bool { return access.ActsAsSystem(ctx) }
