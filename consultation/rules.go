package consultation

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/ent/observation"
)

// The rules of a round and of its observations, as plain functions of the
// values they need and of the time. The Consultation's and the Observation's
// hooks (ent/schema) load those values and call them, so that every writer,
// the API and the command line alike, obeys them; the tests of this package
// hold them to every edge.

// Action is one of the secretariat's actions on a round: each changes one of
// its times.
type Action string

// The secretariat's actions on a round.
const (
	Opening       Action = "open"        // open a planned round now
	Extending     Action = "extend"      // move the closing time of a round not closed yet later
	Closing       Action = "close"       // close an open round now
	Consolidating Action = "consolidate" // consolidate a closed round whose observations are all answered
)

// Open returns the round opened now: only a planned round opens.
func (r Round) Open(now time.Time) (Round, error) {
	if s := r.StatusAt(now); s != Planned {
		return r, palabre.Refuse(palabre.ECONFLICT, palabre.ReasonRoundNotPlanned, "status", s).Sayf("the round is %s: only a planned round can be opened", s.name())
	}
	r.OpensAt = now
	return r, nil
}

// Extend returns the round closing at a later time: the time must not have
// passed (that would be closing it), the round must not be closed yet, and
// the time must be later than the current one.
func (r Round) Extend(closesAt, now time.Time) (Round, error) {
	if !closesAt.After(now) {
		return r, palabre.Refuse(palabre.EINVALID, palabre.ReasonClosingTimePassed, "closesAt", closesAt).
			Sayf("the new closing time (%s) has passed: give a time in the future, or close the round", Stamp(closesAt))
	}
	if s := r.StatusAt(now); s == Closed || s == Consolidated {
		return r, palabre.Refuse(palabre.ECONFLICT, palabre.ReasonRoundClosed, "status", s, "closesAt", r.ClosesAt).
			Sayf("the round is %s: its closing time can no longer change", s.name())
	}
	if !closesAt.After(r.ClosesAt) {
		return r, palabre.Refuse(palabre.EINVALID, palabre.ReasonClosingTimeNotLater, "closesAt", closesAt, "current", r.ClosesAt).
			Sayf("the new closing time (%s) must be later than the current one (%s): close the round instead to end it now",
				Stamp(closesAt), Stamp(r.ClosesAt))
	}
	r.ClosesAt = closesAt
	return r, nil
}

// Close returns the round closed now: only an open round closes (a round is
// not closed after the fact, nor before it opened).
func (r Round) Close(now time.Time) (Round, error) {
	switch s := r.StatusAt(now); s {
	case Planned:
		return r, palabre.Refuse(palabre.ECONFLICT, palabre.ReasonRoundNotOpenYet, "opensAt", r.OpensAt).Sayf("the round is planned, not open yet: open it before closing it")
	case Closed, Consolidated:
		return r, palabre.Refuse(palabre.ECONFLICT, palabre.ReasonRoundClosed, "status", s, "closesAt", r.ClosesAt).
			Sayf("the round is %s: its closing time can no longer change", s.name())
	}
	r.ClosesAt = now
	return r, nil
}

// Consolidate returns the round consolidated now: only a closed round whose
// submitted observations are all answered (waiting counts those that are
// not) is consolidated.
func (r Round) Consolidate(now time.Time, waiting int) (Round, error) {
	if s := r.StatusAt(now); s != Closed {
		return r, palabre.Refuse(palabre.ECONFLICT, palabre.ReasonRoundNotClosed, "status", s).Sayf("the round is %s: only a closed round can be consolidated", s.name())
	}
	if waiting > 0 {
		return r, palabre.Refuse(palabre.ECONFLICT, palabre.ReasonRoundUnanswered, "waiting", waiting).Sayf(
			"%s still await an answer: answer every submitted observation before consolidating the round", countSubmitted(waiting))
	}
	r.ConsolidatedAt = &now
	return r, nil
}

// Take returns the round after an action at the given time; waiting is the
// number of submitted observations without an answer (for Consolidating),
// and closesAt the new closing time (for Extending).
func (r Round) Take(a Action, now, closesAt time.Time, waiting int) (Round, error) {
	switch a {
	case Opening:
		return r.Open(now)
	case Extending:
		return r.Extend(closesAt, now)
	case Closing:
		return r.Close(now)
	case Consolidating:
		return r.Consolidate(now, waiting)
	}
	return r, palabre.Errorf(palabre.EINVALID, "a round's times change only by opening, extending, closing or consolidating it")
}

