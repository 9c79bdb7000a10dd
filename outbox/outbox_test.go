package outbox_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/palabre/palabre/access"
	"github.com/palabre/palabre/audit"
	"github.com/palabre/palabre/clock"
	"github.com/palabre/palabre/database"
	"github.com/palabre/palabre/database/dbtest"
	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/notification"
	"github.com/palabre/palabre/outbox"
)

// change records an audited change, as every mutation does, and commits it
// or rolls it back.
func change(t *testing.T, ctx context.Context, client *ent.Client, id string, commit bool) {
	t.Helper()
	tx, err := client.Tx(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := audit.Record(ctx, tx.Client(), "UPDATE", "Agency", id, nil); err != nil {
		t.Fatal(err)
	}
	if commit {
		err = tx.Commit()
	} else {
		err = tx.Rollback()
	}
	if err != nil {
		t.Fatal(err)
	}
}

// recorder is a channel that makes one delivery per event, to "here", and
// fails while failing is set.
type recorder struct {
	mu        sync.Mutex
	delivered map[string]int // attempts per delivery ID
	failing   atomic.Bool
}

func (r *recorder) channel() outbox.Channel {
	return outbox.Channel{
		Name: "TEST",
		FanOut: func(_ context.Context, _ *ent.Client, e *ent.AuditEvent) ([]outbox.Delivery, error) {
			return []outbox.Delivery{{Target: "here", Payload: e.EntityID}}, nil
		},
		Deliver: func(_ context.Context, a outbox.Attempt) (string, error) {
			r.mu.Lock()
			defer r.mu.Unlock()
			if r.delivered == nil {
				r.delivered = map[string]int{}
			}
			r.delivered[a.ID]++
			if r.failing.Load() {
				return "503", errors.New("unavailable")
			}
			return "200", nil
		},
	}
}

func (r *recorder) count() (deliveries, attempts int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, n := range r.delivered {
		deliveries++
		attempts += n
	}
	return deliveries, attempts
}

// setup is a database, a system context on a fake clock, and a channel.
func setup(t *testing.T) (context.Context, *ent.Client, *clock.Fake, *recorder) {
	t.Helper()
	fake := clock.NewFake(time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC))
	ctx := clock.NewContext(access.SystemContext(context.Background()), fake)
	return ctx, dbtest.Open(t), fake, &recorder{}
}

func statuses(t *testing.T, ctx context.Context, client *ent.Client, channel string) map[notification.Status]int {
	t.Helper()
	rows, err := client.Notification.Query().Where(notification.Channel(channel)).All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	out := map[notification.Status]int{}
	for _, r := range rows {
		out[r.Status]++
	}
	return out
}

func TestEveryAuditEventGetsARowInItsTransaction(t *testing.T) {
	t.Parallel()
	ctx, client, _, _ := setup(t)
	change(t, ctx, client, "AG01", false)
	if n := client.Notification.Query().CountX(ctx); n != 0 {
		t.Fatalf("a rolled-back change left %d outbox rows", n)
	}
	change(t, ctx, client, "AG01", true)
	change(t, ctx, client, "AG02", true)
	rows := client.Notification.Query().AllX(ctx)
	if len(rows) != 2 {
		t.Fatalf("two committed changes left %d outbox rows, want 2", len(rows))
	}
	for _, r := range rows {
		if r.Channel != "" || r.Status != notification.StatusPENDING || r.EventID == "" {
			t.Fatalf("row %+v: want a pending event row to fan out", r)
		}
	}
}

func TestADeliveryIsRetriedWithBackoffThenDead(t *testing.T) {
	t.Parallel()
	ctx, client, fake, rec := setup(t)
	rec.failing.Store(true)
	w := outbox.NewWorker(client, outbox.Options{Attempts: 4, Backoff: time.Minute, Lease: 5 * time.Minute}, nil, rec.channel())
	change(t, ctx, client, "AG01", true)
	if n, err := w.Work(ctx); n != 1 || err != nil { // the fan-out
		t.Fatalf("fan-out claimed %d: %v", n, err)
	}
	for i, wait := range []time.Duration{time.Minute, 2 * time.Minute, 4 * time.Minute} {
		if n, err := w.Work(ctx); n != 1 || err != nil {
			t.Fatalf("attempt %d claimed %d: %v", i+1, n, err)
		}
		row := client.Notification.Query().Where(notification.Channel("TEST")).OnlyX(ctx)
		if got := row.DueAt.Sub(fake.Now()); got != wait || row.Status != notification.StatusPENDING {
			t.Fatalf("after attempt %d: %s, due in %v, want pending and due in %v", i+1, row.Status, got, wait)
		}
		fake.Advance(wait - time.Second)
		if n, _ := w.Work(ctx); n != 0 {
			t.Fatalf("a delivery was retried before its backoff")
		}
		fake.Advance(time.Second)
	}
	if n, err := w.Work(ctx); n != 1 || err != nil {
		t.Fatalf("last attempt claimed %d: %v", n, err)
	}
	row := client.Notification.Query().Where(notification.Channel("TEST")).WithAttemptLog().OnlyX(ctx)
	if row.Status != notification.StatusDEAD || row.Attempts != 4 || len(row.Edges.AttemptLog) != 4 || row.DoneAt == nil {
		t.Fatalf("after 4 failures: %s, %d attempts, %d logged; want DEAD with 4 logged", row.Status, row.Attempts, len(row.Edges.AttemptLog))
	}
	for _, a := range row.Edges.AttemptLog {
		if a.Ok || a.Outcome != "503: unavailable" {
			t.Fatalf("attempt logged as %+v", a)
		}
	}
	fake.Advance(24 * time.Hour)
	if n, _ := w.Work(ctx); n != 0 {
		t.Fatal("a dead delivery was claimed again")
	}
	if _, attempts := rec.count(); attempts != 4 {
		t.Fatalf("%d attempts were made, want 4", attempts)
	}
}

