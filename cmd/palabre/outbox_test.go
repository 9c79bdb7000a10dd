package main

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"

	standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"

	"github.com/palabre/palabre/database"
	"github.com/palabre/palabre/database/dbtest"
	"github.com/palabre/palabre/internal/apitest"
)

// A crash loses no notification (issue 12): a real `palabre serve` is killed
// (SIGKILL) while a webhook delivery is on the wire, and the one started after
// it delivers that notification, with the same webhook-id and a valid
// signature, once the crashed worker's lease has passed.
func TestOutboxSurvives(t *testing.T) {
	url := dbtest.URL(t)
	ctx := context.Background()
	if code := Main(ctx, []string{"migrate", "--database", url}, io.Discard, io.Discard); code != 0 {
		t.Fatalf("migrate exited with %d", code)
	}
	client, err := database.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	world := apitest.Build(t, client)

	// The receiver holds its first request unanswered, and answers later ones.
	type request struct {
		header http.Header
		body   []byte
	}
	var (
		mu        sync.Mutex
		requests  []request
		inFlight  = make(chan struct{})
		delivered = make(chan struct{}, 10)
		release   = make(chan struct{})
	)
	receiver := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		mu.Lock()
		requests = append(requests, request{r.Header.Clone(), body})
		first := len(requests) == 1
		mu.Unlock()
		if first {
			close(inFlight)
			select {
			case <-release:
			case <-r.Context().Done():
			}
			return
		}
		delivered <- struct{}{}
	}))
	defer receiver.Close()
	defer close(release)

	binary := filepath.Join(t.TempDir(), "palabre")
	if out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	env := []string{"PALABRE_DATABASE_URL=" + url, "PALABRE_ENV=development",
		"PALABRE_SECRET_KEY=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=", "PALABRE_OUTBOX_LEASE=16s"}
	first, cmd := startServe(t, binary, env, world)

	var reg struct {
		RegisterWebhook struct{ Secret string }
	}
	first.OK(t, world.Admin, `mutation($in: RegisterWebhookInput!) { registerWebhook(input: $in) { secret } }`,
		map[string]any{"in": map[string]any{"url": receiver.URL, "eventTypes": []string{"VERSION_PUBLISHED"}}}, &reg)
	publishThrough(t, first, world, "avant la panne")
	<-inFlight
	if err := cmd.Process.Kill(); err != nil { // SIGKILL: no shutdown at all
		t.Fatal(err)
	}
	_ = cmd.Wait()

	startServe(t, binary, env, world)
	<-delivered
	mu.Lock()
	defer mu.Unlock()
	if len(requests) != 2 {
		t.Fatalf("the receiver got %d requests, want 2", len(requests))
	}
	if a, b := requests[0].header.Get("webhook-id"), requests[1].header.Get("webhook-id"); a == "" || a != b {
		t.Fatalf("after the crash the webhook-id is %q, before it %q: want the same", b, a)
	}
	verifier, err := standardwebhooks.NewWebhook(reg.RegisterWebhook.Secret)
	if err != nil {
		t.Fatal(err)
	}
	if err := verifier.Verify(requests[1].body, requests[1].header); err != nil {
		t.Fatalf("the delivery after the crash does not verify: %v", err)
	}
}

// startServe runs `palabre serve` with env until the test ends.
func startServe(t *testing.T, binary string, env []string, world *apitest.World) (*apitest.Server, *exec.Cmd) {
	t.Helper()
	cmd := exec.Command(binary, "serve", "--addr", "127.0.0.1:0")
	cmd.Env = append(os.Environ(), env...)
	return serveCommand(t, cmd, world), cmd
}