// CheckWindow requires a round to close after it opens.
func CheckWindow(opensAt, closesAt time.Time) error {
	if !closesAt.After(opensAt) {
		return palabre.Refuse(palabre.EINVALID, palabre.ReasonRoundWindow, "opensAt", opensAt, "closesAt", closesAt).
			Sayf("the round must close (%s) after it opens (%s)", Stamp(closesAt), Stamp(opensAt))
	}
	return nil
}

// Final refuses any change to a consolidated round: its title, kind, place,
// times and invitations are the record of the round whose response matrix
// went to the Council, like the adopted text.
func (r Round) Final(title string) error {
	if r.ConsolidatedAt != nil {
		return palabre.Refuse(palabre.ECONFLICT, palabre.ReasonRoundConsolidated, "title", title).
			Sayf("the round « %s » is consolidated: its record (title, kind, place, times, invitations, observations and answers) is final", title)
	}
	return nil
}

// Invitations checks a change of a round's invitations at the given time:
// they change until the round closes, at least one agency stays invited
// (remaining counts them), and an agency that has spoken in the round stays
// invited (spoken names those the change would drop).
func (r Round) Invitations(now time.Time, remaining int, spoken []string) error {
	if s := r.StatusAt(now); s == Closed || s == Consolidated {
		return palabre.Refuse(palabre.ECONFLICT, palabre.ReasonInvitationsFinal, "status", s).Sayf("the round is %s: its invitations are final", s.name())
	}
	if remaining == 0 {
		return palabre.Refuse(palabre.EINVALID, palabre.ReasonInvitationRequired).Sayf("a round keeps at least one invited agency")
	}
	if len(spoken) > 0 {
		return palabre.Refuse(palabre.ECONFLICT, palabre.ReasonInvitedAgencySpoke, "agencies", spoken).
			Sayf("%s made observations in this round and stays invited", strings.Join(spoken, ", "))
	}
	return nil
}

// Invite checks the invitations of a new round: at least one agency.
func Invite(invited int) error {
	if invited == 0 {
		return palabre.Refuse(palabre.EINVALID, palabre.ReasonInvitationRequired).Sayf("invite at least one agency to the round")
	}
	return nil
}

// RequireOpen refuses to take or change observations outside the round's window.
func (r Round) RequireOpen(title string, now time.Time) error {
	switch r.StatusAt(now) {
	case Planned:
		return palabre.Refuse(palabre.ECONFLICT, palabre.ReasonRoundNotOpenYet, "title", title, "opensAt", r.OpensAt).
			Sayf("the round « %s » is not open yet: it opens at %s", title, Stamp(r.OpensAt))
	case Closed, Consolidated:
		return palabre.Refuse(palabre.ECONFLICT, palabre.ReasonRoundClosed, "title", title, "status", r.StatusAt(now), "closesAt", r.ClosesAt).
			Sayf("the round « %s » is closed: it closed at %s", title, Stamp(r.ClosesAt))
	}
	return nil
}

// Answered reports whether the status is an answer of the secretariat.
func Answered(s observation.Status) bool {
	switch s {
	case observation.StatusAccepted, observation.StatusPartiallyAccepted, observation.StatusRejected, observation.StatusOutOfScope:
		return true
	}
	return false
}

// authorStatuses are the states an agency puts its observation in; the
// answered ones are the secretariat's.
var authorStatuses = []observation.Status{observation.StatusDraft, observation.StatusSubmitted, observation.StatusWithdrawn}

// ByAuthor reports whether the status is one an agency puts its own
// observation in: draft, submitted or withdrawn.
func ByAuthor(s observation.Status) bool { return slices.Contains(authorStatuses, s) }

// NewStatus checks the status of a new observation: a draft or submitted.
func NewStatus(s observation.Status) error {
	if s != observation.StatusDraft && s != observation.StatusSubmitted {
		return palabre.Refuse(palabre.EINVALID, palabre.ReasonObservationNewStatus, "status", s)
	}
	return nil
}

