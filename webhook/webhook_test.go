package webhook_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"

	"github.com/palabre/palabre/access"
	"github.com/palabre/palabre/internal/apitest"
	"github.com/palabre/palabre/outbox"
	"github.com/palabre/palabre/server"
	"github.com/palabre/palabre/webhook"
)

var testKey = webhook.Key{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32}

const register = `mutation($in: RegisterWebhookInput!) {
  registerWebhook(input: $in) { secret webhookEndpoint { id url eventTypes disabledAt } }
}`

const history = `{ webhookEndpoints(first: 10) { totalCount edges { node { id
  deliveries { id status attempts payload nextAttemptAt finishedAt attemptLog { ok outcome durationMs } } } } } }`

// received is what an httptest receiver was sent.
type received struct {
	header http.Header
	body   []byte
}

// receiver is an https receiver that answers the statuses given, in turn,
// then 200.
type receiver struct {
	*httptest.Server
	mu       sync.Mutex
	requests []received
	answers  []int
}

func newReceiver(t *testing.T, answers ...int) *receiver {
	r := &receiver{answers: answers}
	r.Server = httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		body, _ := io.ReadAll(req.Body)
		r.mu.Lock()
		defer r.mu.Unlock()
		r.requests = append(r.requests, received{req.Header.Clone(), body})
		status := http.StatusOK
		if len(r.answers) > 0 {
			status, r.answers = r.answers[0], r.answers[1:]
		}
		if status/100 == 3 {
			w.Header().Set("Location", "https://elsewhere.invalid/")
		}
		w.WriteHeader(status)
	}))
	t.Cleanup(r.Close)
	return r
}

func (r *receiver) got() []received {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]received(nil), r.requests...)
}

// setup is a production API with a secret key, and a registered endpoint
// for published versions on an https receiver.
func setup(t *testing.T, answers ...int) (*apitest.Server, *receiver, string, string) {
	t.Helper()
	s := apitest.NewWithConfig(t, []func(*server.Config){func(c *server.Config) { c.SecretKey = &testKey }})
	rcv := newReceiver(t, answers...)
	var out struct {
		RegisterWebhook struct {
			Secret          string
			WebhookEndpoint struct{ ID string }
		}
	}
	s.OK(t, s.World.Admin, register, map[string]any{"in": map[string]any{"url": rcv.URL + "/hook", "eventTypes": []string{"VERSION_PUBLISHED"}}}, &out)
	if !strings.HasPrefix(out.RegisterWebhook.Secret, "whsec_") {
		t.Fatalf("secret %q: want whsec_…", out.RegisterWebhook.Secret)
	}
	return s, rcv, out.RegisterWebhook.Secret, out.RegisterWebhook.WebhookEndpoint.ID
}

func publish(t *testing.T, s *apitest.Server, label string) {
	t.Helper()
	s.OK(t, s.World.Secretariat, `mutation($in: PublishVersionInput!) { publishVersion(input: $in) { version { id } } }`,
		map[string]any{"in": map[string]any{"strategyID": s.World.Draft.ID, "label": label}}, nil)
}

// drain runs a worker until nothing is due.
func drain(t *testing.T, w *outbox.Worker) {
	t.Helper()
	ctx := context.Background()
	for range 100 {
		n, err := w.Work(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			return
		}
	}
	t.Fatal("the worker never ran out of work")
}

func worker(s *apitest.Server, rcv *receiver, attempts int) *outbox.Worker {
	service := webhook.Service{Key: &testKey, HTTP: rcv.Client()}
	service.HTTP.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return outbox.NewWorker(s.Client, outbox.Options{Attempts: attempts, Backoff: time.Nanosecond}, nil, service.Channel(s.Client))
}

