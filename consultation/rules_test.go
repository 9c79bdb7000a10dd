package consultation

import (
	"strings"
	"testing"
	"time"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/clock"
	"github.com/palabre/palabre/ent/observation"
	"github.com/palabre/palabre/ent/schema/pulid"
	"github.com/palabre/palabre/versions"
)

// The rules of rounds and observations at every edge, on a fake clock: no
// database, no HTTP.

var (
	t0     = time.Date(2027, 3, 1, 9, 0, 0, 0, time.UTC)
	opens  = t0.Add(time.Hour)
	closes = t0.Add(48 * time.Hour)
)

// planned is a round that opens an hour after t0 and closes two days after.
func planned() Round { return Round{OpensAt: opens, ClosesAt: closes} }

func consolidated() Round {
	r := planned()
	at := closes.Add(time.Hour)
	r.ConsolidatedAt = &at
	return r
}

// code returns the error's code, "" for none.
func code(err error) string {
	if err == nil {
		return ""
	}
	return palabre.ErrorCode(err)
}

func TestARoundFollowsTheClock(t *testing.T) {
	clk := clock.NewFake(t0)
	for _, c := range []struct {
		name  string
		round Round
		at    time.Time
		want  Status
	}{
		{"before it opens", planned(), opens.Add(-time.Nanosecond), Planned},
		{"the instant it opens", planned(), opens, Open},
		{"while open", planned(), opens.Add(time.Hour), Open},
		{"the instant before it closes", planned(), closes.Add(-time.Nanosecond), Open},
		{"the instant it closes", planned(), closes, Closed},
		{"after it closed", planned(), closes.Add(24 * time.Hour), Closed},
		{"consolidated, whatever the time", consolidated(), opens, Consolidated},
	} {
		clk.Set(c.at)
		if got := c.round.StatusAt(clk.Now()); got != c.want {
			t.Errorf("%s: %s, want %s", c.name, got, c.want)
		}
	}
}

func TestTheSecretariatsActions(t *testing.T) {
	during := opens.Add(time.Hour)
	after := closes.Add(time.Minute)
	for _, c := range []struct {
		name     string
		round    Round
		action   Action
		now      time.Time
		closesAt time.Time // for Extending
		waiting  int       // for Consolidating
		code     string    // "" when allowed
		says     string    // what the refusal says
		check    func(Round) bool
	}{
		{"open a planned round", planned(), Opening, t0, time.Time{}, 0, "", "", func(r Round) bool { return r.OpensAt.Equal(t0) }},
		{"open it the instant before its time", planned(), Opening, opens.Add(-time.Nanosecond), time.Time{}, 0, "", "", nil},
		{"open an open round", planned(), Opening, opens, time.Time{}, 0, palabre.ECONFLICT, "the round is open", nil},
		{"open a closed round", planned(), Opening, after, time.Time{}, 0, palabre.ECONFLICT, "closed", nil},
		{"open a consolidated round", consolidated(), Opening, t0, time.Time{}, 0, palabre.ECONFLICT, "consolidated", nil},

		{"extend a planned round", planned(), Extending, t0, closes.Add(time.Hour), 0, "", "", func(r Round) bool { return r.ClosesAt.Equal(closes.Add(time.Hour)) }},
		{"extend an open round", planned(), Extending, during, closes.Add(time.Nanosecond), 0, "", "", nil},
		{"extend to the current closing time", planned(), Extending, during, closes, 0, palabre.EINVALID, "must be later", nil},
		{"extend to an earlier time", planned(), Extending, during, closes.Add(-time.Hour), 0, palabre.EINVALID, "must be later", nil},
		{"extend to now", planned(), Extending, during, during, 0, palabre.EINVALID, "has passed", nil},
		{"extend to the past", planned(), Extending, during, during.Add(-time.Hour), 0, palabre.EINVALID, "has passed", nil},
		{"extend a closed round", planned(), Extending, after, after.Add(24 * time.Hour), 0, palabre.ECONFLICT, "the round is closed", nil},
		{"extend at the instant it closes", planned(), Extending, closes, closes.Add(time.Hour), 0, palabre.ECONFLICT, "closed", nil},
		{"extend a consolidated round", consolidated(), Extending, t0, closes.Add(time.Hour), 0, palabre.ECONFLICT, "consolidated", nil},

		{"close an open round", planned(), Closing, during, time.Time{}, 0, "", "", func(r Round) bool { return r.ClosesAt.Equal(during) }},
		{"close it the instant it opens", planned(), Closing, opens, time.Time{}, 0, "", "", nil},
		{"close a planned round", planned(), Closing, t0, time.Time{}, 0, palabre.ECONFLICT, "open it before closing it", nil},
		{"close a closed round", planned(), Closing, closes, time.Time{}, 0, palabre.ECONFLICT, "the round is closed", nil},
		{"close a consolidated round", consolidated(), Closing, during, time.Time{}, 0, palabre.ECONFLICT, "consolidated", nil},

		{"consolidate a closed, answered round", planned(), Consolidating, closes, time.Time{}, 0, "", "", func(r Round) bool { return r.ConsolidatedAt != nil && r.ConsolidatedAt.Equal(closes) }},
		{"consolidate with one observation waiting", planned(), Consolidating, after, time.Time{}, 1, palabre.ECONFLICT, "1 submitted observation still", nil},
		{"consolidate with three waiting", planned(), Consolidating, after, time.Time{}, 3, palabre.ECONFLICT, "3 submitted observations still", nil},
		{"consolidate an open round", planned(), Consolidating, during, time.Time{}, 0, palabre.ECONFLICT, "only a closed round", nil},
		{"consolidate a planned round", planned(), Consolidating, t0, time.Time{}, 0, palabre.ECONFLICT, "the round is planned", nil},
		{"consolidate twice", consolidated(), Consolidating, after, time.Time{}, 0, palabre.ECONFLICT, "consolidated", nil},

		{"an action that is none", planned(), Action("reopen"), during, time.Time{}, 0, palabre.EINVALID, "only by", nil},
	} {
		got, err := c.round.Take(c.action, c.now, c.closesAt, c.waiting)
		if code(err) != c.code {
			t.Errorf("%s: error %v, want code %q", c.name, err, c.code)
			continue
		}
		if err != nil && !strings.Contains(err.Error(), c.says) {
			t.Errorf("%s: %q does not say %q", c.name, err, c.says)
		}
		if err != nil && got != c.round {
			t.Errorf("%s: a refused action changed the round: %+v", c.name, got)
		}
		if c.check != nil && !c.check(got) {
			t.Errorf("%s: the round after is %+v", c.name, got)
		}
	}
}

