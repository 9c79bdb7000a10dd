package plan

import (
	"context"
	"fmt"
	"slices"
	"time"

	"entgo.io/ent/dialect/sql"

	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/actionitem"
	"github.com/palabre/palabre/ent/agency"
	"github.com/palabre/palabre/ent/agreement"
	"github.com/palabre/palabre/ent/commitment"
	"github.com/palabre/palabre/ent/committee"
	"github.com/palabre/palabre/ent/meeting"
	"github.com/palabre/palabre/ent/objective"
	"github.com/palabre/palabre/ent/predicate"
	"github.com/palabre/palabre/ent/schema/pulid"
	"github.com/palabre/palabre/ent/strategy"
)

// Rollup sums up the items of a scope on a date: how many stand in each state,
// how many are overdue or stale, and how far they have come.
type Rollup struct {
	Total    int
	ByStatus map[actionitem.Status]int
	Overdue  int
	Stale    int
	// MeanProgress is the mean progress of the items not cancelled; nil when
	// there are none.
	MeanProgress *float64
	// BudgetWeightedProgress is the mean progress of the items not cancelled
	// that have a budget, each weighted by its budget; nil when none has one,
	// or when their budgets are in different currencies (BudgetCurrency is
	// then nil too).
	BudgetWeightedProgress *float64
	BudgetCurrency         *string
}

// The scopes of rollups: each is a predicate on action items, so that a new
// scope is one more function.

// InStrategy matches the items of a strategy's action plan.
func InStrategy(id pulid.ID) predicate.ActionItem {
	return actionitem.HasStrategyWith(strategy.ID(id))
}

// UnderObjective matches the items that implement an objective.
func UnderObjective(id pulid.ID) predicate.ActionItem {
	return actionitem.HasObjectiveWith(objective.ID(id))
}

// InAgreement matches the items of an agreement's action plan.
func InAgreement(id pulid.ID) predicate.ActionItem {
	return actionitem.HasAgreementWith(agreement.ID(id))
}

// UnderCommitment matches the items that carry out a commitment.
func UnderCommitment(id pulid.ID) predicate.ActionItem {
	return actionitem.HasCommitmentWith(commitment.ID(id))
}

// FollowedBy matches the items a committee follows: those of the agreement or
// the strategy it follows.
func FollowedBy(id pulid.ID) predicate.ActionItem {
	return actionitem.Or(
		actionitem.HasAgreementWith(agreement.HasCommitteesWith(committee.ID(id))),
		actionitem.HasStrategyWith(strategy.HasCommitteesWith(committee.ID(id))),
	)
}

// FollowUpsOf matches the follow-up actions decided at the meetings of a committee.
func FollowUpsOf(id pulid.ID) predicate.ActionItem {
	return actionitem.HasMeetingWith(meeting.HasCommitteeWith(committee.ID(id)))
}

// LedBy matches the items an agency leads: those it is accountable for.
func LedBy(id pulid.ID) predicate.ActionItem {
	return actionitem.HasLeadAgencyWith(agency.ID(id))
}

// RollUp sums up the items of scope that the caller reads, on the date. The
// database does the sums: six statements, whatever the number of items.
func RollUp(ctx context.Context, client *ent.Client, scope predicate.ActionItem, on time.Time) (*Rollup, error) {
	r := &Rollup{ByStatus: map[actionitem.Status]int{}}
	var byStatus []struct {
		Status   actionitem.Status `json:"status"`
		Count    int               `json:"count"`
		Progress float64           `json:"progress"`
	}
	err := client.ActionItem.Query().Where(scope).
		GroupBy(actionitem.FieldStatus).
		Aggregate(ent.Count(), sum(actionitem.FieldProgress, "progress")).
		Scan(ctx, &byStatus)
	if err != nil {
		return nil, err
	}
	var counted, progress float64
	for _, s := range byStatus {
		r.ByStatus[s.Status] = s.Count
		r.Total += s.Count
		if s.Status != actionitem.StatusCancelled {
			counted += float64(s.Count)
			progress += s.Progress
		}
	}
	if counted > 0 {
		mean := progress / counted
		r.MeanProgress = &mean
	}
	if r.Overdue, err = client.ActionItem.Query().Where(scope, OverdueOn(on)).Count(ctx); err != nil {
		return nil, err
	}
	cadences, err := Cadences(ctx, client)
	if err != nil {
		return nil, err
	}
	if r.Stale, err = client.ActionItem.Query().Where(scope, StaleOn(on, cadences)).Count(ctx); err != nil {
		return nil, err
	}
	var budgets []struct {
		Currency string  `json:"budget_currency"`
		Budget   float64 `json:"budget"`
		Weighted float64 `json:"weighted"`
	}
	err = client.ActionItem.Query().
		Where(scope, actionitem.StatusNEQ(actionitem.StatusCancelled), actionitem.EstimatedBudgetNotNil(), actionitem.EstimatedBudgetGT(0)).
		GroupBy(actionitem.FieldBudgetCurrency).
		Aggregate(sum(actionitem.FieldEstimatedBudget, "budget"), weighted).
		Scan(ctx, &budgets)
	if err != nil {
		return nil, err
	}
	if len(budgets) == 1 && budgets[0].Budget > 0 {
		w, currency := budgets[0].Weighted/budgets[0].Budget, budgets[0].Currency
		r.BudgetWeightedProgress, r.BudgetCurrency = &w, &currency
	}
	return r, nil
}

// Cadences lists the distinct reporting cadences of the plans (strategies and
// agreements) the caller reads: a handful of values, which StaleOn turns into
// one condition each.
func Cadences(ctx context.Context, client *ent.Client) ([]int, error) {
	ofStrategies, err := client.Strategy.Query().Unique(true).Select(strategy.FieldReportingCadenceDays).Ints(ctx)
	if err != nil {
		return nil, err
	}
	ofAgreements, err := client.Agreement.Query().Unique(true).Select(agreement.FieldReportingCadenceDays).Ints(ctx)
	if err != nil {
		return nil, err
	}
	all := append(ofStrategies, ofAgreements...)
	slices.Sort(all)
	return slices.Compact(all), nil
}

// sum adds up a column as a floating-point number, 0 for no row, under a name.
func sum(column, as string) ent.AggregateFunc {
	return func(s *sql.Selector) string {
		return sql.As(fmt.Sprintf("COALESCE(SUM(%s), 0)", s.C(column)), as)
	}
}

// weighted adds up each item's progress times its budget.
func weighted(s *sql.Selector) string {
	return sql.As(fmt.Sprintf("COALESCE(SUM(%s * %s), 0)", s.C(actionitem.FieldProgress), s.C(actionitem.FieldEstimatedBudget)), "weighted")
}

// StaleFilter is StaleOn over the cadences of the plans the caller reads:
// one statement to read them, for lists that filter stale items.
func StaleFilter(ctx context.Context, client *ent.Client, on time.Time) (predicate.ActionItem, error) {
	cadences, err := Cadences(ctx, client)
	if err != nil {
		return nil, err
	}
	return StaleOn(on, cadences), nil
}
