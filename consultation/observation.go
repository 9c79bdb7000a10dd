package consultation

import (
	"context"
	"strings"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/auth"
	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/agency"
	"github.com/palabre/palabre/ent/observation"
	"github.com/palabre/palabre/ent/schema/pulid"
)

// What agencies and the secretariat do with observations. Who may do it is the
// Observation's privacy policy, when and on what its hooks (ent/schema): an
// agency speaks for its own agency, in a round it is invited to, while the
// round is open, on a target of the consulted version; the secretariat answers
// submitted observations with a reason.

// Submission is an observation an agency submits, or keeps as a draft.
type Submission struct {
	ConsultationID pulid.ID
	TargetKind     observation.TargetKind
	TargetID       *pulid.ID // the objective or action item in the consulted version; nil for the whole strategy
	Kind           observation.Kind
	Body           string
	ProposedText   string // required for an amendment
	Draft          bool   // keep it as a draft only the agency sees
	// IdempotencyKey, chosen by the client, makes a retried submission return
	// the first observation instead of storing a second one.
	IdempotencyKey string
}

// Submit stores an observation for the caller's agency, or returns the one
// its agency already submitted with the same idempotency key, unchanged.
func Submit(ctx context.Context, client *ent.Client, s Submission) (*ent.Observation, error) {
	if s.IdempotencyKey != "" {
		first, err := submittedWithKey(ctx, client, s.IdempotencyKey)
		if first != nil || err != nil {
			return first, err
		}
	}
	status := observation.StatusSubmitted
	if s.Draft {
		status = observation.StatusDraft
	}
	create := client.Observation.Create().
		SetConsultationID(s.ConsultationID).
		SetTargetKind(s.TargetKind).
		SetNillableTargetID(s.TargetID).
		SetKind(s.Kind).
		SetBody(s.Body).
		SetProposedText(s.ProposedText).
		SetStatus(status)
	if s.IdempotencyKey != "" {
		create.SetIdempotencyKey(s.IdempotencyKey)
	}
	return create.Save(ctx)
}

// submittedWithKey finds the observation the caller's agency stored with the
// key, if any. Keys are per agency: another agency's key is another key.
func submittedWithKey(ctx context.Context, client *ent.Client, key string) (*ent.Observation, error) {
	v := auth.FromContext(ctx)
	if !v.Is(auth.RoleAgency) {
		return nil, nil // only agencies submit; the create is refused below
	}
	first, err := client.Observation.Query().
		Where(observation.IdempotencyKey(key), observation.HasAgencyWith(agency.ID(v.AgencyID))).
		Only(ctx)
	if ent.IsNotFound(err) {
		return nil, nil
	}
	return first, err
}

// Edit is a change an agency makes to its own observation while the round is
// open: its kind, body or proposed text, or the submission of a draft.
type Edit struct {
	Kind         *observation.Kind
	Body         *string
	ProposedText *string
	Submit       bool
}

// EditObservation applies an edit to an observation.
func EditObservation(ctx context.Context, client *ent.Client, id pulid.ID, e Edit) (*ent.Observation, error) {
	if e.Kind == nil && e.Body == nil && e.ProposedText == nil && !e.Submit {
		return nil, palabre.Errorf(palabre.EINVALID, "nothing to change: give a kind, a body, a proposed text or submit")
	}
	update := client.Observation.UpdateOneID(id).
		SetNillableKind(e.Kind).
		SetNillableBody(e.Body).
		SetNillableProposedText(e.ProposedText)
	if e.Submit {
		update.SetStatus(observation.StatusSubmitted)
	}
	return update.Save(ctx)
}

// Withdraw withdraws an observation; it stays on record as withdrawn.
func Withdraw(ctx context.Context, client *ent.Client, id pulid.ID) (*ent.Observation, error) {
	return client.Observation.UpdateOneID(id).SetStatus(observation.StatusWithdrawn).Save(ctx)
}

// Answer is the secretariat's answer to an observation.
type Answer struct {
	// Disposition is one of the answered states: accepted, partially
	// accepted, rejected or out of scope.
	Disposition observation.Status
	// Response gives the reasons; required for anything but acceptance.
	Response string
	// TakenInto is the later version of the strategy in which the observation
	// was taken into account, if any.
	TakenInto *pulid.ID
}

// Answered reports whether the status is an answer of the secretariat.
func Answered(s observation.Status) bool {
	switch s {
	case observation.StatusAccepted, observation.StatusPartiallyAccepted, observation.StatusRejected, observation.StatusOutOfScope:
		return true
	}
	return false
}

// AnswerObservation records the secretariat's answer, replacing an earlier one.
func AnswerObservation(ctx context.Context, client *ent.Client, id pulid.ID, a Answer) (*ent.Observation, error) {
	if !Answered(a.Disposition) {
		return nil, palabre.Errorf(palabre.EINVALID, "%s is not an answer: accept, partially accept, reject or declare out of scope", a.Disposition)
	}
	update := client.Observation.UpdateOneID(id).
		SetStatus(a.Disposition).
		SetResponse(strings.TrimSpace(a.Response))
	switch {
	case a.TakenInto != nil:
		update.SetTakenIntoID(*a.TakenInto)
	case a.Disposition == observation.StatusRejected || a.Disposition == observation.StatusOutOfScope:
		// A rejection takes back an earlier "taken into version N".
		taken, err := client.Observation.Query().Where(observation.ID(id), observation.HasTakenInto()).Exist(ctx)
		if err != nil {
			return nil, err
		}
		if taken {
			update.ClearTakenInto()
		}
	}
	return update.Save(ctx)
}
