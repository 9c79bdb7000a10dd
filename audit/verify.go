package audit

import (
	"context"
	"fmt"

	"github.com/palabre/palabre/access"
	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/auditevent"
)

// Break is the first broken link of the chain.
type Break struct {
	Sequence int64  // the first event that does not match
	EventID  string // its ID, empty when the event is missing
	Reason   string
}

// Error describes the break for a person.
func (b *Break) Error() string {
	if b.EventID == "" {
		return fmt.Sprintf("audit chain broken at event %d: %s", b.Sequence, b.Reason)
	}
	return fmt.Sprintf("audit chain broken at event %d (%s): %s", b.Sequence, b.EventID, b.Reason)
}

// batch is how many events Verify reads at a time.
const batch = 1000

// Verify recomputes the chain from the first event and returns the first
// broken link, or nil and the number of events checked when the chain holds.
// It runs beside writers: events they commit while it reads are checked too.
//
// On a database imported from an archive package (an ArchiveImport row), the
// chain starts with the package's segment, which has gaps where other
// records' events were: its events are checked one by one (each its hash,
// each linked to its predecessor when that one is there), then against the
// SHA-256 the import pinned, and the events recorded here since must chain
// from its last one.
func Verify(ctx context.Context, client *ent.Client) (int64, *Break, error) {
	ctx = access.AsSystem(ctx, "verifying the whole audit chain")
	c := chain{client: client, next: 1}
	imported, err := client.ArchiveImport.Query().First(ctx)
	switch {
	case ent.IsNotFound(err):
	case err != nil:
		return 0, nil, err
	default:
		brk, err := c.segment(ctx, imported)
		if brk != nil || err != nil {
			return 0, brk, err
		}
	}
	var promised int64 // the end a head read before the last walk promised
	for {
		if brk, err := c.walk(ctx); brk != nil || err != nil {
			return 0, brk, err
		}
		if c.next <= promised {
			// An event and the head move in one transaction: every event up
			// to a head once read must be there. The end was cut off.
			return 0, &Break{Sequence: c.next, Reason: fmt.Sprintf("event %d is missing: the head of the chain says it ends at event %d", c.next, promised)}, nil
		}
		head, err := client.AuditHead.Get(ctx, headID)
		if ent.IsNotFound(err) {
			if c.next == 1 {
				return 0, nil, nil // nothing was ever recorded
			}
			return 0, &Break{Sequence: c.next - 1, EventID: c.lastID, Reason: "the chain has no head: its end cannot be checked"}, nil
		}
		if err != nil {
			return 0, nil, err
		}
		last := c.next - 1
		switch {
		case head.Sequence == last && head.Hash == c.previous:
			return c.checked + last - c.skipped, nil, nil
		case head.Sequence > last:
			promised = head.Sequence // writers may have committed since the walk: walk on
		case head.Sequence < last:
			id, err := client.AuditEvent.Query().Where(auditevent.Sequence(head.Sequence + 1)).OnlyID(ctx)
			if err != nil {
				return 0, nil, err
			}
			return 0, &Break{Sequence: head.Sequence + 1, EventID: string(id), Reason: fmt.Sprintf("the head of the chain ends at event %d: this event was added outside the audit trail", head.Sequence)}, nil
		default:
			return 0, &Break{Sequence: last, EventID: c.lastID, Reason: "the head of the chain holds another hash: the last event was replaced"}, nil
		}
	}
}

// chain is how far Verify has checked.
type chain struct {
	client   *ent.Client
	next     int64  // the sequence the next event must have
	previous string // the hash it must point to
	lastID   string // the ID of the last event checked
	checked  int64  // the events of an archive's segment checked
	skipped  int64  // the sequences before the walk that the segment does not hold
}

// segment checks an imported archive's segment and sets c to walk on from
// its end.
func (c *chain) segment(ctx context.Context, imported *ent.ArchiveImport) (*Break, error) {
	events, err := c.client.AuditEvent.Query().
		Where(auditevent.SequenceLTE(imported.LastSequence)).
		Order(ent.Asc(auditevent.FieldSequence)).All(ctx)
	if err != nil {
		return nil, err
	}
	if brk := CheckSegment(events); brk != nil {
		return brk, nil
	}
	switch {
	case len(events) != imported.Events:
		return &Break{Sequence: imported.LastSequence, Reason: fmt.Sprintf("the archive's segment held %d events when it was imported, there are %d", imported.Events, len(events))}, nil
	case events[0].Sequence != imported.FirstSequence || events[len(events)-1].Hash != imported.Head:
		return &Break{Sequence: imported.FirstSequence, Reason: "the archive's segment does not begin or end where it did when it was imported"}, nil
	case SegmentSum(events) != imported.SegmentSha256:
		return &Break{Sequence: imported.FirstSequence, Reason: "the archive's segment does not match the SHA-256 pinned when it was imported"}, nil
	}
	last := events[len(events)-1]
	c.next, c.previous, c.lastID = last.Sequence+1, last.Hash, string(last.ID)
	c.checked, c.skipped = int64(len(events)), last.Sequence
	return nil, nil
}

// walk checks the events from c.next to the last one there is.
func (c *chain) walk(ctx context.Context) (*Break, error) {
	for {
		events, err := c.client.AuditEvent.Query().
			Where(auditevent.SequenceGTE(c.next)).
			Order(ent.Asc(auditevent.FieldSequence)).
			Limit(batch).All(ctx)
		if err != nil {
			return nil, err
		}
		for _, ev := range events {
			e := Event{ev.Sequence, ev.At, ev.ActorID, ev.Operation, ev.EntityType, ev.EntityID, ev.Changes}
			switch {
			case ev.Sequence != c.next:
				return &Break{Sequence: c.next, Reason: fmt.Sprintf("event %d is missing", c.next)}, nil
			case ev.PreviousHash != c.previous:
				return &Break{ev.Sequence, string(ev.ID), "it does not point to the previous event's hash"}, nil
			case Hash(c.previous, e) != ev.Hash:
				return &Break{ev.Sequence, string(ev.ID), "its content does not match its hash"}, nil
			}
			c.next, c.previous, c.lastID = c.next+1, ev.Hash, string(ev.ID)
		}
		if len(events) < batch {
			return nil, nil
		}
	}
}
