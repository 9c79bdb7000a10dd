package events

import (
	"context"
	"log/slog"
	"slices"
	"sync"
	"time"

	"github.com/palabre/palabre/access"
	"github.com/palabre/palabre/database"
	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/auditevent"
)

// HubOptions are how a hub hears of new entries of the trail.
type HubOptions struct {
	// DatabaseURL, when it is a postgres:// URL, is where the hub listens for
	// the trail's notifications (audit.Channel), so that changes made by other
	// instances reach it. Changes made by this process are heard without it.
	DatabaseURL string
	// Poll is how often the hub reads the trail when nothing woke it, for the
	// changes no notification told of (a command run in another process on
	// SQLite); DefaultPoll when zero.
	Poll   time.Duration
	Logger *slog.Logger
}

// DefaultPoll is how often a hub reads the trail unbidden.
const DefaultPoll = 30 * time.Second

// readBatch is how many entries of the trail one read takes at most.
const readBatch = 500

// Hub reads the audit trail as it grows and hands the events it finds to its
// subscribers. It runs only while it has subscribers: the first one starts it
// from the trail's current end, the last one to leave stops it.
type Hub struct {
	client *ent.Client
	opts   HubOptions

	mu   sync.Mutex
	subs map[*Subscription]struct{}
	// stop stops the running reader; nil when none runs. A stopped reader
	// hands out nothing more (hand checks its context under mu), so one that
	// is still finishing a read never overlaps the next one.
	stop context.CancelFunc
}

// NewHub returns a hub reading the trail of client's database.
func NewHub(client *ent.Client, opts HubOptions) *Hub {
	if opts.Poll <= 0 {
		opts.Poll = DefaultPoll
	}
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	return &Hub{client: client, opts: opts, subs: map[*Subscription]struct{}{}}
}

// Subscription is a subscriber's events: those of the kinds it asked for,
// from the moment it subscribed, in the trail's order. It holds at most the
// buffer it was given: a subscriber that lets more wait is dropped, and its
// Dropped channel closed.
type Subscription struct {
	hub     *Hub
	kinds   []Kind
	events  chan Event
	dropped chan struct{}
	once    sync.Once
}

// Events is where the subscription's events arrive.
func (s *Subscription) Events() <-chan Event { return s.events }

// Dropped is closed when the hub dropped the subscription because its buffer
// was full: the subscriber was too slow, and missed events.
func (s *Subscription) Dropped() <-chan struct{} { return s.dropped }

// Close ends the subscription.
func (s *Subscription) Close() { s.hub.remove(s) }

// Subscribe returns a subscription to the events of the kinds given (all when
// none), holding at most buffer events waiting for the subscriber.
func (h *Hub) Subscribe(ctx context.Context, kinds []Kind, buffer int) (*Subscription, error) {
	s := &Subscription{hub: h, kinds: slices.Clone(kinds), events: make(chan Event, max(buffer, 1)), dropped: make(chan struct{})}
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.stop == nil {
		cursor, err := h.end(ctx)
		if err != nil {
			return nil, err
		}
		// The reader outlives the first subscriber, and reads as the system:
		// nothing of the subscriber's context goes with it.
		runCtx, stop := context.WithCancel(context.Background())
		h.stop = stop
		go h.run(runCtx, cursor)
	}
	h.subs[s] = struct{}{}
	return s, nil
}

// remove ends a subscription, and stops the reader when it was the last.
func (h *Hub) remove(s *Subscription) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if _, ok := h.subs[s]; !ok {
		return
	}
	delete(h.subs, s)
	if len(h.subs) == 0 && h.stop != nil {
		h.stop()
		h.stop = nil
	}
}

// Subscribers returns how many subscriptions the hub holds.
func (h *Hub) Subscribers() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.subs)
}

// end returns the sequence of the trail's last entry (0 when it is empty).
func (h *Hub) end(ctx context.Context) (int64, error) {
	last, err := h.client.AuditEvent.Query().
		Order(ent.Desc(auditevent.FieldSequence)).Select(auditevent.FieldSequence).
		First(system(ctx))
	if ent.IsNotFound(err) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	return last.Sequence, nil
}

func system(ctx context.Context) context.Context {
	return access.AsSystem(ctx, "reading the audit trail for events; each subscriber reads their subjects with its own permissions")
}

// run reads the trail after cursor whenever a commit of this process, a
// notification from another instance or the poll says it may have grown.
func (h *Hub) run(ctx context.Context, cursor int64) {
	commits, stopWatching := database.WatchCommits()
	defer stopWatching()
	notified := make(chan struct{}, 1)
	if isPostgres(h.opts.DatabaseURL) {
		go listen(ctx, h.opts.DatabaseURL, h.opts.Logger, func() {
			select {
			case notified <- struct{}{}:
			default:
			}
		})
	}
	poll := time.NewTicker(h.opts.Poll)
	defer poll.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-commits:
		case <-notified:
		case <-poll.C:
		}
		next, err := h.read(ctx, cursor)
		if err != nil && ctx.Err() == nil {
			h.opts.Logger.Warn("events: reading the audit trail", "after", cursor, "err", err)
		}
		cursor = next
	}
}

// read hands out the events of the trail after cursor and returns the new
// cursor: the last entry read, even when reading stopped on an error.
func (h *Hub) read(ctx context.Context, cursor int64) (int64, error) {
	for {
		entries, err := h.client.AuditEvent.Query().
			Where(auditevent.SequenceGT(cursor)).
			Order(ent.Asc(auditevent.FieldSequence)).
			Limit(readBatch).
			All(system(ctx))
		if err != nil {
			return cursor, err
		}
		for _, entry := range entries {
			cursor = entry.Sequence
			if e, ok := Classify(entry); ok {
				h.hand(ctx, e)
			}
		}
		if len(entries) < readBatch {
			return cursor, nil
		}
	}
}

// hand gives an event to every subscriber that asked for its kind, without
// ever waiting: a subscriber whose buffer is full is dropped.
func (h *Hub) hand(ctx context.Context, e Event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if ctx.Err() != nil {
		return // this reader was stopped
	}
	for s := range h.subs {
		if len(s.kinds) > 0 && !slices.Contains(s.kinds, e.Kind) {
			continue
		}
		select {
		case s.events <- e:
		default:
			delete(h.subs, s)
			s.once.Do(func() { close(s.dropped) })
		}
	}
	if len(h.subs) == 0 && h.stop != nil {
		h.stop()
		h.stop = nil
	}
}
