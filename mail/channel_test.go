package mail_test

import (
	"context"
	"log/slog"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/palabre/palabre/clock"
	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/notification"
	"github.com/palabre/palabre/ent/notificationattempt"
	"github.com/palabre/palabre/ent/schema/pulid"
	"github.com/palabre/palabre/mail"
	"github.com/palabre/palabre/outbox"
)

const testFrom = "palabre@plan.example.sn"

// mailWorker is an outbox worker with the e-mail channel only, sending to
// srv; before it starts, the rows the test world left are delivered to
// nobody, so that srv gets only what the test does.
func mailWorker(t *testing.T, f *flow, srv *smtpServer, ctx context.Context) *outbox.Worker {
	t.Helper()
	drain(t, ctx, outbox.NewWorker(f.Client, outbox.Options{}, nil, mail.Channel(discard{})))
	s := sender(t, srv, "smtp://palabre:s3cret@"+srv.Addr+"?starttls=true")
	return outbox.NewWorker(f.Client, outbox.Options{Attempts: 3, Backoff: time.Minute}, slog.New(slog.DiscardHandler), mail.Channel(s))
}

type discard struct{}

func (discard) Send(context.Context, mail.Message) error { return nil }

// drain works until nothing is due.
func drain(t *testing.T, ctx context.Context, w *outbox.Worker) {
	t.Helper()
	for range 50 {
		n, err := w.Work(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			return
		}
	}
	t.Fatal("the worker still claims rows after 50 rounds")
}

func messageIDs(rs []received) []string {
	var ids []string
	for _, r := range rs {
		ids = append(ids, r.Header.Get("Message-Id"))
	}
	slices.Sort(ids)
	return ids
}

// A round opened through the API reaches the invited agency's accounts by
// e-mail, delivered by the outbox's worker to a real SMTP server. The server
// refuses the first message once (451): the outbox retries it after its
// backoff, and it arrives with the Message-ID it had the first time; every
// message arrives once.
func TestTheOutboxEmailsARoundOpenedAndRetriesARefusedMessage(t *testing.T) {
	t.Parallel()
	f := newFlow(t)
	srv := startSMTP(t, smtpOptions{user: "palabre", pass: "s3cret"})
	round := f.plan(f.World.Security)
	fake := clock.NewFake(time.Now().UTC())
	ctx := clock.NewContext(f.ctx, fake)
	w := mailWorker(t, f, srv, ctx)

	from := f.sequence()
	srv.FailNext(1)
	f.act("openConsultation", round)
	want := f.forEvents(from)
	if len(want) == 0 {
		t.Fatal("opening the round makes no e-mail")
	}
	fake.Set(time.Now().UTC()) // the round's events are due
	drain(t, ctx, w)
	if got := srv.Received(); len(got) != len(want)-1 {
		t.Fatalf("before the backoff: %d messages received, want %d", len(got), len(want)-1)
	}
	refused := srv.Refused()
	if len(refused) != 1 {
		t.Fatalf("%d messages refused, want 1", len(refused))
	}
	fake.Advance(time.Minute)
	drain(t, ctx, w)

	got := srv.Received()
	var wantIDs, wantTo, gotTo []string
	for _, m := range want {
		wantIDs = append(wantIDs, "<"+mail.MessageID(m.Key, testFrom)+">")
		wantTo = append(wantTo, m.To.Address)
	}
	slices.Sort(wantIDs)
	slices.Sort(wantTo)
	for _, r := range got {
		gotTo = append(gotTo, r.To...)
		if !strings.HasPrefix(r.Subject, "Consultation ouverte : Consultation écrite des ministères") || !r.TLS || r.User != "palabre" {
			t.Errorf("message %q to %v: TLS %v, user %q", r.Subject, r.To, r.TLS, r.User)
		}
	}
	slices.Sort(gotTo)
	if ids := messageIDs(got); !slices.Equal(ids, wantIDs) || !slices.Equal(gotTo, wantTo) {
		t.Errorf("received %v to %v, want %v to %v", ids, gotTo, wantIDs, wantTo)
	}
	if id := refused[0].Header.Get("Message-Id"); !slices.Contains(messageIDs(got), id) {
		t.Errorf("the refused message %s never arrived again with its Message-ID", id)
	}

	rows, err := f.Client.Notification.Query().Where(notification.Channel(mail.ChannelName)).
		WithAttemptLog(func(q *ent.NotificationAttemptQuery) { q.Order(ent.Asc(notificationattempt.FieldAt)) }).All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	retried := 0
	for _, n := range rows {
		if n.Status != notification.StatusDONE {
			t.Errorf("delivery %s to %s is %s", n.ID, n.Target, n.Status)
		}
		if n.Attempts == 2 {
			retried++
			log := n.Edges.AttemptLog
			if len(log) != 2 || log[0].Ok || !log[1].Ok || !strings.Contains(log[0].Outcome, "451") || strings.Contains(log[0].Outcome, "s3cret") {
				t.Errorf("the retried delivery's attempts: %+v", log)
			}
		}
	}
	if retried != 1 {
		t.Errorf("%d deliveries retried, want 1", retried)
	}
}

