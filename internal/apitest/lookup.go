package apitest

import (
	"context"
	"fmt"
	"testing"

	"github.com/palabre/palabre/access"
	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/account"
	"github.com/palabre/palabre/ent/actionitem"
	"github.com/palabre/palabre/ent/agency"
	"github.com/palabre/palabre/ent/agreement"
	"github.com/palabre/palabre/ent/agreementparty"
	"github.com/palabre/palabre/ent/apitoken"
	"github.com/palabre/palabre/ent/commitment"
	"github.com/palabre/palabre/ent/consultation"
	"github.com/palabre/palabre/ent/decision"
	"github.com/palabre/palabre/ent/domain"
	"github.com/palabre/palabre/ent/indicator"
	"github.com/palabre/palabre/ent/objective"
	"github.com/palabre/palabre/ent/observation"
	"github.com/palabre/palabre/ent/schema/pulid"
	"github.com/palabre/palabre/ent/strategy"
)

// These helpers read and write the database directly, as the system, for test
// setup and for checking what a request stored.

func (s *Server) ctx() context.Context { return access.SystemContext(context.Background()) }

// result holds what a call returned, so that one line can both call and check:
// got(client.X.Get(ctx, id)).or(t).
type result[T any] struct {
	v   T
	err error
}

func got[T any](v T, err error) result[T] { return result[T]{v, err} }

// or returns the value, or ends the test on an error.
func (r result[T]) or(t testing.TB) T {
	t.Helper()
	if r.err != nil {
		t.Fatal(r.err)
	}
	return r.v
}

// Agency reads an agency as it is now.
func (s *Server) Agency(t testing.TB, id pulid.ID) *ent.Agency {
	return got(s.Client.Agency.Get(s.ctx(), id)).or(t)
}

// Strategy reads a strategy as it is now.
func (s *Server) Strategy(t testing.TB, id pulid.ID) *ent.Strategy {
	return got(s.Client.Strategy.Get(s.ctx(), id)).or(t)
}

// Item reads an action item as it is now.
func (s *Server) Item(t testing.TB, id pulid.ID) *ent.ActionItem {
	return got(s.Client.ActionItem.Get(s.ctx(), id)).or(t)
}

// Account reads the account with the given e-mail.
func (s *Server) Account(t testing.TB, email string) *ent.Account {
	return got(s.Client.Account.Query().Where(account.Email(email)).Only(s.ctx())).or(t)
}

// NewAgency stores an agency that nothing refers to.
func (s *Server) NewAgency(t testing.TB, acronym string) *ent.Agency {
	return got(s.Client.Agency.Create().SetName("Agence " + acronym).SetAcronym(acronym).
		SetKind(agency.KindCERT).SetCountry("SN").Save(s.ctx())).or(t)
}

// NewItem stores an action item in the draft strategy, led by the justice ministry.
func (s *Server) NewItem(t testing.TB, code string) *ent.ActionItem {
	return got(s.Client.ActionItem.Create().SetObjective(s.World.DraftLegal).SetCode(code).
		SetTitle("Action " + code).SetLeadAgency(s.World.Justice).Save(s.ctx())).or(t)
}

// Fingerprint sums up the database: the number of rows of each entity, the
// sum of revisions (every update bumps one), the revoked tokens and the length
// of the audit trail (every change writes an event). Two equal fingerprints
// mean that a request stored nothing.
func (s *Server) Fingerprint(t testing.TB) string {
	t.Helper()
	ctx, c := s.ctx(), s.Client
	return fmt.Sprint(
		got(c.Agency.Query().Count(ctx)).or(t),
		got(c.Account.Query().Count(ctx)).or(t),
		got(c.APIToken.Query().Count(ctx)).or(t),
		got(c.APIToken.Query().Where(apitoken.RevokedAtNotNil()).Count(ctx)).or(t),
		got(c.Strategy.Query().Count(ctx)).or(t),
		got(c.Objective.Query().Count(ctx)).or(t),
		got(c.ActionItem.Query().Count(ctx)).or(t),
		got(c.Indicator.Query().Count(ctx)).or(t),
		got(c.Measurement.Query().Count(ctx)).or(t),
		got(c.StrategyVersion.Query().Count(ctx)).or(t),
		got(c.StrategyTransition.Query().Count(ctx)).or(t),
		got(c.Consultation.Query().Count(ctx)).or(t),
		got(c.Observation.Query().Count(ctx)).or(t),
		got(c.Decision.Query().Count(ctx)).or(t),
		got(c.DecisionPosition.Query().Count(ctx)).or(t),
		got(c.ProgressReport.Query().Count(ctx)).or(t),
		got(c.Domain.Query().Count(ctx)).or(t),
		got(c.Agreement.Query().Count(ctx)).or(t),
		got(c.AgreementParty.Query().Count(ctx)).or(t),
		got(c.Commitment.Query().Count(ctx)).or(t),
		got(c.AgreementTransition.Query().Count(ctx)).or(t),
		got(c.Attachment.Query().Count(ctx)).or(t),
		got(c.AuditEvent.Query().Count(ctx)).or(t),
		sum(got(c.Agency.Query().Select(agency.FieldRevision).Ints(ctx)).or(t)),
		sum(got(c.Account.Query().Select(account.FieldRevision).Ints(ctx)).or(t)),
		sum(got(c.Strategy.Query().Select(strategy.FieldRevision).Ints(ctx)).or(t)),
		sum(got(c.Objective.Query().Select(objective.FieldRevision).Ints(ctx)).or(t)),
		sum(got(c.ActionItem.Query().Select(actionitem.FieldRevision).Ints(ctx)).or(t)),
		sum(got(c.Indicator.Query().Select(indicator.FieldRevision).Ints(ctx)).or(t)),
		sum(got(c.Consultation.Query().Select(consultation.FieldRevision).Ints(ctx)).or(t)),
		sum(got(c.Observation.Query().Select(observation.FieldRevision).Ints(ctx)).or(t)),
		sum(got(c.Decision.Query().Select(decision.FieldRevision).Ints(ctx)).or(t)),
		sum(got(c.Domain.Query().Select(domain.FieldRevision).Ints(ctx)).or(t)),
		sum(got(c.Agreement.Query().Select(agreement.FieldRevision).Ints(ctx)).or(t)),
		sum(got(c.AgreementParty.Query().Select(agreementparty.FieldRevision).Ints(ctx)).or(t)),
		sum(got(c.Commitment.Query().Select(commitment.FieldRevision).Ints(ctx)).or(t)),
	)
}

func sum(ns []int) int {
	total := 0
	for _, n := range ns {
		total += n
	}
	return total
}

// NewObjective stores an objective in a strategy.
func (s *Server) NewObjective(t testing.TB, in *ent.Strategy, code string, pillar objective.Pillar) *ent.Objective {
	return got(s.Client.Objective.Create().SetStrategy(in).SetCode(code).SetTitle("Objectif " + code).
		SetPillar(pillar).Save(s.ctx())).or(t)
}

// NewItemUnder stores an action item under an objective, with its lead agency and supporters.
func (s *Server) NewItemUnder(t testing.TB, o *ent.Objective, code string, lead *ent.Agency, supporters ...*ent.Agency) *ent.ActionItem {
	return got(s.Client.ActionItem.Create().SetObjective(o).SetCode(code).SetTitle("Action " + code).
		SetLeadAgency(lead).AddSupportingAgencies(supporters...).Save(s.ctx())).or(t)
}
