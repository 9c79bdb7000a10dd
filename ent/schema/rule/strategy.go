package rule

import (
	"context"

	"github.com/palabre/palabre/auth"
	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/actionitem"
	"github.com/palabre/palabre/ent/indicator"
	"github.com/palabre/palabre/ent/measurement"
	"github.com/palabre/palabre/ent/objective"
	"github.com/palabre/palabre/ent/predicate"
	"github.com/palabre/palabre/ent/privacy"
	"github.com/palabre/palabre/ent/strategy"
)

// PublicStatuses are the lifecycle states in which the public may read a
// strategy: adopted and after.
var PublicStatuses = []strategy.Status{strategy.StatusAdopted, strategy.StatusInImplementation, strategy.StatusSuperseded}

// publicStrategy matches the strategies the public may read.
func publicStrategy() predicate.Strategy { return strategy.StatusIn(PublicStatuses...) }

// The public reads adopted strategies and what belongs to them; every
// authenticated caller reads everything. Each rule narrows the query for the
// public instead of refusing it, so lists simply hold less.

// FilterPublicStrategies limits the public to adopted strategies.
func FilterPublicStrategies() privacy.QueryRule {
	return privacy.StrategyQueryRuleFunc(func(ctx context.Context, q *ent.StrategyQuery) error {
		if auth.FromContext(ctx) == nil {
			q.Where(publicStrategy())
		}
		return privacy.Skip
	})
}

// FilterPublicObjectives limits the public to objectives of adopted strategies.
func FilterPublicObjectives() privacy.QueryRule {
	return privacy.ObjectiveQueryRuleFunc(func(ctx context.Context, q *ent.ObjectiveQuery) error {
		if auth.FromContext(ctx) == nil {
			q.Where(objective.HasStrategyWith(publicStrategy()))
		}
		return privacy.Skip
	})
}

// FilterPublicActionItems limits the public to items of adopted strategies.
func FilterPublicActionItems() privacy.QueryRule {
	return privacy.ActionItemQueryRuleFunc(func(ctx context.Context, q *ent.ActionItemQuery) error {
		if auth.FromContext(ctx) == nil {
			q.Where(actionitem.HasStrategyWith(publicStrategy()))
		}
		return privacy.Skip
	})
}

func publicIndicator() predicate.Indicator {
	return indicator.Or(
		indicator.HasObjectiveWith(objective.HasStrategyWith(publicStrategy())),
		indicator.HasActionItemWith(actionitem.HasStrategyWith(publicStrategy())),
	)
}

// FilterPublicIndicators limits the public to indicators of adopted strategies.
func FilterPublicIndicators() privacy.QueryRule {
	return privacy.IndicatorQueryRuleFunc(func(ctx context.Context, q *ent.IndicatorQuery) error {
		if auth.FromContext(ctx) == nil {
			q.Where(publicIndicator())
		}
		return privacy.Skip
	})
}

// FilterPublicMeasurements limits the public to measurements of adopted strategies.
func FilterPublicMeasurements() privacy.QueryRule {
	return privacy.MeasurementQueryRuleFunc(func(ctx context.Context, q *ent.MeasurementQuery) error {
		if auth.FromContext(ctx) == nil {
			q.Where(measurement.HasIndicatorWith(publicIndicator()))
		}
		return privacy.Skip
	})
}
