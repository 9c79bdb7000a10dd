package graph

import (
	"context"
	"time"

	"github.com/palabre/palabre/clock"
	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/actionitem"
	"github.com/palabre/palabre/ent/predicate"
	"github.com/palabre/palabre/graph/model"
	"github.com/palabre/palabre/plan"
)

// onOrNow is the date a question about time is asked on: the one given, or
// now by the request's clock.
func onOrNow(ctx context.Context, on *time.Time) time.Time {
	if on != nil {
		return on.UTC()
	}
	return clock.Now(ctx)
}

// rollup sums up the items of a scope (plan.RollUp) for the API.
func rollup(ctx context.Context, client *ent.Client, scope predicate.ActionItem, on *time.Time) (*model.ProgressRollup, error) {
	date := onOrNow(ctx, on)
	r, err := plan.RollUp(ctx, client, scope, date)
	if err != nil {
		return nil, err
	}
	out := &model.ProgressRollup{On: date, Total: r.Total, Overdue: r.Overdue, Stale: r.Stale,
		MeanProgress: r.MeanProgress, BudgetWeightedProgress: r.BudgetWeightedProgress, BudgetCurrency: r.BudgetCurrency,
		ByStatus: []*model.ActionItemStatusCount{}}
	for _, s := range []actionitem.Status{actionitem.StatusNotStarted, actionitem.StatusInProgress,
		actionitem.StatusDelayed, actionitem.StatusCompleted, actionitem.StatusCancelled} {
		if n := r.ByStatus[s]; n > 0 {
			out.ByStatus = append(out.ByStatus, &model.ActionItemStatusCount{Status: s, Count: n})
		}
	}
	return out, nil
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
