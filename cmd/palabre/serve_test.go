package server_test

import (
	"context"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/palabre/palabre/auth"
	"github.com/palabre/palabre/server"
)

// serve runs `palabre serve` with args until it has printed its address,
// checks that it answers there, stops it as SIGTERM would, and returns what
// it printed.
func serve(t *testing.T, args ...string) string {
	t.Helper()
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	stdout, stderr := &syncBuffer{}, &syncBuffer{}
	exit := make(chan int, 1)
	go func() {
		exit <- server.Main(ctx, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...), stdout, stderr)
	}()

	var out string
	for out == "" {
		select {
		case code := <-exit:
			t.Fatalf("serve stopped with %d: %s%s", code, stdout, stderr)
		default:
			if s := stdout.String(); strings.Contains(s, "/graphql\n") {
				out = s
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	base := regexp.MustCompile(`http://127\.0\.0\.1:\d+`).FindString(out)
	res, err := http.Get(base + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("readyz: %d", res.StatusCode)
	}
	stop()
	if code := <-exit; code != 0 {
		t.Fatalf("serve exited with %d: %s", code, stderr)
	}
	return out
}

func TestServeWithSeedDemoSeedsAnEmptyDatabaseOnce(t *testing.T) {
	t.Parallel()
	db := databaseURL(t)
	first := serve(t, "--env", "development", "--seed-demo", "--database", db)
	if strings.Count(first, auth.TokenPrefix) < 4 || !strings.Contains(first, "GraphiQL: http://127.0.0.1:") {
		t.Fatalf("first start printed:\n%s", first)
	}
	second := serve(t, "--env", "development", "--seed-demo", "--database", db)
	if strings.Contains(second, auth.TokenPrefix) || !strings.Contains(second, "already holds data") {
		t.Fatalf("second start printed:\n%s", second)
	}
}

func TestServeInProductionOffersNoGraphiQL(t *testing.T) {
	t.Parallel()
	out := serve(t, "--database", databaseURL(t))
	if strings.Contains(out, "GraphiQL") {
		t.Fatalf("printed:\n%s", out)
	}
}

func TestSeedDemoIsRefusedInProduction(t *testing.T) {
	t.Parallel()
	code, _, stderr := run(context.Background(), "serve", "--seed-demo", "--database", databaseURL(t))
	if code != 2 || !strings.Contains(stderr, "development") {
		t.Fatalf("exit %d: %s", code, stderr)
	}
}
