package outbox

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"time"

	"entgo.io/ent/dialect"
	"entgo.io/ent/dialect/sql"

	"github.com/palabre/palabre/access"
	"github.com/palabre/palabre/clock"
	"github.com/palabre/palabre/database"
	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/notification"
	"github.com/palabre/palabre/ent/notificationattempt"
	"github.com/palabre/palabre/ent/predicate"
	"github.com/palabre/palabre/ent/schema/pulid"
	"github.com/palabre/palabre/transaction"
)

// Worker claims due rows of the outbox and delivers them through its
// channels (package doc). Several workers, in one process or several, may
// share a database.
type Worker struct {
	client   *ent.Client
	opts     Options
	channels []Channel
	names    []string // "" (events to fan out) and each channel's name
	logger   *slog.Logger
	cleaned  time.Time
}

// NewWorker returns a worker on client with the given channels; options left
// at zero take their defaults.
func NewWorker(client *ent.Client, opts Options, logger *slog.Logger, channels ...Channel) *Worker {
	d := DefaultOptions()
	if opts.Attempts <= 0 {
		opts.Attempts = d.Attempts
	}
	if opts.Backoff <= 0 {
		opts.Backoff = d.Backoff
	}
	if opts.Lease <= 0 {
		opts.Lease = d.Lease
	}
	if opts.Poll <= 0 {
		opts.Poll = d.Poll
	}
	if opts.Retention <= 0 {
		opts.Retention = d.Retention
	}
	if opts.Batch <= 0 {
		opts.Batch = d.Batch
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	names := []string{""}
	for _, c := range channels {
		names = append(names, c.Name)
	}
	return &Worker{client: client, opts: opts, channels: channels, names: names, logger: logger}
}

// Run works until ctx is done. When nothing is due it waits for a commit of
// the process, the next due row or the poll, whichever comes first.
func (w *Worker) Run(ctx context.Context) {
	commits, stop := database.WatchCommits()
	defer stop()
	go w.periodic(ctx)
	for ctx.Err() == nil {
		n, err := w.Work(ctx)
		if err != nil && ctx.Err() == nil {
			w.logger.Warn("outbox: a claim failed; trying again at the next poll", "error", err)
		}
		if n > 0 && err == nil {
			continue
		}
		if err == nil {
			w.cleanNow(ctx)
		}
		wait := w.opts.Poll
		if err == nil {
			if due, ok := w.nextDue(ctx); ok {
				wait = min(wait, max(due.Sub(clock.Now(ctx)), time.Millisecond))
			}
		}
		timer := time.NewTimer(wait)
		select {
		case <-ctx.Done():
		case <-commits:
		case <-timer.C:
		}
		timer.Stop()
	}
}

// periodic runs the channels' Periodic functions now and every
// PeriodicEvery until ctx is done.
func (w *Worker) periodic(ctx context.Context) {
	ticker := time.NewTicker(PeriodicEvery)
	defer ticker.Stop()
	for {
		w.RunPeriodic(ctx)
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
		}
	}
}

// RunPeriodic runs each channel's Periodic function once, as the system;
// a failure is logged, and the next tick tries again.
func (w *Worker) RunPeriodic(ctx context.Context) {
	ctx = access.AsSystem(ctx, "the notification outbox's periodic work")
	for _, ch := range w.channels {
		if ch.Periodic == nil {
			continue
		}
		if err := ch.Periodic(ctx, w.client); err != nil && ctx.Err() == nil {
			w.logger.Warn("outbox: a channel's periodic work failed; trying again at the next tick", "channel", ch.Name, "error", err)
		}
	}
}

// Work claims the rows due now, and fans out or delivers each of them; it
// says how many it claimed.
func (w *Worker) Work(ctx context.Context) (int, error) {
	ctx = access.AsSystem(ctx, "the notification outbox's worker")
	claimed, err := w.claim(ctx)
	if err != nil || len(claimed) == 0 {
		return 0, err
	}
	// At most Parallel rows at once: on SQLite one writer holds the whole
	// database, and twenty workers' transactions polling for it starved the
	// requests' own transactions past their time limit.
	slots := make(chan struct{}, max(w.opts.Parallel, 1))
	var wg sync.WaitGroup
	for _, n := range claimed {
		slots <- struct{}{}
		wg.Go(func() {
			defer func() { <-slots }()
			if err := w.handle(ctx, n); err != nil && ctx.Err() == nil {
				w.logger.Warn("outbox: a notification could not be settled; it will be claimed again after its lease", "notification", n.ID, "error", err)
			}
		})
	}
	wg.Wait()
	return len(claimed), nil
}

