package graph

import (
	"context"
	"time"

	"github.com/palabre/palabre/clock"
	"github.com/palabre/palabre/coordination"
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

// nextMeetingDue reads when a committee's next meeting is due on a date
// (coordination.NextMeetingDue): one statement, for its latest held meeting.
func nextMeetingDue(ctx context.Context, client *ent.Client, c *ent.Committee, on *time.Time) (time.Time, error) {
	last, err := coordination.LastHeld(ctx, client, c.ID, onOrNow(ctx, on))
	if err != nil {
		return time.Time{}, err
	}
	var held *time.Time
	if last != nil {
		held = &last.ScheduledAt
	}
	return coordination.NextMeetingDue(held, c.CreatedAt, coordination.Cadence{Every: c.MeetingEvery, Unit: c.MeetingEveryUnit}), nil
}
