package audit

import (
	"context"
	"fmt"

	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/auditevent"
	"github.com/palabre/palabre/ent/privacy"
)

// Break is the first broken link of the chain.
type Break struct {
	Sequence int64  // the first event that does not match
	EventID  string // its ID, empty when the event is missing
	Reason   string
}

// Error describes the break for a person.
func (b *Break) Error() string {
	return fmt.Sprintf("audit chain broken at event %d (%s): %s", b.Sequence, b.EventID, b.Reason)
}

// batch is how many events Verify reads at a time.
const batch = 1000

// Verify recomputes the chain from the first event and returns the first
// broken link, or nil and the number of events checked when the chain holds.
func Verify(ctx context.Context, client *ent.Client) (int64, *Break, error) {
	ctx = privacy.DecisionContext(ctx, privacy.Allow)
	var (
		previous string
		want     int64 = 1
	)
	for {
		events, err := client.AuditEvent.Query().
			Where(auditevent.SequenceGTE(want)).
			Order(ent.Asc(auditevent.FieldSequence)).
			Limit(batch).All(ctx)
		if err != nil {
			return 0, nil, err
		}
		for _, ev := range events {
			e := Event{ev.Sequence, ev.At, ev.ActorID, ev.Operation, ev.EntityType, ev.EntityID, ev.Changes}
			switch {
			case ev.Sequence != want:
				return 0, &Break{Sequence: want, Reason: fmt.Sprintf("event %d is missing", want)}, nil
			case ev.PreviousHash != previous:
				return 0, &Break{ev.Sequence, string(ev.ID), "it does not point to the previous event's hash"}, nil
			case Hash(previous, e) != ev.Hash:
				return 0, &Break{ev.Sequence, string(ev.ID), "its content does not match its hash"}, nil
			}
			previous, want = ev.Hash, want+1
		}
		if len(events) < batch {
			break
		}
	}
	head, err := client.AuditHead.Get(ctx, headID)
	if ent.IsNotFound(err) && want == 1 {
		return 0, nil, nil
	}
	if err != nil {
		return 0, nil, err
	}
	if head.Sequence != want-1 || head.Hash != previous {
		return 0, &Break{Sequence: want, Reason: fmt.Sprintf("the chain ends at event %d but its head says %d: events were removed from the end", want-1, head.Sequence)}, nil
	}
	return want - 1, nil, nil
}