// The daily digest enqueued twice on a day (two instances, or the hourly
// tick) is sent once per account; the next day's is sent again.
func TestTheDailyDigestIsSentOnceADay(t *testing.T) {
	t.Parallel()
	f := newFlow(t)
	srv := startSMTP(t, smtpOptions{user: "palabre", pass: "s3cret"})
	fake := clock.NewFake(time.Now().UTC())
	ctx := clock.NewContext(f.ctx, fake)
	w := mailWorker(t, f, srv, ctx)

	n, err := mail.EnqueueDigests(ctx, f.Client)
	if err != nil || n == 0 {
		t.Fatalf("enqueue: %d digests, %v", n, err)
	}
	w.RunPeriodic(ctx) // the hourly tick, on the same day
	if again, err := mail.EnqueueDigests(ctx, f.Client); again != n || err != nil {
		t.Fatalf("enqueued again: %d digests, %v", again, err)
	}
	drain(t, ctx, w)
	fake.Advance(time.Hour)
	w.RunPeriodic(ctx)
	drain(t, ctx, w)
	day := fake.Now().Format(time.DateOnly)
	got := srv.Received()
	if len(got) != n {
		t.Fatalf("%d digests received, want %d", len(got), n)
	}
	to := map[string]bool{}
	for _, r := range got {
		if to[r.To[0]] || len(r.To) != 1 {
			t.Errorf("a second digest to %v", r.To)
		}
		to[r.To[0]] = true
	}
	rows, err := f.Client.Notification.Query().Where(notification.EventID(pulid.ID("digest/"+day)), notification.Channel(mail.ChannelName)).Count(ctx)
	if err != nil || rows != n {
		t.Errorf("%d digest rows for %s, want %d (%v)", rows, day, n, err)
	}

	fake.Advance(24 * time.Hour)
	tomorrow, err := mail.DailyDigest(ctx, f.Client, fake.Now())
	if err != nil || len(tomorrow) == 0 {
		t.Fatalf("the next day's digests: %d, %v", len(tomorrow), err)
	}
	w.RunPeriodic(ctx)
	drain(t, ctx, w)
	if next := srv.Received(); len(next) != n+len(tomorrow) {
		t.Errorf("the next day: %d messages in all, want %d", len(next), n+len(tomorrow))
	}
}

// An e-mail the SMTP server keeps refusing is DEAD after its attempts (3
// here), and was never received; a delivery whose message cannot be decoded
// is DEAD at its first attempt.
func TestAnEmailAlwaysRefusedEndsDead(t *testing.T) {
	t.Parallel()
	f := newFlow(t)
	srv := startSMTP(t, smtpOptions{user: "palabre", pass: "s3cret"})
	fake := clock.NewFake(time.Now().UTC())
	ctx := clock.NewContext(f.ctx, fake)
	w := mailWorker(t, f, srv, ctx)

	srv.FailNext(1000)
	if n, err := mail.EnqueueDigests(ctx, f.Client); n == 0 || err != nil {
		t.Fatalf("enqueue: %d digests, %v", n, err)
	}
	broken, err := f.Client.Notification.Create().SetEventID("digest/broken").SetChannel(mail.ChannelName).
		SetTarget("broken").SetPayload("{not json").SetCreatedAt(fake.Now()).SetDueAt(fake.Now()).Save(ctx)
	if err != nil {
		t.Fatal(err)
	}
	drain(t, ctx, w)
	fake.Advance(time.Minute)
	drain(t, ctx, w)
	fake.Advance(2 * time.Minute)
	drain(t, ctx, w)

	rows, err := f.Client.Notification.Query().Where(notification.Channel(mail.ChannelName)).All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range rows {
		want := 3
		if n.ID == broken.ID {
			want = 1
		}
		if n.Status != notification.StatusDEAD || n.Attempts != want {
			t.Errorf("delivery to %s: %s after %d attempts, want DEAD after %d", n.Target, n.Status, n.Attempts, want)
		}
	}
	if got, refused := srv.Received(), srv.Refused(); len(got) != 0 || len(refused) != 3*(len(rows)-1) {
		t.Errorf("received %d, refused %d messages; want 0 and %d", len(got), len(refused), 3*(len(rows)-1))
	}
}