func TestDeliveriesAreSignedPerStandardWebhooksAndRetriedWithTheirID(t *testing.T) {
	t.Parallel()
	s, rcv, secret, endpointID := setup(t, http.StatusInternalServerError)
	publish(t, s, "v-webhook")
	drain(t, worker(s, rcv, 5))

	got := rcv.got()
	if len(got) != 2 {
		t.Fatalf("the receiver got %d requests, want 2 (a 500, then its retry)", len(got))
	}
	verifier, err := standardwebhooks.NewWebhook(secret)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range got {
		if err := verifier.Verify(r.body, r.header); err != nil {
			t.Fatalf("the specification's library refuses a delivery: %v (headers %v)", err, r.header)
		}
	}
	if a, b := got[0].header.Get("webhook-id"), got[1].header.Get("webhook-id"); a == "" || a != b {
		t.Fatalf("the retry's webhook-id is %q, the first's %q: want one ID", b, a)
	}
	var body struct {
		Type string
		Data struct{ SubjectID string }
	}
	if err := json.Unmarshal(got[1].body, &body); err != nil || body.Type != "VERSION_PUBLISHED" || !strings.HasPrefix(body.Data.SubjectID, "SV") {
		t.Fatalf("body %s: want a VERSION_PUBLISHED event about a version", got[1].body)
	}
	other, _ := standardwebhooks.NewWebhook("whsec_" + strings.Repeat("A", 32))
	if other.Verify(got[1].body, got[1].header) == nil {
		t.Fatal("a delivery verifies with another secret")
	}

	var out struct {
		WebhookEndpoints struct {
			Edges []struct {
				Node struct {
					ID         string
					Deliveries []struct {
						ID, Status, Payload string
						Attempts            int
						NextAttemptAt       *string
						FinishedAt          *string
						AttemptLog          []struct {
							Ok      bool
							Outcome string
						}
					}
				}
			}
		}
	}
	s.OK(t, s.World.Admin, history, nil, &out)
	ds := out.WebhookEndpoints.Edges[0].Node.Deliveries
	if len(ds) != 1 || ds[0].ID != got[0].header.Get("webhook-id") || ds[0].Status != "DONE" || ds[0].Attempts != 2 ||
		ds[0].FinishedAt == nil || ds[0].NextAttemptAt != nil || ds[0].Payload != string(got[1].body) {
		t.Fatalf("history %+v: want one DONE delivery, its ID the webhook-id, in 2 attempts", ds)
	}
	if log := ds[0].AttemptLog; len(log) != 2 || log[0].Ok || !strings.HasPrefix(log[0].Outcome, "HTTP 500") || !log[1].Ok || log[1].Outcome != "HTTP 200" {
		t.Fatalf("attempt log %+v: want HTTP 500 then HTTP 200", log)
	}
	if out.WebhookEndpoints.Edges[0].Node.ID != endpointID {
		t.Fatal("another endpoint listed")
	}
	for _, token := range []string{s.World.Reviewer, s.World.Secretariat, ""} {
		if res := s.Do(t, token, history, nil); len(res.Errors) == 0 {
			t.Fatalf("a caller who is not an administrator read the delivery history: %s", res.Data)
		}
	}
}

func TestARedirectIsNotFollowedAndTheDeliveryDiesAfterItsAttempts(t *testing.T) {
	t.Parallel()
	s, rcv, _, _ := setup(t, http.StatusFound, http.StatusFound, http.StatusFound)
	publish(t, s, "v-redirect")
	drain(t, worker(s, rcv, 2))
	if n := len(rcv.got()); n != 2 {
		t.Fatalf("the receiver got %d requests, want 2", n)
	}
	var out struct {
		WebhookEndpoints struct {
			Edges []struct {
				Node struct {
					Deliveries []struct {
						Status     string
						AttemptLog []struct{ Ok bool }
					}
				}
			}
		}
	}
	s.OK(t, s.World.Admin, history, nil, &out)
	if d := out.WebhookEndpoints.Edges[0].Node.Deliveries; len(d) != 1 || d[0].Status != "DEAD" || len(d[0].AttemptLog) != 2 {
		t.Fatalf("deliveries %+v: want one DEAD with its 2 attempts", d)
	}
}