func TestBackoffStopsDoublingAtItsCap(t *testing.T) {
	t.Parallel()
	ctx, client, fake, rec := setup(t)
	rec.failing.Store(true)
	w := outbox.NewWorker(client, outbox.Options{Attempts: 20, Backoff: time.Hour, Lease: time.Minute}, nil, rec.channel())
	change(t, ctx, client, "AG01", true)
	w.Work(ctx)
	for range 5 { // 1 h, 2 h, 4 h, then 6 h twice
		w.Work(ctx)
		fake.Advance(outbox.MaxBackoff)
	}
	row := client.Notification.Query().Where(notification.Channel("TEST")).OnlyX(ctx)
	if got := row.DueAt.Sub(fake.Now().Add(-outbox.MaxBackoff)); got != outbox.MaxBackoff {
		t.Fatalf("the fifth wait is %v, want the cap %v", got, outbox.MaxBackoff)
	}
}

func TestACrashedWorkersClaimIsRetakenAfterItsLease(t *testing.T) {
	t.Parallel()
	ctx, client, fake, rec := setup(t)
	opts := outbox.Options{Lease: time.Minute}
	change(t, ctx, client, "AG01", true)
	outbox.NewWorker(client, opts, nil, rec.channel()).Work(ctx) // fan-out
	crashed := outbox.NewWorker(client, opts, nil, rec.channel())
	if n, err := outbox.ClaimOnly(ctx, crashed); n != 1 || err != nil {
		t.Fatalf("the first worker claimed %d: %v", n, err)
	}
	// It dies here, with its claim.
	other := outbox.NewWorker(client, opts, nil, rec.channel())
	fake.Advance(time.Minute - time.Second)
	if n, _ := other.Work(ctx); n != 0 {
		t.Fatal("a claim was taken again within its lease")
	}
	fake.Advance(time.Second)
	if n, err := other.Work(ctx); n != 1 || err != nil {
		t.Fatalf("after the lease, the other worker claimed %d: %v", n, err)
	}
	if d, a := rec.count(); d != 1 || a != 1 {
		t.Fatalf("%d deliveries in %d attempts, want 1 in 1", d, a)
	}
	if s := statuses(t, ctx, client, "TEST"); s[notification.StatusDONE] != 1 {
		t.Fatalf("statuses %v, want one DONE", s)
	}
}

func TestTwoWorkersDeliverEachNotificationOnce(t *testing.T) {
	t.Parallel()
	client := dbtest.Open(t)
	ctx := access.SystemContext(context.Background())
	rec := &recorder{}
	for i := range 60 {
		change(t, ctx, client, fmt.Sprintf("AG%02d", i), true)
	}
	var wg sync.WaitGroup
	for range 2 {
		w := outbox.NewWorker(client, outbox.Options{Batch: 7}, nil, rec.channel())
		wg.Go(func() {
			for {
				n, err := w.Work(ctx)
				if err != nil {
					t.Error(err)
					return
				}
				if n == 0 {
					return
				}
			}
		})
	}
	wg.Wait()
	if d, a := rec.count(); d != 60 || a != 60 {
		t.Fatalf("%d deliveries in %d attempts, want 60 in 60", d, a)
	}
	if s := statuses(t, ctx, client, "TEST"); s[notification.StatusDONE] != 60 {
		t.Fatalf("statuses %v, want 60 DONE", s)
	}
}

func TestAnEmptyClaimDoesNotRingTheCommitBell(t *testing.T) {
	ctx, client, _, rec := setup(t)
	w := outbox.NewWorker(client, outbox.Options{}, nil, rec.channel())
	bell, stop := database.WatchCommits()
	defer stop()
	change(t, ctx, client, "AG01", true)
	<-bell        // the change's own commit
	for range 2 { // fan-out, then delivery: both write
		if n, _ := w.Work(ctx); n != 1 {
			t.Fatal("nothing claimed")
		}
		<-bell
	}
	if n, err := w.Work(ctx); n != 0 || err != nil {
		t.Fatalf("an idle claim took %d: %v", n, err)
	}
	select {
	case <-bell:
		t.Fatal("a claim that found nothing rang the commit bell: an idle worker would wake itself forever")
	default:
	}
}

func TestDeliveredRowsAreCleanedAfterTheRetention(t *testing.T) {
	t.Parallel()
	ctx, client, fake, rec := setup(t)
	w := outbox.NewWorker(client, outbox.Options{Retention: 24 * time.Hour, Attempts: 1}, nil, rec.channel())
	change(t, ctx, client, "AG01", true)
	w.Work(ctx)
	w.Work(ctx)
	rec.failing.Store(true)
	change(t, ctx, client, "AG02", true)
	w.Work(ctx)
	w.Work(ctx) // dead after its one attempt
	fake.Advance(24 * time.Hour)
	if n, err := w.Clean(ctx); n != 0 || err != nil {
		t.Fatalf("cleaning at the retention's end deleted %d: %v", n, err)
	}
	fake.Advance(time.Second)
	if n, err := w.Clean(ctx); n != 3 || err != nil { // two event rows, one delivery
		t.Fatalf("cleaning after the retention deleted %d, want 3: %v", n, err)
	}
	left := client.Notification.Query().Where(notification.Channel("TEST")).WithAttemptLog().OnlyX(ctx)
	if left.Status != notification.StatusDEAD || len(left.Edges.AttemptLog) != 1 {
		t.Fatalf("left %s with %d attempts; want the dead one, with its attempt", left.Status, len(left.Edges.AttemptLog))
	}
}