func TestARoundsWindowInvitationsAndRecord(t *testing.T) {
	for _, c := range []struct {
		name string
		err  error
		code string
	}{
		{"closes after it opens", CheckWindow(opens, closes), ""},
		{"closes the instant it opens", CheckWindow(opens, opens), palabre.EINVALID},
		{"closes before it opens", CheckWindow(closes, opens), palabre.EINVALID},

		{"a new round with guests", Invite(1), ""},
		{"a new round without guests", Invite(0), palabre.EINVALID},
		{"invite while planned", planned().Invitations(t0, 2, nil), ""},
		{"invite while open", planned().Invitations(opens, 2, nil), ""},
		{"invite the instant it closes", planned().Invitations(closes, 2, nil), palabre.ECONFLICT},
		{"invite once consolidated", consolidated().Invitations(t0, 2, nil), palabre.ECONFLICT},
		{"uninvite everyone", planned().Invitations(opens, 0, nil), palabre.EINVALID},
		{"uninvite an agency that spoke", planned().Invitations(opens, 1, []string{"ANSSI", "MJ"}), palabre.ECONFLICT},

		{"change a round not consolidated", planned().Final("Consultation"), ""},
		{"change a consolidated round", consolidated().Final("Consultation"), palabre.ECONFLICT},

		{"speak before it opens", planned().RequireOpen("Consultation", opens.Add(-time.Nanosecond)), palabre.ECONFLICT},
		{"speak the instant it opens", planned().RequireOpen("Consultation", opens), ""},
		{"speak the instant before it closes", planned().RequireOpen("Consultation", closes.Add(-time.Nanosecond)), ""},
		{"speak the instant it closes", planned().RequireOpen("Consultation", closes), palabre.ECONFLICT},
		{"speak once consolidated", consolidated().RequireOpen("Consultation", opens), palabre.ECONFLICT},
	} {
		if code(c.err) != c.code {
			t.Errorf("%s: %v, want code %q", c.name, c.err, c.code)
		}
	}
	if err := planned().Invitations(opens, 1, []string{"ANSSI", "MJ"}); !strings.Contains(err.Error(), "ANSSI, MJ made observations") {
		t.Errorf("the refusal %q does not name the agencies", err)
	}
	if err := planned().RequireOpen("Consultation écrite", t0); !strings.Contains(err.Error(), "opens at 2027-03-01 10:00 UTC") {
		t.Errorf("the refusal %q does not say when the round opens", err)
	}
}

