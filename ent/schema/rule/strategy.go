package rule

import (
	"context"

	"github.com/palabre/palabre/auth"
	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/actionitem"
	"github.com/palabre/palabre/ent/agency"
	"github.com/palabre/palabre/ent/consultation"
	"github.com/palabre/palabre/ent/indicator"
	"github.com/palabre/palabre/ent/measurement"
	"github.com/palabre/palabre/ent/objective"
	"github.com/palabre/palabre/ent/predicate"
	"github.com/palabre/palabre/ent/privacy"
	"github.com/palabre/palabre/ent/strategy"
	"github.com/palabre/palabre/lifecycle"
)

// Who reads which strategies, and with them their objectives, action items,
// indicators, measurements, versions, history and decisions:
//   - the public, adopted strategies (adopted, in implementation, superseded);
//   - an agency, those and the strategies it is invited to consult on (invited
//     to one of their rounds): its focal point reads what it is asked about,
//     and reports progress on the items its agency leads once their strategy
//     is adopted, when every caller reads them;
//   - the secretariat, reviewers and administrators, every strategy.
//
// Each rule narrows the query instead of refusing it, so lists simply hold
// less and node() of a hidden record is NOT_FOUND, whatever path reaches it.

// publicStrategy matches the strategies the public may read: those with an
// adopted text.
func publicStrategy() predicate.Strategy { return strategy.StatusIn(lifecycle.AdoptedStatuses()...) }

// readableStrategy matches the strategies the viewer may read, or is nil when
// the viewer reads them all.
func readableStrategy(v *auth.Viewer) predicate.Strategy {
	switch {
	case v == nil:
		return publicStrategy()
	case v.Is(auth.RoleAgency):
		return strategy.Or(publicStrategy(), invitedStrategy(v))
	}
	return nil
}

// invitedStrategy matches the strategies the viewer's agency is invited to
// consult on.
func invitedStrategy(v *auth.Viewer) predicate.Strategy {
	return strategy.HasConsultationsWith(consultation.HasInvitedAgenciesWith(agency.ID(v.AgencyID)))
}

// FilterStrategies limits the public and agencies to the strategies they may read.
func FilterStrategies() privacy.QueryRule {
	return privacy.StrategyQueryRuleFunc(func(ctx context.Context, q *ent.StrategyQuery) error {
		if p := readableStrategy(auth.FromContext(ctx)); p != nil {
			q.Where(p)
		}
		return privacy.Skip
	})
}

// FilterObjectives limits the public and agencies to objectives of the strategies they may read.
func FilterObjectives() privacy.QueryRule {
	return privacy.ObjectiveQueryRuleFunc(func(ctx context.Context, q *ent.ObjectiveQuery) error {
		if p := readableStrategy(auth.FromContext(ctx)); p != nil {
			q.Where(objective.HasStrategyWith(p))
		}
		return privacy.Skip
	})
}

// readableItem matches the action items the viewer may read, whichever their
// plan: those of the strategies and of the agreements the viewer reads. Nil
// when the viewer reads them all.
func readableItem(v *auth.Viewer) predicate.ActionItem {
	ps, pa := readableStrategy(v), readableAgreement(v)
	if ps == nil || pa == nil {
		return nil
	}
	return actionitem.Or(actionitem.HasStrategyWith(ps), actionitem.HasAgreementWith(pa))
}

// FilterActionItems limits the public and agencies to items of the strategies
// and agreements they may read.
func FilterActionItems() privacy.QueryRule {
	return privacy.ActionItemQueryRuleFunc(func(ctx context.Context, q *ent.ActionItemQuery) error {
		if p := readableItem(auth.FromContext(ctx)); p != nil {
			q.Where(p)
		}
		return privacy.Skip
	})
}

func readableIndicator(v *auth.Viewer) predicate.Indicator {
	return indicator.Or(
		indicator.HasObjectiveWith(objective.HasStrategyWith(readableStrategy(v))),
		indicator.HasActionItemWith(readableItem(v)),
	)
}

// FilterIndicators limits the public and agencies to indicators of the
// strategies and agreement items they may read.
func FilterIndicators() privacy.QueryRule {
	return privacy.IndicatorQueryRuleFunc(func(ctx context.Context, q *ent.IndicatorQuery) error {
		if v := auth.FromContext(ctx); readableItem(v) != nil {
			q.Where(readableIndicator(v))
		}
		return privacy.Skip
	})
}

// FilterMeasurements limits the public and agencies to measurements of the indicators they may read.
func FilterMeasurements() privacy.QueryRule {
	return privacy.MeasurementQueryRuleFunc(func(ctx context.Context, q *ent.MeasurementQuery) error {
		if v := auth.FromContext(ctx); readableItem(v) != nil {
			q.Where(measurement.HasIndicatorWith(readableIndicator(v)))
		}
		return privacy.Skip
	})
}
