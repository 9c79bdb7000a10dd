package rule

import (
	"context"

	"github.com/palabre/palabre/auth"
	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/agency"
	"github.com/palabre/palabre/ent/agreement"
	"github.com/palabre/palabre/ent/agreementparty"
	"github.com/palabre/palabre/ent/agreementtransition"
	"github.com/palabre/palabre/ent/commitment"
	"github.com/palabre/palabre/ent/predicate"
	"github.com/palabre/palabre/ent/privacy"
)

// Who reads which agreements, and with them their parties, commitments,
// history and action items:
//   - the public, agreements that are not confidential;
//   - an agency, those and the agreements its agency is party to;
//   - the secretariat, reviewers and administrators, every agreement.
//
// As for strategies, each rule narrows the query, so a hidden agreement is
// absent from lists and NOT_FOUND by node(), whatever path reaches it.

// readableAgreement matches the agreements the viewer may read, or is nil when
// the viewer reads them all.
func readableAgreement(v *auth.Viewer) predicate.Agreement {
	switch {
	case v == nil:
		return agreement.Confidential(false)
	case v.Is(auth.RoleAgency):
		return agreement.Or(agreement.Confidential(false), partyTo(v))
	}
	return nil
}

// partyTo matches the agreements the viewer's agency is party to.
func partyTo(v *auth.Viewer) predicate.Agreement {
	return agreement.HasPartiesWith(agreementparty.HasAgencyWith(agency.ID(v.AgencyID)))
}

// FilterAgreements limits the public and agencies to the agreements they may read.
func FilterAgreements() privacy.QueryRule {
	return privacy.AgreementQueryRuleFunc(func(ctx context.Context, q *ent.AgreementQuery) error {
		if p := readableAgreement(auth.FromContext(ctx)); p != nil {
			q.Where(p)
		}
		return privacy.Skip
	})
}

// FilterAgreementParties limits the public and agencies to the parties of the agreements they may read.
func FilterAgreementParties() privacy.QueryRule {
	return privacy.AgreementPartyQueryRuleFunc(func(ctx context.Context, q *ent.AgreementPartyQuery) error {
		if p := readableAgreement(auth.FromContext(ctx)); p != nil {
			q.Where(agreementparty.HasAgreementWith(p))
		}
		return privacy.Skip
	})
}

// FilterCommitments limits the public and agencies to the commitments of the agreements they may read.
func FilterCommitments() privacy.QueryRule {
	return privacy.CommitmentQueryRuleFunc(func(ctx context.Context, q *ent.CommitmentQuery) error {
		if p := readableAgreement(auth.FromContext(ctx)); p != nil {
			q.Where(commitment.HasAgreementWith(p))
		}
		return privacy.Skip
	})
}

// FilterAgreementTransitions limits the public and agencies to the history of the agreements they may read.
func FilterAgreementTransitions() privacy.QueryRule {
	return privacy.AgreementTransitionQueryRuleFunc(func(ctx context.Context, q *ent.AgreementTransitionQuery) error {
		if p := readableAgreement(auth.FromContext(ctx)); p != nil {
			q.Where(agreementtransition.HasAgreementWith(p))
		}
		return privacy.Skip
	})
}
