package schema

import (
	"context"

	"entgo.io/ent"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/access"
	"github.com/palabre/palabre/auth"
	"github.com/palabre/palabre/clock"
	"github.com/palabre/palabre/consultation"
	gen "github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/agency"
	entconsultation "github.com/palabre/palabre/ent/consultation"
	"github.com/palabre/palabre/ent/hook"
	"github.com/palabre/palabre/ent/observation"
	"github.com/palabre/palabre/ent/strategy"
	"github.com/palabre/palabre/ent/strategyversion"
	"github.com/palabre/palabre/versions"
)

// Hooks of the Observation. Who may write is the privacy policy's (see
// rule/observation.go); these hooks load what the rules of package
// consultation need to say when and on what, and call them. They run in this
// order, so a caller learns first that it may not speak (FORBIDDEN), then
// that it may not speak now (CONFLICT), then what is wrong with what it said
// (BAD_USER_INPUT).
func (Observation) Hooks() []ent.Hook {
	return []ent.Hook{
		hook.On(speakForOwnAgency, ent.OpCreate),
		hook.On(submitInOpenRound, ent.OpCreate),
		hook.On(editWhileOpen, ent.OpUpdateOne),
		hook.On(answerWithReasons, ent.OpUpdateOne),
		hook.On(amendWithText, ent.OpCreate|ent.OpUpdateOne),
		hook.Reject(ent.OpUpdate), // bulk updates would bypass the checks above
	}
}

// speakForOwnAgency makes an agency account's observation its agency's, written
// by the account. (The privacy policy already refused another agency.)
func speakForOwnAgency(next ent.Mutator) ent.Mutator {
	return hook.ObservationFunc(func(ctx context.Context, m *gen.ObservationMutation) (ent.Value, error) {
		if v := auth.FromContext(ctx); v.Is(auth.RoleAgency) {
			m.SetAgencyID(v.AgencyID)
			m.SetAuthorID(v.AccountID)
		}
		return next.Mutate(ctx, m)
	})
}

// submitInOpenRound accepts an observation from an invited agency while the
// round is open (Round.RequireOpen), as a draft or submitted
// (consultation.NewStatus), on a target of the consulted version whose code
// and title it records (consultation.Target).
func submitInOpenRound(next ent.Mutator) ent.Mutator {
	return hook.ObservationFunc(func(ctx context.Context, m *gen.ObservationMutation) (ent.Value, error) {
		roundID, hasRound := m.ConsultationID()
		agencyID, hasAgency := m.AgencyID()
		if !hasRound || !hasAgency {
			return next.Mutate(ctx, m) // ent reports the missing edge
		}
		// An agency that is not invited cannot see the round, and must learn
		// that it is not invited, not that it is missing.
		system := access.AsSystem(ctx, "whether the agency is invited to the round")
		round, err := m.Client().Consultation.Query().Where(entconsultation.ID(roundID)).WithVersion().Only(system)
		if gen.IsNotFound(err) {
			return nil, palabre.Errorf(palabre.ENOTFOUND, "consultation %s not found", roundID)
		}
		if err != nil {
			return nil, err
		}
		invited, err := round.QueryInvitedAgencies().Where(agency.ID(agencyID)).Exist(system)
		if err != nil {
			return nil, err
		}
		if !invited {
			return nil, palabre.Refuse(palabre.EFORBIDDEN, palabre.ReasonNotInvited, "title", round.Title).Sayf("your agency is not invited to the round « %s »", round.Title)
		}
		now := clock.Now(ctx)
		if err := consultation.RoundOf(round).RequireOpen(round.Title, now); err != nil {
			return nil, err
		}
		status, _ := m.Status()
		if err := consultation.NewStatus(status); err != nil {
			return nil, err
		}
		if status == observation.StatusSubmitted {
			m.SetSubmittedAt(now)
		}
		consulted, err := versions.Parse(round.Edges.Version.Content)
		if err != nil {
			return nil, err
		}
		kind, _ := m.TargetKind()
		id, _ := m.TargetID()
		code, title, err := consultation.Target(consulted, round.Edges.Version.Number, kind, id)
		if err != nil {
			return nil, err
		}
		m.SetTargetID(id) // empty rather than NULL for the whole strategy, which the ID type cannot read
		m.SetTargetCode(code)
		m.SetTargetTitle(title)
		return next.Mutate(ctx, m)
	})
}

