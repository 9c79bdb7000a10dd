package outbox

import (
	"context"
	"errors"
	"time"

	"github.com/palabre/palabre/audit"
	"github.com/palabre/palabre/ent"
)

func init() { audit.Follow(enqueue) }

// enqueue writes one outbox row per event, with the client of the events'
// own transaction: they commit together, or neither does.
func enqueue(ctx context.Context, client *ent.Client, events []*ent.AuditEvent) error {
	for start := 0; start < len(events); start += insertBatch {
		chunk := events[start:min(start+insertBatch, len(events))]
		rows := make([]*ent.NotificationCreate, len(chunk))
		for i, e := range chunk {
			rows[i] = client.Notification.Create().SetEventID(e.ID).SetCreatedAt(e.At).SetDueAt(e.At)
		}
		if err := client.Notification.CreateBulk(rows...).Exec(ctx); err != nil {
			return err
		}
	}
	return nil
}

// insertBatch bounds the rows of one INSERT, under both stores' parameter
// limits.
const insertBatch = 1000

// Channel delivers notifications of one kind (package doc: Plugging a
// channel in).
type Channel struct {
	// Name is stored in the rows of the channel's deliveries, such as WEBHOOK.
	Name string
	// FanOut says which deliveries an event makes: none, or one per target.
	// It runs as the system, in the transaction that writes them.
	FanOut func(ctx context.Context, client *ent.Client, event *ent.AuditEvent) ([]Delivery, error)
	// Deliver makes one attempt, and says what the other side answered (an
	// HTTP status); an error tries again later, Permanent(err) gives up.
	Deliver func(ctx context.Context, a Attempt) (outcome string, err error)
	// Periodic, if set, runs as the system when the worker starts and every
	// PeriodicEvery after: the e-mail channel enqueues the daily digest so.
	// Several instances run it at once, so it must write nothing twice.
	Periodic func(ctx context.Context, client *ent.Client) error
}

// PeriodicEvery is how often a worker runs its channels' Periodic functions.
const PeriodicEvery = time.Hour

// Delivery is one notification a channel makes of an event.
type Delivery struct {
	// Target is whom it goes to, as a key stable for the event: a webhook
	// endpoint's ID, an e-mail address and the message's kind.
	Target string
	// Payload is what Deliver will need, prepared once (a message, a body).
	Payload string
}

// Attempt is one try at a delivery.
type Attempt struct {
	// ID is the delivery's ID: the same for every attempt (a webhook's
	// webhook-id), so that receivers can drop repeats.
	ID      string
	Target  string
	Payload string
	// Number counts the attempts, from 1.
	Number int
}

// permanent marks a failure that no retry can mend.
type permanent struct{ error }

func (p permanent) Unwrap() error { return p.error }

// Permanent wraps the error of an attempt that must not be retried: its
// delivery is DEAD at once.
func Permanent(err error) error { return permanent{err} }

func isPermanent(err error) bool {
	var p permanent
	return errors.As(err, &p)
}

// Options are how a worker delivers.
type Options struct {
	// Attempts is how many attempts a delivery gets before it is DEAD.
	Attempts int
	// Backoff is the wait after a first failed attempt; each later one
	// doubles it, up to MaxBackoff.
	Backoff time.Duration
	// Lease is how long a claim holds a row: a worker that crashed leaves
	// its rows to others that long. It must exceed DeliverTimeout.
	Lease time.Duration
	// Poll is how often an idle worker looks for due rows when nothing woke
	// it (a change made by another process on SQLite).
	Poll time.Duration
	// Retention is how long delivered rows (and their attempts) are kept.
	Retention time.Duration
	// Batch is how many rows one claim takes at most; DefaultBatch when 0.
	Batch int
	// Parallel is how many claimed rows are handled at once (one when 0):
	// PostgreSQL takes several writers; SQLite, one.
	Parallel int
}

// Defaults of the options, which the settings of `palabre serve` show.
const (
	DefaultAttempts  = 8
	DefaultBackoff   = 30 * time.Second
	DefaultLease     = 2 * time.Minute
	DefaultPoll      = 30 * time.Second
	DefaultRetention = 30 * 24 * time.Hour
	DefaultBatch     = 20
	// MaxBackoff caps the wait between two attempts.
	MaxBackoff = 6 * time.Hour
	// DeliverTimeout bounds one attempt.
	DeliverTimeout = 15 * time.Second
)

// DefaultOptions are the options of a server whose settings are left alone.
func DefaultOptions() Options {
	return Options{Attempts: DefaultAttempts, Backoff: DefaultBackoff, Lease: DefaultLease, Poll: DefaultPoll, Retention: DefaultRetention, Batch: DefaultBatch}
}

// backoff is the wait after the n-th failed attempt (n ≥ 1).
func (o Options) backoff(n int) time.Duration {
	d := o.Backoff
	for i := 1; i < n && d < MaxBackoff; i++ {
		d *= 2
	}
	return min(d, MaxBackoff)
}
