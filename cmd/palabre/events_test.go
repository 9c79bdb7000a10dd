package main

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"entgo.io/ent/dialect"

	"github.com/palabre/palabre/database"
	"github.com/palabre/palabre/database/dbtest"
	"github.com/palabre/palabre/events"
	"github.com/palabre/palabre/internal/apitest"
)

// Events between instances (issue 12): two `palabre serve` processes on one
// PostgreSQL database. A change made through one reaches a subscriber of the
// other by LISTEN/NOTIFY only (the poll is set to an hour), and still does
// after PostgreSQL ends the listeners' connections, as a restart would.
func TestEventsTravelBetweenInstancesAndSurviveLostListeners(t *testing.T) {
	if dbtest.Dialect() != dialect.Postgres {
		t.Skip("LISTEN/NOTIFY is PostgreSQL's; on SQLite one process serves, and its own commits wake it (graph/events_test.go)")
	}
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

	binary := filepath.Join(t.TempDir(), "palabre")
	if out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	a := startInstance(t, binary, url, world)
	b := startInstance(t, binary, url, world)

	sock := b.Connect(t, world.Reviewer)
	sock.Subscribe("1", `subscription { events(kinds: [VERSION_PUBLISHED]) { sequence subject { id } } }`, nil)
	// Once a change made through b itself reaches the subscriber, b's hub
	// holds the subscription.
	publishThrough(t, b, world, "sonde")
	sock.Result("1")

	// The latency from commit to event on the other instance lies between
	// the time from the mutation's answer (after its commit) and the time
	// from its request; logged, not asserted.
	var fromAnswer, fromRequest []time.Duration
	for i := range 20 {
		requested := time.Now()
		publishThrough(t, a, world, fmt.Sprintf("depuis l'autre instance %d", i))
		answered := time.Now()
		if res := sock.Result("1"); len(res.Errors) > 0 {
			t.Fatalf("the event from the other instance: %+v", res.Errors)
		}
		fromAnswer, fromRequest = append(fromAnswer, time.Since(answered)), append(fromRequest, time.Since(requested))
	}
	slices.Sort(fromAnswer)
	slices.Sort(fromRequest)
	t.Logf("commit to event on the other instance, median of 20: between %v (from the answer) and %v (from the request); slowest %v",
		fromAnswer[10], fromRequest[10], fromRequest[19])

	// PostgreSQL ends the listener's connection, as a restart does: b's (a
	// has no subscriber, so it does not listen).
	admin, err := sql.Open("postgres", url)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	var ended int
	err = admin.QueryRow(`SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
		WHERE datname = current_database() AND application_name = $1`, events.ListenerName).Scan(&ended)
	if err != nil || ended != 1 {
		t.Fatalf("ended %d listeners (want 1): %v", ended, err)
	}
	waitFor(t, "the listener to reconnect", func() bool {
		var n int
		_ = admin.QueryRow(`SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1`, events.ListenerName).Scan(&n)
		return n == 1
	})
	publishThrough(t, a, world, "après la reconnexion")
	if res := sock.Result("1"); len(res.Errors) > 0 {
		t.Fatalf("the event after the reconnection: %+v", res.Errors)
	}
}

// startInstance runs `palabre serve` on the database until the test ends,
// with the poll of events set to an hour.
func startInstance(t *testing.T, binary, url string, world *apitest.World) *apitest.Server {
	t.Helper()
	cmd := exec.Command(binary, "serve", "--addr", "127.0.0.1:0")
	cmd.Env = append(os.Environ(), "PALABRE_DATABASE_URL="+url, "PALABRE_EVENTS_POLL=1h")
	return serveCommand(t, cmd, world)
}

// serveCommand starts a `palabre serve` command, stopped when the test ends,
// and returns the API it serves once it prints its address.
func serveCommand(t *testing.T, cmd *exec.Cmd, world *apitest.World) *apitest.Server {
	t.Helper()
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = testLog{t}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Signal(os.Interrupt)
		_ = cmd.Wait()
	})
	lines := bufio.NewScanner(stdout)
	for lines.Scan() {
		if base := regexp.MustCompile(`http://127\.0\.0\.1:\d+/graphql`).FindString(lines.Text()); base != "" {
			go io.Copy(io.Discard, stdout)
			return &apitest.Server{URL: base, World: world}
		}
	}
	t.Fatal("serve ended before printing its address")
	return nil
}

// publishThrough publishes a version of the draft strategy through an instance.
func publishThrough(t *testing.T, s *apitest.Server, world *apitest.World, label string) {
	t.Helper()
	s.OK(t, world.Secretariat, `mutation($in: PublishVersionInput!) { publishVersion(input: $in) { version { id } } }`,
		map[string]any{"in": map[string]any{"strategyID": world.Draft.ID, "label": label}}, nil)
}

// waitFor waits until cond holds, for 30 seconds at most.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("waited in vain for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// testLog sends a process's standard error to the test's log.
type testLog struct{ t *testing.T }

func (w testLog) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}
