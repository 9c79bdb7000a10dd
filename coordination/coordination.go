// Package coordination holds the rules of committees and their meetings as
// plain functions of their values and the time: what a committee follows
// (CheckFollows), when its next meeting is due (NextMeetingDue,
// NextMeetingOverdue), the moves of a meeting (CheckMove), who may be
// recorded present (CheckAttendance), how minutes are frozen (CheckMinutesEdit,
// CheckApproval, CanonicalText, Hash) and which follow-up actions a meeting
// may decide (CheckFollowUp). Move and Approve are the only ways a meeting's
// status and its minutes' status change; the hooks of ent/schema load what the
// other rules need and call them.
package coordination

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strings"
	"time"

	"golang.org/x/text/unicode/norm"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/ent/committee"
	"github.com/palabre/palabre/ent/meeting"
	"github.com/palabre/palabre/ent/minutes"
	"github.com/palabre/palabre/ent/schema/pulid"
)

// CheckFollows requires a committee to follow exactly one plan: an agreement
// or a strategy.
func CheckFollows(hasAgreement, hasStrategy bool) error {
	switch {
	case hasAgreement && hasStrategy:
		return palabre.Errorf(palabre.EINVALID, "a committee follows one agreement (agreementID) or one strategy (strategyID), not both")
	case !hasAgreement && !hasStrategy:
		return palabre.Errorf(palabre.EINVALID, "a committee follows an agreement (agreementID) or a strategy (strategyID): give one")
	}
	return nil
}

// CheckDecidedBy requires a decision to be taken about one strategy or at one
// committee meeting.
func CheckDecidedBy(hasStrategy, hasMeeting bool) error {
	switch {
	case hasStrategy && hasMeeting:
		return palabre.Errorf(palabre.EINVALID, "a decision is about a strategy (strategyID) or taken at a committee meeting (meetingID), not both")
	case !hasStrategy && !hasMeeting:
		return palabre.Errorf(palabre.EINVALID, "a decision is about a strategy (strategyID) or taken at a committee meeting (meetingID): give one")
	}
	return nil
}

// Cadence is how often a committee meets: every Every days or months.
type Cadence struct {
	Every int
	Unit  committee.MeetingEveryUnit
}

// NextMeetingDue is when a committee's next meeting is due: a cadence after
// its latest held meeting or, before its first, after its creation.
func NextMeetingDue(lastHeld *time.Time, created time.Time, c Cadence) time.Time {
	from := created
	if lastHeld != nil {
		from = *lastHeld
	}
	if c.Unit == committee.MeetingEveryUnitDays {
		return from.AddDate(0, 0, c.Every).UTC()
	}
	return from.AddDate(0, c.Every, 0).UTC()
}

// NextMeetingOverdue reports whether a meeting due on due is overdue on the
// date: the date is past it. A meeting due on the date itself is not overdue
// yet.
func NextMeetingOverdue(due, on time.Time) bool {
	return on.After(due)
}

// moves are the edges of a meeting's life: scheduled, then held, postponed
// or cancelled; a postponed meeting is scheduled again or cancelled. Held and
// cancelled are final.
var moves = map[meeting.Status][]meeting.Status{
	meeting.StatusScheduled: {meeting.StatusHeld, meeting.StatusPostponed, meeting.StatusCancelled},
	meeting.StatusPostponed: {meeting.StatusScheduled, meeting.StatusCancelled},
}

// Allowed returns the statuses a meeting in from may move to.
func Allowed(from meeting.Status) []meeting.Status { return slices.Clone(moves[from]) }

// CheckMove refuses a move off the edges (BAD_USER_INPUT naming the allowed
// moves) and a meeting held before its date (CONFLICT): a meeting is held on
// or after the date it was scheduled for.
func CheckMove(from, to meeting.Status, scheduledAt, now time.Time) error {
	allowed := moves[from]
	if !slices.Contains(allowed, to) {
		if len(allowed) == 0 {
			return palabre.Errorf(palabre.EINVALID, "the meeting is %s: its status moves no further", from)
		}
		names := make([]string, len(allowed))
		for i, s := range allowed {
			names[i] = string(s)
		}
		return palabre.Errorf(palabre.EINVALID, "a meeting %s may move to %s, not to %s", from, strings.Join(names, " or "), to)
	}
	if to == meeting.StatusHeld && scheduledAt.After(now) {
		return palabre.Errorf(palabre.ECONFLICT, "the meeting is scheduled for %s: it cannot be held before then; change its date first",
			scheduledAt.UTC().Format("2006-01-02 15:04"))
	}
	return nil
}

// CheckAttendance requires the agencies recorded present to be members of the
// committee, and attendance to be recorded on a held meeting only.
func CheckAttendance(present, members []pulid.ID, status meeting.Status) error {
	if len(present) == 0 {
		return nil
	}
	if status != meeting.StatusHeld {
		return palabre.Errorf(palabre.ECONFLICT, "attendance is recorded once the meeting is held; it is %s", status)
	}
	for _, id := range present {
		if !slices.Contains(members, id) {
			return palabre.Errorf(palabre.EINVALID, "%s is not a member of the committee: only members are recorded present", id)
		}
	}
	return nil
}

// CheckMinutesEdit refuses to change approved minutes, whoever asks: a
// correction is a new version.
func CheckMinutesEdit(status minutes.Status) error {
	if status == minutes.StatusApproved {
		return palabre.Errorf(palabre.ECONFLICT, "approved minutes are frozen: write a new version (createMinutes) and approve it to correct them")
	}
	return nil
}

// CheckMinutesOf requires minutes to record a meeting that was held.
func CheckMinutesOf(status meeting.Status) error {
	if status != meeting.StatusHeld {
		return palabre.Errorf(palabre.ECONFLICT, "minutes record a held meeting; this one is %s", status)
	}
	return nil
}

// CanonicalText is the text whose hash approved minutes keep: Unicode NFC,
// line ends as \n, no trailing spaces on a line, no blank lines at either end.
// Two texts that read the same hash the same.
func CanonicalText(text string) string {
	text = norm.NFC.String(strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n"))
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \t")
	}
	return strings.Trim(strings.Join(lines, "\n"), "\n")
}

// Hash is the SHA-256 of the canonical text, in hexadecimal.
func Hash(text string) string {
	sum := sha256.Sum256([]byte(CanonicalText(text)))
	return hex.EncodeToString(sum[:])
}

// FollowedPlan says which plan a committee follows or an item belongs to:
// exactly one of the IDs is set.
type FollowedPlan struct{ Agreement, Strategy *pulid.ID }

func (p FollowedPlan) same(q FollowedPlan) bool {
	eq := func(a, b *pulid.ID) bool { return (a == nil) == (b == nil) && (a == nil || *a == *b) }
	return eq(p.Agreement, q.Agreement) && eq(p.Strategy, q.Strategy)
}

// CheckFollowUp requires a meeting's follow-up action to belong to the plan
// its committee follows.
func CheckFollowUp(followed, item FollowedPlan) error {
	if !followed.same(item) {
		return palabre.Errorf(palabre.EINVALID, "a meeting's follow-up action belongs to the plan its committee follows (its agreement or strategy)")
	}
	return nil
}
