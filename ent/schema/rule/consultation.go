package rule

import (
	"context"

	"github.com/palabre/palabre/auth"
	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/agency"
	"github.com/palabre/palabre/ent/consultation"
	"github.com/palabre/palabre/ent/decision"
	"github.com/palabre/palabre/ent/decisionposition"
	"github.com/palabre/palabre/ent/predicate"
	"github.com/palabre/palabre/ent/privacy"
	"github.com/palabre/palabre/ent/strategytransition"
	"github.com/palabre/palabre/ent/strategyversion"
)

// publicVersion matches the versions the public reads: of adopted strategies,
// the adopted version and the versions their (public) consultation rounds
// consulted, so that a public response matrix can be read against its text;
// no other draft.
func publicVersion() predicate.StrategyVersion {
	return strategyversion.Or(
		strategyversion.HasAdoptingStrategyWith(publicStrategy()),
		strategyversion.HasConsultationsWith(consultation.HasStrategyWith(publicStrategy())),
	)
}

// FilterVersions shows the public its versions (publicVersion), and an agency
// those and every version of the strategies it is invited to consult on.
func FilterVersions() privacy.QueryRule {
	return privacy.StrategyVersionQueryRuleFunc(func(ctx context.Context, q *ent.StrategyVersionQuery) error {
		if p := readableVersion(auth.FromContext(ctx)); p != nil {
			q.Where(p)
		}
		return privacy.Skip
	})
}

// readableVersion matches the versions the viewer may read, or is nil when
// the viewer reads them all.
func readableVersion(v *auth.Viewer) predicate.StrategyVersion {
	switch {
	case v == nil:
		return publicVersion()
	case v.Is(auth.RoleAgency):
		return strategyversion.Or(publicVersion(), strategyversion.HasStrategyWith(invitedStrategy(v)))
	}
	return nil
}

// FilterTransitions shows the public and agencies the history of the strategies they may read.
func FilterTransitions() privacy.QueryRule {
	return privacy.StrategyTransitionQueryRuleFunc(func(ctx context.Context, q *ent.StrategyTransitionQuery) error {
		if p := readableStrategy(auth.FromContext(ctx)); p != nil {
			q.Where(strategytransition.HasStrategyWith(p))
		}
		return privacy.Skip
	})
}

// FilterConsultations shows the public the rounds of adopted strategies, and
// an agency those and the rounds it is invited to.
func FilterConsultations() privacy.QueryRule {
	return privacy.ConsultationQueryRuleFunc(func(ctx context.Context, q *ent.ConsultationQuery) error {
		if p := readableRound(auth.FromContext(ctx)); p != nil {
			q.Where(p)
		}
		return privacy.Skip
	})
}

// readableRound matches the rounds the viewer may read, or is nil when the
// viewer reads them all.
func readableRound(v *auth.Viewer) predicate.Consultation {
	switch {
	case v == nil:
		return consultation.HasStrategyWith(publicStrategy())
	case v.Is(auth.RoleAgency):
		return consultation.Or(consultation.HasStrategyWith(publicStrategy()), consultation.HasInvitedAgenciesWith(agency.ID(v.AgencyID)))
	}
	return nil
}

// FilterDecisions shows the public and agencies the decisions about the strategies they may read.
func FilterDecisions() privacy.QueryRule {
	return privacy.DecisionQueryRuleFunc(func(ctx context.Context, q *ent.DecisionQuery) error {
		if p := readableStrategy(auth.FromContext(ctx)); p != nil {
			q.Where(decision.HasStrategyWith(p))
		}
		return privacy.Skip
	})
}

// FilterPositions shows the public and agencies the positions on decisions
// about the strategies they may read.
func FilterPositions() privacy.QueryRule {
	return privacy.DecisionPositionQueryRuleFunc(func(ctx context.Context, q *ent.DecisionPositionQuery) error {
		if p := readableStrategy(auth.FromContext(ctx)); p != nil {
			q.Where(decisionposition.HasDecisionWith(decision.HasStrategyWith(p)))
		}
		return privacy.Skip
	})
}