func TestObservationStates(t *testing.T) {
	all := []observation.Status{observation.StatusDraft, observation.StatusSubmitted, observation.StatusAccepted,
		observation.StatusPartiallyAccepted, observation.StatusRejected, observation.StatusOutOfScope, observation.StatusWithdrawn}
	answered := map[observation.Status]bool{observation.StatusAccepted: true, observation.StatusPartiallyAccepted: true,
		observation.StatusRejected: true, observation.StatusOutOfScope: true}
	for _, s := range all {
		if Answered(s) != answered[s] {
			t.Errorf("Answered(%s) = %v", s, Answered(s))
		}
		if ByAuthor(s) == answered[s] {
			t.Errorf("ByAuthor(%s) = %v: a state is either the agency's or an answer", s, ByAuthor(s))
		}
		if err, want := NewStatus(s), s == observation.StatusDraft || s == observation.StatusSubmitted; (err == nil) != want || err != nil && code(err) != palabre.EINVALID {
			t.Errorf("NewStatus(%s) = %v", s, err)
		}
		if err, want := Editable(s), s == observation.StatusDraft || s == observation.StatusSubmitted; (err == nil) != want || err != nil && code(err) != palabre.ECONFLICT {
			t.Errorf("Editable(%s) = %v", s, err)
		}
		if TakenIntoAVersion(s) != (s != observation.StatusRejected && s != observation.StatusOutOfScope) {
			t.Errorf("TakenIntoAVersion(%s) = %v", s, TakenIntoAVersion(s))
		}
	}
	for _, c := range []struct {
		old, to observation.Status
		submits bool
		code    string
	}{
		{observation.StatusDraft, observation.StatusSubmitted, true, ""},
		{observation.StatusDraft, observation.StatusWithdrawn, false, ""},
		{observation.StatusDraft, observation.StatusDraft, false, ""},
		{observation.StatusSubmitted, observation.StatusWithdrawn, false, ""},
		{observation.StatusSubmitted, observation.StatusSubmitted, false, ""},
		{observation.StatusSubmitted, observation.StatusDraft, false, palabre.ECONFLICT},
	} {
		submits, err := Move(c.old, c.to)
		if submits != c.submits || code(err) != c.code {
			t.Errorf("Move(%s → %s) = %v, %v", c.old, c.to, submits, err)
		}
	}
}

func TestTheSecretariatsAnswers(t *testing.T) {
	submitted := observation.StatusSubmitted
	for _, c := range []struct {
		name  string
		reply Reply
		code  string
	}{
		{"accept without reasons", Reply{Old: submitted, Disposition: observation.StatusAccepted}, ""},
		{"accept and take into a version", Reply{Old: submitted, Disposition: observation.StatusAccepted, TakesVersion: true}, ""},
		{"partly accept with reasons", Reply{Old: submitted, Disposition: observation.StatusPartiallyAccepted, Response: "Retenu pour l'axe 2."}, ""},
		{"partly accept without reasons", Reply{Old: submitted, Disposition: observation.StatusPartiallyAccepted, Response: "  \n"}, palabre.EINVALID},
		{"reject with reasons", Reply{Old: submitted, Disposition: observation.StatusRejected, Response: "Déjà couvert."}, ""},
		{"reject without reasons", Reply{Old: submitted, Disposition: observation.StatusRejected}, palabre.EINVALID},
		{"out of scope without reasons", Reply{Old: submitted, Disposition: observation.StatusOutOfScope}, palabre.EINVALID},
		{"reject and take into a version", Reply{Old: submitted, Disposition: observation.StatusRejected, Response: "Non.", TakesVersion: true}, palabre.EINVALID},
		{"answer again", Reply{Old: observation.StatusAccepted, Disposition: observation.StatusRejected, Response: "Revu."}, ""},
		{"answer a draft", Reply{Old: observation.StatusDraft, Disposition: observation.StatusAccepted}, palabre.ECONFLICT},
		{"answer a withdrawn observation", Reply{Old: observation.StatusWithdrawn, Disposition: observation.StatusAccepted}, palabre.ECONFLICT},
		{"answer with an agency's state", Reply{Old: submitted, Disposition: observation.StatusSubmitted, Response: "?"}, palabre.EINVALID},
		{"answer in a consolidated round", Reply{Old: submitted, Disposition: observation.StatusAccepted, Consolidated: true, RoundTitle: "C"}, palabre.ECONFLICT},
	} {
		if err := CheckReply(c.reply); code(err) != c.code {
			t.Errorf("%s: %v, want code %q", c.name, err, c.code)
		}
	}
	for _, c := range []struct {
		consulted, into int
		code            string
	}{{1, 2, ""}, {1, 7, ""}, {2, 2, palabre.EINVALID}, {3, 2, palabre.EINVALID}} {
		if err := CheckLaterVersion(c.consulted, c.into); code(err) != c.code {
			t.Errorf("taken into version %d after consulting version %d: %v", c.into, c.consulted, err)
		}
	}
	for _, c := range []struct {
		kind observation.Kind
		text string
		code string
	}{
		{observation.KindAmendment, "Remplacer « CERT » par « CSIRT ».", ""},
		{observation.KindAmendment, " \t", palabre.EINVALID},
		{observation.KindAmendment, "", palabre.EINVALID},
		{observation.KindComment, "", ""},
		{observation.KindObjection, "", ""},
	} {
		if err := CheckAmendment(c.kind, c.text); code(err) != c.code {
			t.Errorf("%s with proposed text %q: %v", c.kind, c.text, err)
		}
	}
}