func TestADisabledEndpointGetsNoNewDeliveries(t *testing.T) {
	t.Parallel()
	s, rcv, _, id := setup(t)
	const disable = `mutation($in: DisableWebhookInput!) { disableWebhook(input: $in) { webhookEndpoint { disabledAt } } }`
	vars := map[string]any{"in": map[string]any{"webhookEndpointID": id}}
	s.Fails(t, s.World.Secretariat, disable, vars, "FORBIDDEN")
	s.OK(t, s.World.Admin, disable, vars, nil)
	publish(t, s, "v-disabled")
	drain(t, worker(s, rcv, 3))
	if n := len(rcv.got()); n != 0 {
		t.Fatalf("a disabled endpoint got %d deliveries", n)
	}
}

func TestRegistrationRefusals(t *testing.T) {
	t.Parallel()
	s := apitest.New(t) // production, without a secret key
	in := func(url string, types ...string) map[string]any {
		return map[string]any{"in": map[string]any{"url": url, "eventTypes": append([]string{}, types...)}}
	}
	ok := in("https://receiver.example.org/hook", "ROUND_OPENED")
	s.Fails(t, s.World.Secretariat, register, ok, "FORBIDDEN")
	s.Fails(t, s.World.Reviewer, register, ok, "FORBIDDEN")
	if res := s.Do(t, "", register, ok); res.Code() != "FORBIDDEN" && res.Code() != "UNAUTHENTICATED" {
		t.Fatalf("the public registered a webhook: %+v", res.Errors)
	}
	msg := s.Fails(t, s.World.Admin, register, ok, "BAD_USER_INPUT")
	if !strings.Contains(msg, "PALABRE_SECRET_KEY") {
		t.Fatalf("without a key: %q, want it to name PALABRE_SECRET_KEY", msg)
	}
	s.Fails(t, s.World.Admin, register, in("http://receiver.example.org/hook", "ROUND_OPENED"), "BAD_USER_INPUT")
	s.Fails(t, s.World.Admin, register, in("https://receiver.example.org/hook"), "BAD_USER_INPUT")
	s.Fails(t, s.World.Admin, register, in("https://user:pw@receiver.example.org/hook", "ROUND_OPENED"), "BAD_USER_INPUT")
	s.Fails(t, s.World.Admin, register, in("/hook", "ROUND_OPENED"), "BAD_USER_INPUT")
	ctx := access.SystemContext(context.Background())
	if n := s.Client.WebhookEndpoint.Query().CountX(ctx); n != 0 {
		t.Fatalf("refused registrations stored %d endpoints", n)
	}

	// With a key, production still refuses http; development accepts it.
	withKey := apitest.NewWithConfig(t, []func(*server.Config){func(c *server.Config) { c.SecretKey = &testKey }})
	withKey.Fails(t, withKey.World.Admin, register, in("http://receiver.example.org/hook", "ROUND_OPENED"), "BAD_USER_INPUT")
	dev := apitest.NewWithConfig(t, []func(*server.Config){func(c *server.Config) { c.Env = server.Development }})
	dev.OK(t, dev.World.Admin, register, in("http://localhost:9000/hook", "ROUND_OPENED"), nil)
}

func TestASecretSealedUnderOneKeyDoesNotOpenUnderAnother(t *testing.T) {
	t.Parallel()
	sealed, err := webhook.Seal(&testKey, "WE01", "whsec_c2VjcmV0")
	if err != nil {
		t.Fatal(err)
	}
	if got, err := webhook.Unseal(&testKey, "WE01", sealed); err != nil || got != "whsec_c2VjcmV0" {
		t.Fatalf("unsealed %q, %v", got, err)
	}
	if _, err := webhook.Unseal(&webhook.DevelopmentKey, "WE01", sealed); err == nil {
		t.Fatal("another key opened a sealed secret")
	}
	if _, err := webhook.Unseal(&testKey, "WE02", sealed); err == nil {
		t.Fatal("a secret sealed for one endpoint opened for another")
	}
}
