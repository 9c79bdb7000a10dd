package coordination

import (
	"context"

	"github.com/palabre/palabre/access"
	"github.com/palabre/palabre/auth"
	"github.com/palabre/palabre/clock"
	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/meeting"
	"github.com/palabre/palabre/ent/minutes"
	"github.com/palabre/palabre/ent/schema/pulid"
	"github.com/palabre/palabre/ent/schema/revision"
	"github.com/palabre/palabre/transaction"
)

// Step is a move of a meeting asked for by the secretariat or the committee's
// secretariat agency.
type Step struct {
	MeetingID pulid.ID
	Revision  int            // the revision of the meeting the move is based on
	To        meeting.Status // the status to move to
	Comment   string         // why, in the words of who moves it
}

type movingKey struct{}

// Moving reports whether ctx is that of a Move: the Meeting's hooks let its
// status change only then, and its history be written.
func Moving(ctx context.Context) bool { return ctx.Value(movingKey{}) != nil }

// Move moves a meeting to step.To and records the move with the viewer of ctx
// as its actor. The meeting's privacy policy decides who may; a move off the
// edges is BAD_USER_INPUT, holding a meeting before its date CONFLICT, a stale
// revision CONFLICT. Nothing is stored unless everything holds.
func Move(ctx context.Context, client *ent.Client, step Step) (*ent.Meeting, *ent.MeetingTransition, error) {
	var (
		moved      *ent.Meeting
		transition *ent.MeetingTransition
	)
	err := transaction.Within(ctx, client, func(client *ent.Client) error {
		update := client.Meeting.UpdateOneID(step.MeetingID)
		// The policy first: a caller who may not move it learns nothing of it.
		if err := meeting.Policy.EvalMutation(ctx, update.Mutation()); err != nil {
			return err
		}
		current, err := client.Meeting.Get(ctx, step.MeetingID)
		if err != nil {
			return err
		}
		if err := CheckMove(current.Status, step.To, current.ScheduledAt, clock.Now(ctx)); err != nil {
			return err
		}
		ctx := context.WithValue(revision.Expect(ctx, step.MeetingID, step.Revision), movingKey{}, true)
		if moved, err = update.SetStatus(step.To).Save(ctx); err != nil {
			return err
		}
		record := client.MeetingTransition.Create().
			SetMeetingID(moved.ID).
			SetFromStatus(string(current.Status)).
			SetToStatus(string(step.To)).
			SetComment(step.Comment)
		if v := auth.FromContext(ctx); v != nil {
			record.SetActorID(v.AccountID)
		}
		transition, err = record.Save(ctx)
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	return moved, transition, nil
}

type approvingKey struct{}

// Approving reports whether ctx is that of an Approve: the Minutes' hooks let
// their status, approval and hash be set only then.
func Approving(ctx context.Context) bool { return ctx.Value(approvingKey{}) != nil }

// Approve approves a draft of minutes: it freezes its text and stores the
// SHA-256 of its canonical text, the time and who approved. The minutes'
// privacy policy decides who may; approved minutes are CONFLICT, a stale
// revision CONFLICT.
func Approve(ctx context.Context, client *ent.Client, id pulid.ID, rev int) (*ent.Minutes, error) {
	var approved *ent.Minutes
	err := transaction.Within(ctx, client, func(client *ent.Client) error {
		update := client.Minutes.UpdateOneID(id)
		if err := minutes.Policy.EvalMutation(ctx, update.Mutation()); err != nil {
			return err
		}
		current, err := client.Minutes.Get(ctx, id)
		if err != nil {
			return err
		}
		if err := CheckMinutesEdit(current.Status); err != nil {
			return err
		}
		sum := Hash(current.Text)
		update.SetStatus(minutes.StatusApproved).SetApprovedAt(clock.Now(ctx)).SetSha256(sum)
		if v := auth.FromContext(ctx); v != nil && v.AccountID != "" {
			update.SetApprovedByID(v.AccountID)
		}
		approved, err = update.Save(context.WithValue(revision.Expect(ctx, id, rev), approvingKey{}, true))
		return err
	})
	return approved, err
}

// Mismatch is approved minutes whose text no longer matches their hash.
type Mismatch struct {
	MinutesID        pulid.ID
	Stored, Computed string
}

func (m Mismatch) Error() string {
	return "minutes " + string(m.MinutesID) + ": stored hash " + m.Stored + ", text hashes to " + m.Computed
}

const verifyBatch = 500

// Verify recomputes the hash of every approved minutes, in batches, and
// returns those that do not match, with the number checked.
func Verify(ctx context.Context, client *ent.Client) (int, []Mismatch, error) {
	ctx = access.AsSystem(ctx, "verifying every approved minutes, whoever asks")
	mismatches := []Mismatch{}
	checked := 0
	var after pulid.ID
	for {
		q := client.Minutes.Query().Where(minutes.StatusEQ(minutes.StatusApproved)).
			Order(ent.Asc(minutes.FieldID)).Limit(verifyBatch)
		if after != "" {
			q.Where(minutes.IDGT(after))
		}
		list, err := q.All(ctx)
		if err != nil {
			return 0, nil, err
		}
		for _, m := range list {
			checked++
			stored := ""
			if m.Sha256 != nil {
				stored = *m.Sha256
			}
			if computed := Hash(m.Text); computed != stored {
				mismatches = append(mismatches, Mismatch{MinutesID: m.ID, Stored: stored, Computed: computed})
			}
			after = m.ID
		}
		if len(list) < verifyBatch {
			return checked, mismatches, nil
		}
	}
}