// claim takes the due rows for one lease, in one transaction: locked and
// skipped by others on PostgreSQL, the whole database held on SQLite. It
// counts an attempt for each, which is the lease's token.
func (w *Worker) claim(ctx context.Context) ([]*ent.Notification, error) {
	now := clock.Now(ctx).UTC()
	var claimed []*ent.Notification
	err := transaction.Within(ctx, w.client, func(tx *ent.Client) error {
		rows, err := tx.Notification.Query().
			Where(notification.StatusEQ(notification.StatusPENDING), notification.DueAtLTE(now),
				notification.ChannelIn(w.names...), skipLocked).
			Order(notification.ByDueAt()).Limit(w.opts.Batch).All(ctx)
		if err != nil || len(rows) == 0 {
			return err
		}
		ids := make([]pulid.ID, len(rows))
		for i, r := range rows {
			ids[i] = r.ID
		}
		until := now.Add(w.opts.Lease)
		err = tx.Notification.Update().Where(notification.IDIn(ids...)).
			SetDueAt(until).AddAttempts(1).Exec(ctx)
		if err != nil {
			return err
		}
		for _, r := range rows {
			r.Attempts++
			r.DueAt = until
		}
		claimed = rows
		return nil
	})
	return claimed, err
}

// skipLocked makes a claim skip the rows other workers hold, on PostgreSQL.
// SQLite has no row locks: its writing transactions hold the database.
func skipLocked(s *sql.Selector) {
	if s.Dialect() == dialect.Postgres {
		s.ForUpdate(sql.WithLockAction(sql.SkipLocked))
	}
}

// errLeaseLost says that another worker claimed the row since this one did.
var errLeaseLost = errors.New("outbox: the lease passed to another worker")

// handle fans an event's row out, or makes one attempt at a delivery.
func (w *Worker) handle(ctx context.Context, n *ent.Notification) error {
	if n.Channel == "" {
		err := w.fanOut(ctx, n)
		if err == nil || errors.Is(err, errLeaseLost) {
			return nil
		}
		return w.settle(ctx, n, clock.Now(ctx), 0, "fan-out", err)
	}
	i := slices.IndexFunc(w.channels, func(c Channel) bool { return c.Name == n.Channel })
	ch := w.channels[i] // claimed rows are of known channels
	at := clock.Now(ctx)
	started := time.Now() // the attempt's duration only
	attemptCtx, cancel := context.WithTimeout(ctx, DeliverTimeout)
	outcome, err := ch.Deliver(attemptCtx, Attempt{ID: string(n.ID), Target: n.Target, Payload: n.Payload, Number: n.Attempts})
	cancel()
	if err != nil && ctx.Err() != nil {
		return ctx.Err() // stopping: the lease will give the row back
	}
	return w.settle(ctx, n, at, time.Since(started), outcome, err)
}

// fanOut writes the deliveries of an event's row, and marks it done, in one
// transaction.
func (w *Worker) fanOut(ctx context.Context, n *ent.Notification) error {
	now := clock.Now(ctx).UTC()
	return transaction.Within(ctx, w.client, func(tx *ent.Client) error {
		event, err := tx.AuditEvent.Get(ctx, n.EventID)
		if err != nil {
			return err
		}
		existing, err := tx.Notification.Query().
			Where(notification.EventID(event.ID), notification.ChannelNEQ("")).
			Select(notification.FieldChannel, notification.FieldTarget).All(ctx)
		if err != nil {
			return err
		}
		written := map[[2]string]bool{}
		for _, e := range existing {
			written[[2]string{e.Channel, e.Target}] = true
		}
		var rows []*ent.NotificationCreate
		for _, ch := range w.channels {
			deliveries, err := ch.FanOut(ctx, tx, event)
			if err != nil {
				return fmt.Errorf("%s: %w", ch.Name, err)
			}
			for _, d := range deliveries {
				key := [2]string{ch.Name, d.Target}
				if written[key] {
					continue
				}
				written[key] = true
				rows = append(rows, tx.Notification.Create().SetEventID(event.ID).SetChannel(ch.Name).
					SetTarget(d.Target).SetPayload(d.Payload).SetCreatedAt(now).SetDueAt(now))
			}
		}
		for chunk := range slices.Chunk(rows, insertBatch) {
			if err := tx.Notification.CreateBulk(chunk...).Exec(ctx); err != nil {
				return err
			}
		}
		done, err := tx.Notification.Update().Where(mine(n)).
			SetStatus(notification.StatusDONE).SetDoneAt(now).SetLastError("").Save(ctx)
		if err != nil {
			return err
		}
		if done == 0 {
			return errLeaseLost
		}
		return nil
	})
}

