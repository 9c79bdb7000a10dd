// Package consensus records how a contested question about a strategy is
// settled: each agency's stated position while the question is open, then the
// outcome, the body that decided and the date. An outcome that names the
// implementing agency makes it the strategy's.
//
// The rules of a decision (positions only while it is open and for one of its
// options, a settled decision never changes, a settlement says what, who and
// when) are the hooks of Decision and DecisionPosition; who may do this is
// their privacy policy. This package puts the steps together.
package consensus

import (
	"context"
	"time"

	"github.com/palabre/palabre"

	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/agency"
	"github.com/palabre/palabre/ent/decision"
	"github.com/palabre/palabre/ent/decisionposition"
	"github.com/palabre/palabre/ent/schema/pulid"
	"github.com/palabre/palabre/ent/schema/revision"
	"github.com/palabre/palabre/transaction"
)

// Position is an agency's stated position on a decision.
type Position struct {
	DecisionID pulid.ID
	AgencyID   pulid.ID
	Option     string // one of the decision's options; empty for none
	Statement  string // the position in the agency's own words
}

// RecordPosition records an agency's position on an open decision, replacing
// the one it stated before, if any: an agency holds one position at a time.
func RecordPosition(ctx context.Context, client *ent.Client, p Position) (*ent.DecisionPosition, error) {
	earlier, err := client.DecisionPosition.Query().
		Where(decisionposition.HasDecisionWith(decision.ID(p.DecisionID)),
			decisionposition.HasAgencyWith(agency.ID(p.AgencyID))).
		Only(ctx)
	switch {
	case ent.IsNotFound(err):
		return client.DecisionPosition.Create().
			SetDecisionID(p.DecisionID).SetAgencyID(p.AgencyID).
			SetOption(p.Option).SetStatement(p.Statement).
			Save(ctx)
	case err != nil:
		return nil, err
	}
	return earlier.Update().SetOption(p.Option).SetStatement(p.Statement).Save(ctx)
}

// Settlement is the outcome of a decision.
type Settlement struct {
	DecisionID pulid.ID
	Revision   int // the revision of the decision the outcome is based on
	Outcome    string
	Body       decision.Body
	DecidedOn  time.Time
	// ImplementingAgencyID, if set, is the implementing agency the outcome
	// names: it becomes the strategy's implementing agency.
	ImplementingAgencyID *pulid.ID
}

// Settle records the outcome of an open decision and settles it; if the
// outcome names the implementing agency, the strategy's implementing agency
// becomes that agency in the same transaction (client's, or one of its own).
// A stale revision and a decision settled already are CONFLICT.
func Settle(ctx context.Context, client *ent.Client, s Settlement) (*ent.Decision, error) {
	var settled *ent.Decision
	err := transaction.Within(ctx, client, func(client *ent.Client) error {
		update := client.Decision.UpdateOneID(s.DecisionID).
			SetStatus(decision.StatusSettled).
			SetOutcome(s.Outcome).SetBody(s.Body).SetDecidedOn(s.DecidedOn)
		if s.ImplementingAgencyID != nil {
			update.SetImplementingAgencyID(*s.ImplementingAgencyID)
		}
		var err error
		if settled, err = update.Save(revision.Expect(ctx, s.DecisionID, s.Revision)); err != nil {
			return err
		}
		if s.ImplementingAgencyID == nil {
			return nil
		}
		strategyID, err := settled.QueryStrategy().OnlyID(ctx)
		if ent.IsNotFound(err) { // taken at a committee meeting
			return palabre.Errorf(palabre.EINVALID, "only a decision about a strategy names its implementing agency; this one was taken at a committee meeting")
		}
		if err != nil {
			return err
		}
		return client.Strategy.UpdateOneID(strategyID).SetImplementingAgencyID(*s.ImplementingAgencyID).Exec(ctx)
	})
	if err != nil {
		return nil, err
	}
	return settled, nil
}
