package schema

import (
	"context"
	"strings"
	"time"

	"entgo.io/ent"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/auth"
	"github.com/palabre/palabre/consultation"
	gen "github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/agency"
	entconsultation "github.com/palabre/palabre/ent/consultation"
	"github.com/palabre/palabre/ent/hook"
	"github.com/palabre/palabre/ent/observation"
	"github.com/palabre/palabre/ent/privacy"
	"github.com/palabre/palabre/ent/schema/pulid"
	"github.com/palabre/palabre/ent/strategy"
	"github.com/palabre/palabre/ent/strategyversion"
	"github.com/palabre/palabre/versions"
)

// Hooks of the Observation. Who may write is the privacy policy's (see
// rule/observation.go); these hooks check when and on what. They run in this
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
// round is open, on the whole strategy or on an objective or action item of
// the consulted version, whose code and title it records as they were
// consulted: the working copy may change or lose them later.
func submitInOpenRound(next ent.Mutator) ent.Mutator {
	return hook.ObservationFunc(func(ctx context.Context, m *gen.ObservationMutation) (ent.Value, error) {
		roundID, hasRound := m.ConsultationID()
		agencyID, hasAgency := m.AgencyID()
		if !hasRound || !hasAgency {
			return next.Mutate(ctx, m) // ent reports the missing edge
		}
		// Read as the system: an agency that is not invited cannot see the
		// round, and must learn that it is not invited, not that it is missing.
		system := privacy.DecisionContext(ctx, privacy.Allow)
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
			return nil, palabre.Errorf(palabre.EFORBIDDEN, "your agency is not invited to the round « %s »", round.Title)
		}
		now := consultation.Now()
		if err := requireOpen(round, now); err != nil {
			return nil, err
		}
		switch status, _ := m.Status(); status {
		case observation.StatusSubmitted:
			m.SetSubmittedAt(now)
		case observation.StatusDraft:
		default:
			return nil, palabre.Errorf(palabre.EINVALID, "a new observation is a draft or submitted, not %s", status)
		}
		if err := placeOnTarget(m, round.Edges.Version); err != nil {
			return nil, err
		}
		return next.Mutate(ctx, m)
	})
}

// requireOpen refuses to take or change observations outside the round's window.
func requireOpen(round *gen.Consultation, now time.Time) error {
	switch consultation.StatusAt(round, now) {
	case consultation.Planned:
		return palabre.Errorf(palabre.ECONFLICT, "the round « %s » is not open yet: it opens at %s", round.Title, stamp(round.OpensAt))
	case consultation.Closed, consultation.Consolidated:
		return palabre.Errorf(palabre.ECONFLICT, "the round « %s » is closed: it closed at %s", round.Title, stamp(round.ClosesAt))
	}
	return nil
}

// placeOnTarget finds the observation's target in the consulted version and
// records its code and title.
func placeOnTarget(m *gen.ObservationMutation, version *gen.StrategyVersion) error {
	snapshot, err := versions.Parse(version.Content)
	if err != nil {
		return err
	}
	kind, _ := m.TargetKind()
	id, hasID := m.TargetID()
	if kind == observation.TargetKindStrategy {
		if hasID && id != "" {
			return palabre.Errorf(palabre.EINVALID, "an observation on the whole strategy names no target: omit targetID")
		}
		m.SetTargetID("") // stored empty rather than NULL, which the ID type cannot read
		m.SetTargetCode("")
		m.SetTargetTitle(snapshot.Strategy.Title)
		return nil
	}
	if !hasID || id == "" {
		return palabre.Errorf(palabre.EINVALID, "name the %s the observation is about (targetID)", targetName(kind))
	}
	var code, title string
	found := false
	switch kind {
	case observation.TargetKindObjective:
		if o, ok := snapshot.Objective(id); ok {
			code, title, found = o.Code, o.Title, true
		}
	case observation.TargetKindActionItem:
		if it, ok := snapshot.ActionItem(id); ok {
			code, title, found = it.Code, it.Title, true
		}
	}
	if !found {
		return palabre.Errorf(palabre.EINVALID, "%s %s is not in version %d, the version consulted", targetName(kind), id, version.Number)
	}
	m.SetTargetCode(code)
	m.SetTargetTitle(title)
	return nil
}

func targetName(kind observation.TargetKind) string {
	if kind == observation.TargetKindActionItem {
		return "action item"
	}
	return strings.ToLower(string(kind))
}