func TestAnObservationsTargetIsInTheConsultedVersion(t *testing.T) {
	consulted := &versions.Snapshot{
		Strategy: versions.StrategyDoc{ID: "ST1", Title: "Stratégie nationale de cybersécurité"},
		Objectives: []versions.ObjectiveDoc{{ID: "OB1", Code: "OS1", Title: "Renforcer le cadre juridique",
			ActionItems: []versions.ActionItemDoc{{ID: "AI1", Code: "A1.1", Title: "Réviser la loi"}}}},
	}
	for _, c := range []struct {
		name        string
		kind        observation.TargetKind
		id          pulid.ID
		code, title string
		err         string
	}{
		{"the whole strategy", observation.TargetKindStrategy, "", "", "Stratégie nationale de cybersécurité", ""},
		{"the whole strategy naming a target", observation.TargetKindStrategy, "OB1", "", "", palabre.EINVALID},
		{"an objective", observation.TargetKindObjective, "OB1", "OS1", "Renforcer le cadre juridique", ""},
		{"an action item", observation.TargetKindActionItem, "AI1", "A1.1", "Réviser la loi", ""},
		{"an objective without its ID", observation.TargetKindObjective, "", "", "", palabre.EINVALID},
		{"an item under the objective's kind", observation.TargetKindObjective, "AI1", "", "", palabre.EINVALID},
		{"an objective under the item's kind", observation.TargetKindActionItem, "OB1", "", "", palabre.EINVALID},
		{"an item added after the version", observation.TargetKindActionItem, "AI9", "", "", palabre.EINVALID},
	} {
		code_, title, err := Target(consulted, 3, c.kind, c.id)
		if code(err) != c.err || code_ != c.code || title != c.title {
			t.Errorf("%s: %q, %q, %v", c.name, code_, title, err)
		}
	}
	if _, _, err := Target(consulted, 3, observation.TargetKindActionItem, "AI9"); !strings.Contains(err.Error(), "not in version 3") {
		t.Errorf("the refusal %q does not name the version consulted", err)
	}
}

func TestARetryRepeatsTheFirstSubmission(t *testing.T) {
	objective := pulid.ID("OB1")
	first := Submission{ConsultationID: "CO1", TargetKind: observation.TargetKindObjective, TargetID: &objective,
		Kind: observation.KindAmendment, Body: "Préciser.", ProposedText: "Nouveau texte"}
	same := objective
	retry := first
	retry.TargetID = &same
	for _, c := range []struct {
		name   string
		stored Submission
		change func(*Submission)
		same   bool
	}{
		{"an identical retry", first, func(*Submission) {}, true},
		{"another body", first, func(s *Submission) { s.Body = "Autre." }, false},
		{"another kind", first, func(s *Submission) { s.Kind = observation.KindComment }, false},
		{"another proposed text", first, func(s *Submission) { s.ProposedText = "" }, false},
		{"another round", first, func(s *Submission) { s.ConsultationID = "CO2" }, false},
		{"another target", first, func(s *Submission) { other := pulid.ID("OB2"); s.TargetID = &other }, false},
		{"the whole strategy", first, func(s *Submission) { s.TargetKind, s.TargetID = observation.TargetKindStrategy, nil }, false},
		{"a draft asked again as a draft", Submission{ConsultationID: "CO1", Body: "x", Draft: true}, func(s *Submission) { s.Draft = true }, true},
		{"a draft kept, now asked to submit", Submission{ConsultationID: "CO1", Body: "x", Draft: true}, func(s *Submission) {}, false},
		{"a submitted one, asked as the draft it was", Submission{ConsultationID: "CO1", Body: "x"}, func(s *Submission) { s.Draft = true }, true},
	} {
		r := retry
		if c.stored.ConsultationID != first.ConsultationID || c.stored.Body != first.Body {
			r = Submission{ConsultationID: c.stored.ConsultationID, Body: c.stored.Body}
		}
		c.change(&r)
		if got := SameSubmission(c.stored, r); got != c.same {
			t.Errorf("%s: SameSubmission = %v", c.name, got)
		}
	}
}
