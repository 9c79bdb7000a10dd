package rule

import (
	"context"

	"github.com/palabre/palabre/auth"
	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/agency"
	"github.com/palabre/palabre/ent/consultation"
	"github.com/palabre/palabre/ent/decision"
	"github.com/palabre/palabre/ent/decisionposition"
	"github.com/palabre/palabre/ent/privacy"
	"github.com/palabre/palabre/ent/strategytransition"
	"github.com/palabre/palabre/ent/strategyversion"
)

// FilterPublicVersions shows the public, of adopted strategies, the adopted
// version and the versions their (public) consultation rounds consulted, so
// that a public response matrix can be read against its text; no other draft.
func FilterPublicVersions() privacy.QueryRule {
	return privacy.StrategyVersionQueryRuleFunc(func(ctx context.Context, q *ent.StrategyVersionQuery) error {
		if auth.FromContext(ctx) == nil {
			q.Where(strategyversion.Or(
				strategyversion.HasAdoptingStrategyWith(publicStrategy()),
				strategyversion.HasConsultationsWith(consultation.HasStrategyWith(publicStrategy())),
			))
		}
		return privacy.Skip
	})
}

// FilterPublicTransitions shows the public the history of adopted strategies.
func FilterPublicTransitions() privacy.QueryRule {
	return privacy.StrategyTransitionQueryRuleFunc(func(ctx context.Context, q *ent.StrategyTransitionQuery) error {
		if auth.FromContext(ctx) == nil {
			q.Where(strategytransition.HasStrategyWith(publicStrategy()))
		}
		return privacy.Skip
	})
}

// FilterConsultations shows an agency the rounds it is invited to, and the
// public the rounds of adopted strategies.
func FilterConsultations() privacy.QueryRule {
	return privacy.ConsultationQueryRuleFunc(func(ctx context.Context, q *ent.ConsultationQuery) error {
		switch v := auth.FromContext(ctx); {
		case v == nil:
			q.Where(consultation.HasStrategyWith(publicStrategy()))
		case v.Is(auth.RoleAgency):
			q.Where(consultation.HasInvitedAgenciesWith(agency.ID(v.AgencyID)))
		}
		return privacy.Skip
	})
}

// FilterPublicDecisions shows the public the decisions about adopted strategies.
func FilterPublicDecisions() privacy.QueryRule {
	return privacy.DecisionQueryRuleFunc(func(ctx context.Context, q *ent.DecisionQuery) error {
		if auth.FromContext(ctx) == nil {
			q.Where(decision.HasStrategyWith(publicStrategy()))
		}
		return privacy.Skip
	})
}

// FilterPublicPositions shows the public the positions on decisions about adopted strategies.
func FilterPublicPositions() privacy.QueryRule {
	return privacy.DecisionPositionQueryRuleFunc(func(ctx context.Context, q *ent.DecisionPositionQuery) error {
		if auth.FromContext(ctx) == nil {
			q.Where(decisionposition.HasDecisionWith(decision.HasStrategyWith(publicStrategy())))
		}
		return privacy.Skip
	})
}
