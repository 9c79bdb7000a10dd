package coordination

import (
	"context"
	"time"

	"entgo.io/ent/dialect/sql"

	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/committee"
	"github.com/palabre/palabre/ent/meeting"
	"github.com/palabre/palabre/ent/predicate"
	"github.com/palabre/palabre/ent/progressreport"
	"github.com/palabre/palabre/ent/schema/pulid"
	"github.com/palabre/palabre/plan"
)

// Digest is what changed on the items a committee follows since its latest
// meeting held on or before On: the screen its secretariat prints before
// each meeting.
type Digest struct {
	CommitteeID pulid.ID
	On          time.Time
	// Since is the date of LastMeeting; nil when none was held.
	Since       *time.Time
	LastMeeting *ent.Meeting
}

// LastHeld returns a committee's latest meeting held on or before the date,
// or nil: one statement.
func LastHeld(ctx context.Context, client *ent.Client, committeeID pulid.ID, on time.Time) (*ent.Meeting, error) {
	m, err := client.Meeting.Query().
		Where(meeting.HasCommitteeWith(committee.ID(committeeID)), meeting.StatusEQ(meeting.StatusHeld), meeting.ScheduledAtLTE(on)).
		Order(meeting.ByScheduledAt(sql.OrderDesc()), meeting.ByID(sql.OrderDesc())).
		First(ctx)
	if ent.IsNotFound(err) {
		return nil, nil
	}
	return m, err
}

// SinceLastMeeting reads a committee's digest on the date: one statement for
// its latest held meeting; Reports then lists the reports in one more.
func SinceLastMeeting(ctx context.Context, client *ent.Client, committeeID pulid.ID, on time.Time) (*Digest, error) {
	last, err := LastHeld(ctx, client, committeeID, on)
	if err != nil {
		return nil, err
	}
	d := &Digest{CommitteeID: committeeID, On: on, LastMeeting: last}
	if last != nil {
		d.Since = &last.ScheduledAt
	}
	return d, nil
}

// Reports matches the progress reports of the digest: on the items the
// committee follows, dated after its latest held meeting and not after the
// digest's date; with statusChanges, only those that changed their item's
// status.
func (d *Digest) Reports(statusChanges bool) predicate.ProgressReport {
	p := []predicate.ProgressReport{
		progressreport.HasActionItemWith(plan.FollowedBy(d.CommitteeID)),
		progressreport.AsOfLTE(plan.Instant(d.On)),
	}
	if d.Since != nil {
		p = append(p, progressreport.AsOfGT(*d.Since))
	}
	if statusChanges {
		p = append(p, progressreport.StatusBeforeNotNil(), func(s *sql.Selector) {
			s.Where(sql.ColumnsNEQ(s.C(progressreport.FieldStatus), s.C(progressreport.FieldStatusBefore)))
		})
	}
	return progressreport.And(p...)
}

// ChangesStatus reports whether a report changed its item's status.
func ChangesStatus(r *ent.ProgressReport) bool {
	return r.StatusBefore != nil && string(*r.StatusBefore) != string(r.Status)
}
