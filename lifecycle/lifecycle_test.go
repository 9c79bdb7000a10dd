package lifecycle

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/ent/strategy"
)

func code(err error) string {
	if err == nil {
		return ""
	}
	return palabre.ErrorCode(err)
}

// ready are facts under which every guard holds.
var ready = Facts{RoundsToConsultIn: 1, OwnVersion: true}

var act = &Adoption{VersionID: "SV1", ActReference: "Décret n° 2027-123 du 15 mars 2027", ActDate: time.Date(2027, 3, 15, 0, 0, 0, 0, time.UTC)}

func TestEveryMoveOnAndOffTheLifecycle(t *testing.T) {
	all := []strategy.Status{strategy.StatusDrafting, strategy.StatusConsultation, strategy.StatusConsolidation, strategy.StatusValidation,
		strategy.StatusSubmitted, strategy.StatusAdopted, strategy.StatusInImplementation, strategy.StatusSuperseded}
	edges := map[[2]strategy.Status]bool{}
	for from, tos := range moves {
		for _, to := range tos {
			edges[[2]strategy.Status{from, to}] = true
		}
	}
	for _, from := range all {
		for _, to := range all {
			step := Step{To: to}
			if to == strategy.StatusAdopted {
				step.Adoption = act
			}
			err := CheckMove(from, step, ready)
			switch on := edges[[2]strategy.Status{from, to}]; {
			case on && err != nil:
				t.Errorf("%s → %s is on the lifecycle but refused: %v", from, to, err)
			case !on && code(err) != palabre.EINVALID:
				t.Errorf("%s → %s is off the lifecycle but got %v", from, to, err)
			}
		}
	}
	// Forward from drafting to superseded, and back to drafting before adoption only.
	if got := Allowed(strategy.StatusSuperseded); len(got) != 0 {
		t.Errorf("a superseded strategy moves to %v", got)
	}
	for _, s := range all {
		back := slices.Contains(Allowed(s), strategy.StatusDrafting)
		if adopted := slices.Contains(AdoptedStatuses(), s); back == adopted && s != strategy.StatusDrafting {
			t.Errorf("%s: may go back to drafting = %v", s, back)
		}
	}
	err := CheckMove(strategy.StatusDrafting, Step{To: strategy.StatusAdopted}, ready)
	if !strings.Contains(err.Error(), "may move to CONSULTATION, not to ADOPTED") {
		t.Errorf("the refusal %q does not name the allowed moves", err)
	}
	if err := CheckMove(strategy.StatusSuperseded, Step{To: strategy.StatusDrafting}, ready); !strings.Contains(err.Error(), "end of its lifecycle") {
		t.Errorf("the refusal %q does not say the lifecycle ended", err)
	}
}

func TestTheGuardsOfEachState(t *testing.T) {
	noRef, noDate := *act, *act
	noRef.ActReference = "  "
	noDate.ActDate = time.Time{}
	for _, c := range []struct {
		name  string
		from  strategy.Status
		step  Step
		facts Facts
		code  string
		says  string
	}{
		{"consult with a round", strategy.StatusDrafting, Step{To: strategy.StatusConsultation}, Facts{RoundsToConsultIn: 1}, "", ""},
		{"consult without a round", strategy.StatusDrafting, Step{To: strategy.StatusConsultation}, Facts{}, palabre.ECONFLICT, "no open or planned consultation round"},
		{"consult again from consolidation without a round", strategy.StatusConsolidation, Step{To: strategy.StatusConsultation}, Facts{}, palabre.ECONFLICT, "no open or planned"},

		{"submit with everything answered", strategy.StatusValidation, Step{To: strategy.StatusSubmitted}, Facts{}, "", ""},
		{"submit with one observation waiting", strategy.StatusValidation, Step{To: strategy.StatusSubmitted}, Facts{Unanswered: 1}, palabre.ECONFLICT, "1 submitted observation still awaits its answer"},
		{"submit with two decisions open", strategy.StatusValidation, Step{To: strategy.StatusSubmitted}, Facts{OpenDecisions: 2}, palabre.ECONFLICT, "2 decisions are still open"},
		{"submit with both missing", strategy.StatusValidation, Step{To: strategy.StatusSubmitted}, Facts{Unanswered: 3, OpenDecisions: 1},
			palabre.ECONFLICT, "3 submitted observations still await their answer and 1 decision is still open"},

		{"adopt with the act", strategy.StatusSubmitted, Step{To: strategy.StatusAdopted, Adoption: act}, Facts{OwnVersion: true}, "", ""},
		{"adopt without the act", strategy.StatusSubmitted, Step{To: strategy.StatusAdopted}, Facts{OwnVersion: true}, palabre.EINVALID, "records the adopting act"},
		{"adopt without the act's reference", strategy.StatusSubmitted, Step{To: strategy.StatusAdopted, Adoption: &noRef}, Facts{OwnVersion: true}, palabre.EINVALID, "reference of the act"},
		{"adopt without the act's date", strategy.StatusSubmitted, Step{To: strategy.StatusAdopted, Adoption: &noDate}, Facts{OwnVersion: true}, palabre.EINVALID, "date of the act"},
		{"adopt another strategy's version", strategy.StatusSubmitted, Step{To: strategy.StatusAdopted, Adoption: act}, Facts{}, palabre.EINVALID, "not a published version of this strategy"},
		{"an act on another move", strategy.StatusDrafting, Step{To: strategy.StatusConsultation, Adoption: act}, ready, palabre.EINVALID, "recorded by the move to ADOPTED only"},

		{"implement", strategy.StatusAdopted, Step{To: strategy.StatusInImplementation}, Facts{}, "", ""},
		{"supersede", strategy.StatusInImplementation, Step{To: strategy.StatusSuperseded}, Facts{}, "", ""},
		{"back to drafting", strategy.StatusSubmitted, Step{To: strategy.StatusDrafting}, Facts{}, "", ""},
	} {
		err := CheckMove(c.from, c.step, c.facts)
		if code(err) != c.code || err != nil && !strings.Contains(err.Error(), c.says) {
			t.Errorf("%s: %v, want code %q saying %q", c.name, err, c.code, c.says)
		}
	}
}

func TestAnAdoptedTextStaysAsAdopted(t *testing.T) {
	for _, c := range []struct {
		name    string
		adopted bool
		edit    Edit
		changed []string
		code    string
		says    string
	}{
		{"edit a draft's text", false, Changing, []string{"title"}, "", ""},
		{"add to a draft", false, Adding, nil, "", ""},
		{"remove from a draft", false, Removing, nil, "", ""},
		{"report progress on an adopted plan", true, Changing, nil, "", ""},
		{"edit an adopted text", true, Changing, []string{"due_date", "title"}, palabre.ECONFLICT, "due date, title cannot change"},
		{"add to an adopted text", true, Adding, nil, palabre.ECONFLICT, "nothing is added to it"},
		{"remove from an adopted text", true, Removing, []string{"title"}, palabre.ECONFLICT, "nothing is removed from it"},
	} {
		err := CheckText(c.adopted, c.edit, c.changed)
		if code(err) != c.code || err != nil && !strings.Contains(err.Error(), c.says) {
			t.Errorf("%s: %v, want code %q saying %q", c.name, err, c.code, c.says)
		}
	}
}