// editWhileOpen lets an agency edit, submit or withdraw its observation while
// the round is open and until the secretariat answers it. A submitted
// observation does not go back to draft.
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
		switch {
		case old == observation.StatusWithdrawn:
			return nil, palabre.Errorf(palabre.ECONFLICT, "the observation was withdrawn: it can no longer change")
		case consultation.Answered(old):
			return nil, palabre.Errorf(palabre.ECONFLICT, "the observation was answered (%s): it can no longer change", old)
		}
		round, err := roundOf(ctx, m)
		if err != nil {
			return nil, err
		}
		now := consultation.Now()
		if err := requireOpen(round, now); err != nil {
			return nil, err
		}
		switch {
		case statusSet && status == observation.StatusDraft && old == observation.StatusSubmitted:
			return nil, palabre.Errorf(palabre.ECONFLICT, "the observation was submitted: it cannot go back to draft")
		case statusSet && status == observation.StatusSubmitted && old == observation.StatusDraft:
			m.SetSubmittedAt(now)
		}
		return next.Mutate(ctx, m)
	})
}

// answerWithReasons lets the secretariat answer a submitted observation, or
// answer it again, until the round is consolidated: a reason is required for
// anything but acceptance, and the version the observation was taken into must
// be a later version of the same strategy. It records who answered and when.
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
		switch {
		case old == observation.StatusDraft:
			return nil, palabre.Errorf(palabre.ECONFLICT, "the observation is a draft: it is answered once its agency submits it")
		case old == observation.StatusWithdrawn:
			return nil, palabre.Errorf(palabre.ECONFLICT, "the observation was withdrawn by its agency: there is nothing to answer")
		}
		if !statusSet {
			disposition = old
		}
		if !consultation.Answered(disposition) {
			return nil, palabre.Errorf(palabre.EINVALID, "an answer accepts, partially accepts, rejects or declares out of scope")
		}
		round, err := roundOf(ctx, m)
		if err != nil {
			return nil, err
		}
		if round.ConsolidatedAt != nil {
			return nil, palabre.Errorf(palabre.ECONFLICT, "the round « %s » is consolidated: its answers are final", round.Title)
		}
		if !responseSet {
			if response, err = m.OldResponse(ctx); err != nil {
				return nil, err
			}
		}
		if disposition != observation.StatusAccepted && strings.TrimSpace(response) == "" {
			return nil, palabre.Errorf(palabre.EINVALID, "give the reasons in a response: it is required for %s", strings.ToLower(strings.ReplaceAll(string(disposition), "_", " ")))
		}
		if takenSet {
			if disposition == observation.StatusRejected || disposition == observation.StatusOutOfScope {
				return nil, palabre.Errorf(palabre.EINVALID, "an observation answered %s is taken into no version", disposition)
			}
			if err := checkLaterVersion(ctx, m.Client(), round, takenInto); err != nil {
				return nil, err
			}
		}
		m.SetRespondedAt(consultation.Now())
		if v := auth.FromContext(ctx); v != nil {
			m.SetRespondedByID(v.AccountID)
		}
		return next.Mutate(ctx, m)
	})
}

// checkLaterVersion requires a version of the round's strategy later than the
// one the round consulted.
func checkLaterVersion(ctx context.Context, client *gen.Client, round *gen.Consultation, id pulid.ID) error {
	later, err := client.StrategyVersion.Query().
		Where(strategyversion.ID(id), strategyversion.HasStrategyWith(strategy.HasConsultationsWith(entconsultation.ID(round.ID)))).
		Only(ctx)
	if gen.IsNotFound(err) {
		return palabre.Errorf(palabre.EINVALID, "version %s is not a version of the strategy consulted", id)
	}
	if err != nil {
		return err
	}
	if consulted := round.Edges.Version.Number; later.Number <= consulted {
		return palabre.Errorf(palabre.EINVALID, "an observation is taken into a version later than version %d, the one consulted, not into version %d", consulted, later.Number)
	}
	return nil
}

// roundOf reads the round of the observation being updated, with the number
// of the version it consulted. It reads as the system: what the caller may
// change was settled by the privacy policy, and this read only informs checks.
func roundOf(ctx context.Context, m *gen.ObservationMutation) (*gen.Consultation, error) {
	id, _ := m.ID()
	return m.Client().Observation.Query().Where(observation.ID(id)).QueryConsultation().
		WithVersion(func(q *gen.StrategyVersionQuery) { q.Select(strategyversion.FieldNumber) }).
		Only(privacy.DecisionContext(ctx, privacy.Allow))
}

// amendWithText requires an amendment to say what it proposes instead.
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
		if kind == observation.KindAmendment && strings.TrimSpace(text) == "" {
			return nil, palabre.Errorf(palabre.EINVALID, "an amendment needs the text it proposes instead (proposedText)")
		}
		return next.Mutate(ctx, m)
	})
}