// editWhileOpen lets an agency edit, submit or withdraw its observation while
// the round is open (Round.RequireOpen) and until the secretariat answers it
// (consultation.Editable); a submitted observation does not go back to draft
// (consultation.Move).
func editWhileOpen(next ent.Mutator) ent.Mutator {
	return hook.ObservationFunc(func(ctx context.Context, m *gen.ObservationMutation) (ent.Value, error) {
		status, statusSet := m.Status()
		_, kindSet := m.Kind()
		_, bodySet := m.Body()
		_, textSet := m.ProposedText()
		if !kindSet && !bodySet && !textSet && (!statusSet || consultation.Answered(status)) {
			return next.Mutate(ctx, m)
		}
		old, err := m.OldStatus(ctx)
		if err != nil {
			return nil, err
		}
		if err := consultation.Editable(old); err != nil {
			return nil, err
		}
		round, err := roundOf(ctx, m)
		if err != nil {
			return nil, err
		}
		now := clock.Now(ctx)
		if err := consultation.RoundOf(round).RequireOpen(round.Title, now); err != nil {
			return nil, err
		}
		if statusSet {
			submits, err := consultation.Move(old, status)
			if err != nil {
				return nil, err
			}
			if submits {
				m.SetSubmittedAt(now)
			}
		}
		return next.Mutate(ctx, m)
	})
}

// answerWithReasons checks the secretariat's answer (consultation.CheckReply,
// consultation.CheckLaterVersion) and records who answered and when.
func answerWithReasons(next ent.Mutator) ent.Mutator {
	return hook.ObservationFunc(func(ctx context.Context, m *gen.ObservationMutation) (ent.Value, error) {
		disposition, statusSet := m.Status()
		response, responseSet := m.Response()
		takenInto, takenSet := m.TakenIntoID()
		if (!statusSet || !consultation.Answered(disposition)) && !responseSet && !takenSet {
			return next.Mutate(ctx, m)
		}
		old, err := m.OldStatus(ctx)
		if err != nil {
			return nil, err
		}
		if !statusSet {
			disposition = old
		}
		if !responseSet {
			if response, err = m.OldResponse(ctx); err != nil {
				return nil, err
			}
		}
		round, err := roundOf(ctx, m)
		if err != nil {
			return nil, err
		}
		if err := consultation.CheckReply(consultation.Reply{Old: old, Disposition: disposition, Response: response,
			TakesVersion: takenSet, Consolidated: round.ConsolidatedAt != nil, RoundTitle: round.Title}); err != nil {
			return nil, err
		}
		if takenSet {
			later, err := m.Client().StrategyVersion.Query().
				Where(strategyversion.ID(takenInto), strategyversion.HasStrategyWith(strategy.HasConsultationsWith(entconsultation.ID(round.ID)))).
				Only(ctx)
			if gen.IsNotFound(err) {
				return nil, palabre.Refuse(palabre.EINVALID, palabre.ReasonRoundVersionElsewhere, "version", takenInto).Sayf("version %s is not a version of the strategy consulted", takenInto)
			}
			if err != nil {
				return nil, err
			}
			if err := consultation.CheckLaterVersion(round.Edges.Version.Number, later.Number); err != nil {
				return nil, err
			}
		}
		m.SetRespondedAt(clock.Now(ctx))
		if v := auth.FromContext(ctx); v != nil {
			m.SetRespondedByID(v.AccountID)
		}
		return next.Mutate(ctx, m)
	})
}

// roundOf reads the round of the observation being updated, with the number
// of the version it consulted. What the caller may change was settled by the
// privacy policy, and this read only informs checks.
func roundOf(ctx context.Context, m *gen.ObservationMutation) (*gen.Consultation, error) {
	id, _ := m.ID()
	return m.Client().Observation.Query().Where(observation.ID(id)).QueryConsultation().
		WithVersion(func(q *gen.StrategyVersionQuery) { q.Select(strategyversion.FieldNumber) }).
		Only(access.AsSystem(ctx, "the round of an observation, for its checks"))
}

// amendWithText requires an amendment to say what it proposes instead
// (consultation.CheckAmendment).
func amendWithText(next ent.Mutator) ent.Mutator {
	return hook.ObservationFunc(func(ctx context.Context, m *gen.ObservationMutation) (ent.Value, error) {
		kind, kindSet := m.Kind()
		text, textSet := m.ProposedText()
		if !kindSet && !textSet || !kindSet && m.Op().Is(ent.OpCreate) {
			return next.Mutate(ctx, m) // on creation, ent reports a missing kind
		}
		var err error
		if !kindSet {
			kind, err = m.OldKind(ctx)
		}
		if !textSet && err == nil && m.Op().Is(ent.OpUpdateOne) {
			text, err = m.OldProposedText(ctx)
		}
		if err != nil {
			return nil, err
		}
		if err := consultation.CheckAmendment(kind, text); err != nil {
			return nil, err
		}
		return next.Mutate(ctx, m)
	})
}
