package coordination

import (
	"testing"
	"time"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/clock"
	"github.com/palabre/palabre/ent/committee"
	"github.com/palabre/palabre/ent/meeting"
	"github.com/palabre/palabre/ent/minutes"
	"github.com/palabre/palabre/ent/schema/pulid"
)

func code(err error) string {
	if err == nil {
		return ""
	}
	return palabre.ErrorCode(err)
}

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestTheNextMeetingIsDueACadenceAfterTheLastHeld(t *testing.T) {
	quarterly := Cadence{Every: 3, Unit: committee.MeetingEveryUnitMonths}
	monthly := Cadence{Every: 30, Unit: committee.MeetingEveryUnitDays}
	held := day("2026-03-15")
	created := day("2026-01-10")
	for _, c := range []struct {
		name     string
		lastHeld *time.Time
		cadence  Cadence
		on       string // the fake clock's date
		due      string
		overdue  bool
	}{
		{"a quarter after the last meeting, read before it", &held, quarterly, "2026-06-14", "2026-06-15", false},
		{"on the due date itself: not overdue yet", &held, quarterly, "2026-06-15", "2026-06-15", false},
		{"the day after: overdue", &held, quarterly, "2026-06-16", "2026-06-15", true},
		{"in days", &held, monthly, "2026-04-20", "2026-04-14", true},
		{"never met: a cadence after its creation", nil, quarterly, "2026-03-01", "2026-04-10", false},
		{"never met, long after its creation", nil, quarterly, "2026-05-01", "2026-04-10", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			fake := clock.NewFake(day(c.on))
			due := NextMeetingDue(c.lastHeld, created, c.cadence)
			if !due.Equal(day(c.due)) {
				t.Errorf("due %s, want %s", due.Format("2006-01-02"), c.due)
			}
			if got := NextMeetingOverdue(due, fake.Now()); got != c.overdue {
				t.Errorf("overdue %v, want %v", got, c.overdue)
			}
		})
	}
}

func TestAMeetingsMoves(t *testing.T) {
	now := day("2026-06-15")
	past, future := day("2026-06-10"), day("2026-07-01")
	for _, c := range []struct {
		name     string
		from, to meeting.Status
		at       time.Time
		code     string
	}{
		{"held after its date", meeting.StatusScheduled, meeting.StatusHeld, past, ""},
		{"held before its date", meeting.StatusScheduled, meeting.StatusHeld, future, palabre.ECONFLICT},
		{"postponed", meeting.StatusScheduled, meeting.StatusPostponed, future, ""},
		{"cancelled", meeting.StatusScheduled, meeting.StatusCancelled, future, ""},
		{"rescheduled once postponed", meeting.StatusPostponed, meeting.StatusScheduled, future, ""},
		{"held straight from postponed", meeting.StatusPostponed, meeting.StatusHeld, past, palabre.EINVALID},
		{"a held meeting moves no further", meeting.StatusHeld, meeting.StatusCancelled, past, palabre.EINVALID},
		{"a cancelled meeting moves no further", meeting.StatusCancelled, meeting.StatusScheduled, future, palabre.EINVALID},
	} {
		if got := code(CheckMove(c.from, c.to, c.at, now)); got != c.code {
			t.Errorf("%s: code %q, want %q", c.name, got, c.code)
		}
	}
}

func TestRules(t *testing.T) {
	a, b, x := pulid.ID("AG1"), pulid.ID("AG2"), pulid.ID("AG9")
	ag, st := pulid.ID("AR1"), pulid.ID("ST1")
	other := pulid.ID("AR2")
	for _, c := range []struct {
		name string
		err  error
		code string
	}{
		{"a committee following an agreement", CheckFollows(true, false), ""},
		{"a committee following a strategy", CheckFollows(false, true), ""},
		{"a committee following both", CheckFollows(true, true), palabre.EINVALID},
		{"a committee following nothing", CheckFollows(false, false), palabre.EINVALID},
		{"a decision about a strategy", CheckDecidedBy(true, false), ""},
		{"a decision at a meeting", CheckDecidedBy(false, true), ""},
		{"a decision of both", CheckDecidedBy(true, true), palabre.EINVALID},
		{"a decision of neither", CheckDecidedBy(false, false), palabre.EINVALID},
		{"members present at a held meeting", CheckAttendance([]pulid.ID{a, b}, []pulid.ID{a, b}, meeting.StatusHeld), ""},
		{"a stranger present", CheckAttendance([]pulid.ID{a, x}, []pulid.ID{a, b}, meeting.StatusHeld), palabre.EINVALID},
		{"attendance before the meeting is held", CheckAttendance([]pulid.ID{a}, []pulid.ID{a}, meeting.StatusScheduled), palabre.ECONFLICT},
		{"a draft edited", CheckMinutesEdit(minutes.StatusDraft), ""},
		{"approved minutes edited", CheckMinutesEdit(minutes.StatusApproved), palabre.ECONFLICT},
		{"minutes of a held meeting", CheckMinutesOf(meeting.StatusHeld), ""},
		{"minutes of a scheduled meeting", CheckMinutesOf(meeting.StatusScheduled), palabre.ECONFLICT},
		{"a follow-up in the followed agreement", CheckFollowUp(FollowedPlan{Agreement: &ag}, FollowedPlan{Agreement: &ag}), ""},
		{"a follow-up in another agreement", CheckFollowUp(FollowedPlan{Agreement: &ag}, FollowedPlan{Agreement: &other}), palabre.EINVALID},
		{"a follow-up in a strategy, for an agreement's committee", CheckFollowUp(FollowedPlan{Agreement: &ag}, FollowedPlan{Strategy: &st}), palabre.EINVALID},
		{"a follow-up in the followed strategy", CheckFollowUp(FollowedPlan{Strategy: &st}, FollowedPlan{Strategy: &st}), ""},
	} {
		if got := code(c.err); got != c.code {
			t.Errorf("%s: code %q, want %q", c.name, got, c.code)
		}
	}
}

func TestTextsThatReadTheSameHashTheSame(t *testing.T) {
	a := "Procès-verbal\r\nLe comité a siégé.  \r\n\r\n"
	b := "Proce\u0300s-verbal\nLe comité a siégé."
	if Hash(a) != Hash(b) {
		t.Errorf("CRLF, trailing spaces and decomposed accents change the hash: %q vs %q", CanonicalText(a), CanonicalText(b))
	}
	if Hash(a) == Hash("Procès-verbal\nLe comité n'a pas siégé.") {
		t.Error("different texts hash the same")
	}
	if len(Hash(a)) != 64 {
		t.Errorf("hash %q is not hexadecimal SHA-256", Hash(a))
	}
}
