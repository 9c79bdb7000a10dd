package consultation

import (
	"context"
	stdsql "database/sql"
	"errors"
	"strings"

	"entgo.io/ent/dialect/sql"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/auth"
	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/agency"
	entconsultation "github.com/palabre/palabre/ent/consultation"
	"github.com/palabre/palabre/ent/observation"
	"github.com/palabre/palabre/ent/schema/pulid"
)

// What agencies and the secretariat do with observations. Who may do it is the
// Observation's privacy policy; when and on what are the rules of rules.go and
// target.go, which its hooks (ent/schema) call: an agency speaks for its own
// agency, in a round it is invited to, while the round is open, on a target of
// the consulted version; the secretariat answers submitted observations with a
// reason.

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
// its agency already submitted with the same idempotency key, unchanged. A key
// its agency used for another observation is a CONFLICT.
//
// Retries of one submission may arrive at the same time: the insert does
// nothing when the key is taken (INSERT … ON CONFLICT DO NOTHING) and the
// observation that won is returned, so that no retry sees the unique index's
// refusal.
func Submit(ctx context.Context, client *ent.Client, s Submission) (*ent.Observation, error) {
	if s.IdempotencyKey == "" {
		return newObservation(client, s).Save(ctx)
	}
	first, err := submittedWithKey(ctx, client, s.IdempotencyKey)
	if first != nil || err != nil {
		return replay(first, s, err)
	}
	create := newObservation(client, s).SetIdempotencyKey(s.IdempotencyKey)
	create.OnConflict(sql.ConflictColumns(observation.FieldIdempotencyKey, observation.AgencyColumn), sql.DoNothing())
	o, err := create.Save(ctx)
	if !errors.Is(err, stdsql.ErrNoRows) {
		return o, err
	}
	// Another request with the key stored its observation first.
	first, err = submittedWithKey(ctx, client, s.IdempotencyKey)
	return replay(first, s, err)
}

func newObservation(client *ent.Client, s Submission) *ent.ObservationCreate {
	status := observation.StatusSubmitted
	if s.Draft {
		status = observation.StatusDraft
	}
	return client.Observation.Create().
		SetConsultationID(s.ConsultationID).
		SetTargetKind(s.TargetKind).
		SetNillableTargetID(s.TargetID).
		SetKind(s.Kind).
		SetBody(s.Body).
		SetProposedText(s.ProposedText).
		SetStatus(status)
}

// replay returns the observation first stored with a submission's key, when
// the submission is a retry of the one that stored it.
func replay(first *ent.Observation, s Submission, err error) (*ent.Observation, error) {
	if err != nil {
		return nil, err
	}
	if first == nil { // cannot happen: the key is taken
		return nil, palabre.Refuse(palabre.ECONFLICT, palabre.ReasonKeyInUse, "key", s.IdempotencyKey).Sayf("the idempotency key « %s » is being used by another request: retry", s.IdempotencyKey)
	}
	if !SameSubmission(Stored(first), s) {
		return nil, palabre.Refuse(palabre.ECONFLICT, palabre.ReasonKeyReused, "key", s.IdempotencyKey, "first", first.ID).Sayf(
			"the idempotency key « %s » was already used for another request (observation %s): use a new key for a new observation, or resend the first request unchanged",
			s.IdempotencyKey, first.ID)
	}
	return first, nil
}

// submittedWithKey finds the observation the caller's agency stored with the
// key, if any, with its round. Keys are per agency: another agency's key is
// another key.
func submittedWithKey(ctx context.Context, client *ent.Client, key string) (*ent.Observation, error) {
	v := auth.FromContext(ctx)
	if !v.Is(auth.RoleAgency) {
		return nil, nil // only agencies submit; the create is refused below
	}
	first, err := client.Observation.Query().
		Where(observation.IdempotencyKey(key), observation.HasAgencyWith(agency.ID(v.AgencyID))).
		WithConsultation(func(q *ent.ConsultationQuery) { q.Select(entconsultation.FieldID) }).
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
		return nil, palabre.Refuse(palabre.EINVALID, palabre.ReasonNothingToChange)
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

// AnswerObservation records the secretariat's answer, replacing an earlier
// one; the Observation's hooks check it (CheckReply).
func AnswerObservation(ctx context.Context, client *ent.Client, id pulid.ID, a Answer) (*ent.Observation, error) {
	update := client.Observation.UpdateOneID(id).
		SetStatus(a.Disposition).
		SetResponse(strings.TrimSpace(a.Response))
	switch {
	case a.TakenInto != nil:
		update.SetTakenIntoID(*a.TakenInto)
	case !TakenIntoAVersion(a.Disposition):
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

// Stored returns the submission an observation was stored from, as far as it
// shows: its round (loaded with it), target, kind, texts and whether it is a
// draft.
func Stored(o *ent.Observation) Submission {
	s := Submission{TargetKind: o.TargetKind, Kind: o.Kind, Body: o.Body, ProposedText: o.ProposedText,
		Draft: o.Status == observation.StatusDraft}
	if o.Edges.Consultation != nil {
		s.ConsultationID = o.Edges.Consultation.ID
	}
	if o.TargetID != "" {
		id := o.TargetID
		s.TargetID = &id
	}
	return s
}

// SameSubmission reports whether a submission repeats the one an observation
// was stored from: the same round, target, kind and texts. A submission that
// asks to submit is not the repeat of a draft still kept as a draft; one that
// asks for a draft may repeat an observation submitted since.
func SameSubmission(stored, retry Submission) bool {
	target := func(id *pulid.ID) pulid.ID {
		if id == nil {
			return ""
		}
		return *id
	}
	return stored.ConsultationID == retry.ConsultationID &&
		stored.TargetKind == retry.TargetKind && target(stored.TargetID) == target(retry.TargetID) &&
		stored.Kind == retry.Kind && stored.Body == retry.Body && stored.ProposedText == retry.ProposedText &&
		(retry.Draft || !stored.Draft)
}