// mine selects n while it is still pending under this worker's claim.
func mine(n *ent.Notification) predicate.Notification {
	return notification.And(notification.ID(n.ID), notification.Attempts(n.Attempts), notification.StatusEQ(notification.StatusPENDING))
}

// maxText bounds what an attempt keeps of an answer or an error.
const maxText = 500

// settle logs an attempt and moves its row on: done, dead, or due again
// after a backoff. A worker that lost its lease logs the attempt, and leaves
// the row to the new holder.
func (w *Worker) settle(ctx context.Context, n *ent.Notification, at time.Time, took time.Duration, outcome string, failure error) error {
	now := clock.Now(ctx).UTC()
	if failure != nil {
		outcome = truncate(outcome + ": " + failure.Error())
	}
	return transaction.Within(ctx, w.client, func(tx *ent.Client) error {
		err := tx.NotificationAttempt.Create().SetNotificationID(n.ID).SetAt(at.UTC()).
			SetDurationMs(int(took.Milliseconds())).SetOk(failure == nil).SetOutcome(truncate(outcome)).Exec(ctx)
		if err != nil {
			return err
		}
		u := tx.Notification.Update().Where(mine(n))
		switch {
		case failure == nil:
			u.SetStatus(notification.StatusDONE).SetDoneAt(now).SetLastError("")
		case isPermanent(failure) || n.Attempts >= w.opts.Attempts:
			u.SetStatus(notification.StatusDEAD).SetDoneAt(now).SetLastError(outcome)
			w.logger.Warn("outbox: a notification is dead after its last attempt", "notification", n.ID, "channel", n.Channel, "attempts", n.Attempts)
		default:
			u.SetDueAt(now.Add(w.opts.backoff(n.Attempts))).SetLastError(outcome)
		}
		return u.Exec(ctx)
	})
}

func truncate(s string) string {
	if len(s) <= maxText {
		return s
	}
	return s[:maxText] + "…"
}

// nextDue is when the first pending row of the worker's channels is due.
func (w *Worker) nextDue(ctx context.Context) (time.Time, bool) {
	ctx = access.AsSystem(ctx, "the notification outbox's worker")
	next, err := w.client.Notification.Query().
		Where(notification.StatusEQ(notification.StatusPENDING), notification.ChannelIn(w.names...)).
		Order(notification.ByDueAt()).Select(notification.FieldDueAt).First(ctx)
	if err != nil {
		return time.Time{}, false
	}
	return next.DueAt, true
}

// cleanEvery is how often an idle worker deletes old delivered rows.
const cleanEvery = time.Hour

func (w *Worker) cleanNow(ctx context.Context) {
	if now := clock.Now(ctx); now.Sub(w.cleaned) >= cleanEvery {
		w.cleaned = now
		if n, err := w.Clean(ctx); err != nil {
			w.logger.Warn("outbox: cleaning delivered notifications failed", "error", err)
		} else if n > 0 {
			w.logger.Info("outbox: deleted delivered notifications", "count", n, "older than", w.opts.Retention)
		}
	}
}

// Clean deletes the rows delivered (DONE) longer than the retention ago, and
// their attempts; DEAD rows stay for an administrator. It says how many rows
// it deleted.
func (w *Worker) Clean(ctx context.Context) (int, error) {
	ctx = access.AsSystem(ctx, "cleaning the notification outbox")
	old := notification.And(notification.StatusEQ(notification.StatusDONE), notification.DoneAtLT(clock.Now(ctx).UTC().Add(-w.opts.Retention)))
	var n int
	err := transaction.Within(ctx, w.client, func(tx *ent.Client) error {
		if _, err := tx.NotificationAttempt.Delete().Where(notificationattempt.HasNotificationWith(old)).Exec(ctx); err != nil {
			return err
		}
		var err error
		n, err = tx.Notification.Delete().Where(old).Exec(ctx)
		return err
	})
	return n, err
}