// Editable checks that its agency may still change an observation in the
// given state: not once withdrawn, nor once answered.
func Editable(old observation.Status) error {
	switch {
	case old == observation.StatusWithdrawn:
		return palabre.Refuse(palabre.ECONFLICT, palabre.ReasonObservationWithdrawn)
	case Answered(old):
		return palabre.Refuse(palabre.ECONFLICT, palabre.ReasonObservationAnswered, "status", old)
	}
	return nil
}

// Move checks an agency's change of its observation's state, and reports
// whether the change submits it (which records when).
func Move(old, to observation.Status) (submits bool, err error) {
	switch {
	case to == observation.StatusDraft && old == observation.StatusSubmitted:
		return false, palabre.Refuse(palabre.ECONFLICT, palabre.ReasonObservationSubmitted)
	case to == observation.StatusSubmitted && old == observation.StatusDraft:
		return true, nil
	}
	return false, nil
}

// Reply is the secretariat's answer to an observation, as its rule sees it.
type Reply struct {
	Old          observation.Status // the observation's state before the answer
	Disposition  observation.Status // the answer; the old state when only the response or version changes
	Response     string             // the reasons, as they will be stored
	TakesVersion bool               // whether the answer names a version the observation was taken into
	Consolidated bool               // whether the round is consolidated
	RoundTitle   string
}

// CheckReply checks an answer: the observation was submitted (not a draft,
// not withdrawn), the answer is one of the answered states, the round is not
// consolidated, anything but acceptance gives reasons, and a rejection (or
// out of scope) is taken into no version.
func CheckReply(r Reply) error {
	switch {
	case r.Old == observation.StatusDraft:
		return palabre.Refuse(palabre.ECONFLICT, palabre.ReasonAnswerDraft)
	case r.Old == observation.StatusWithdrawn:
		return palabre.Refuse(palabre.ECONFLICT, palabre.ReasonAnswerWithdrawn)
	case !Answered(r.Disposition):
		return palabre.Refuse(palabre.EINVALID, palabre.ReasonAnswerDisposition)
	case r.Consolidated:
		return palabre.Refuse(palabre.ECONFLICT, palabre.ReasonRoundConsolidated, "title", r.RoundTitle).Sayf("the round « %s » is consolidated: its answers are final", r.RoundTitle)
	case r.Disposition != observation.StatusAccepted && strings.TrimSpace(r.Response) == "":
		return palabre.Refuse(palabre.EINVALID, palabre.ReasonAnswerResponse, "disposition", r.Disposition).
			Sayf("give the reasons in a response: it is required for %s", strings.ToLower(strings.ReplaceAll(string(r.Disposition), "_", " ")))
	case r.TakesVersion && !TakenIntoAVersion(r.Disposition):
		return palabre.Refuse(palabre.EINVALID, palabre.ReasonAnswerNoVersion, "disposition", r.Disposition)
	}
	return nil
}

// TakenIntoAVersion reports whether an observation answered so may be taken
// into a later version: accepted or partially accepted. An answer that is not
// takes back an earlier "taken into version N".
func TakenIntoAVersion(disposition observation.Status) bool {
	return disposition != observation.StatusRejected && disposition != observation.StatusOutOfScope
}

// CheckLaterVersion requires the version an observation is taken into to come
// after the version the round consulted.
func CheckLaterVersion(consulted, takenInto int) error {
	if takenInto <= consulted {
		return palabre.Refuse(palabre.EINVALID, palabre.ReasonAnswerVersionEarly, "consulted", consulted, "takenInto", takenInto)
	}
	return nil
}

// CheckAmendment requires an amendment to say what it proposes instead.
func CheckAmendment(kind observation.Kind, proposedText string) error {
	if kind == observation.KindAmendment && strings.TrimSpace(proposedText) == "" {
		return palabre.Refuse(palabre.EINVALID, palabre.ReasonAmendmentText)
	}
	return nil
}

// name is how a message names the state, « closed ».
func (s Status) name() string { return strings.ToLower(string(s)) }

// countSubmitted says "1 submitted observation" or "3 submitted observations".
func countSubmitted(n int) string {
	if n == 1 {
		return "1 submitted observation"
	}
	return fmt.Sprintf("%d submitted observations", n)
}

// Stamp formats a time for a message, in UTC.
func Stamp(t time.Time) string { return t.UTC().Format("2006-01-02 15:04 UTC") }
