package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/palabre/palabre/auth"
)

// serveOnce runs `palabre serve` with args until it has printed its address,
// checks that it answers there, stops it as SIGTERM would, and returns what
// it printed: its standard output, then its log (standard error).
func serveOnce(t *testing.T, args ...string) string {
	t.Helper()
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	stdoutR, stdoutW := io.Pipe()
	var stderr bytes.Buffer // read only once Main has returned
	exit := make(chan int, 1)
	go func() {
		code := Main(ctx, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...), stdoutW, &stderr)
		stdoutW.Close()
		exit <- code
	}()

	// Read standard output up to the line with the address; keep reading the
	// rest until the command ends.
	var out strings.Builder
	lines := bufio.NewScanner(stdoutR)
	for !strings.HasSuffix(out.String(), "/graphql\n") && lines.Scan() {
		out.WriteString(lines.Text() + "\n")
	}
	rest := make(chan string, 1)
	go func() {
		b, _ := io.ReadAll(stdoutR)
		rest <- string(b)
	}()
	base := regexp.MustCompile(`http://127\.0\.0\.1:\d+`).FindString(out.String())
	if base == "" {
		code := <-exit
		t.Fatalf("serve stopped with %d: %s%s", code, out.String(), stderr.String())
	}
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
		t.Fatalf("serve exited with %d: %s", code, stderr.String())
	}
	return out.String() + <-rest + stderr.String()
}

func TestServeWithSeedDemoSeedsAnEmptyDatabaseOnce(t *testing.T) {
	t.Parallel()
	db := databaseURL(t)
	first := serveOnce(t, "--env", "development", "--seed-demo", "--database", db)
	if strings.Count(first, auth.TokenPrefix) < 4 || !strings.Contains(first, "GraphiQL: http://127.0.0.1:") || !strings.Contains(first, "/graphiql\n") || !strings.Contains(first, "Web console: http://127.0.0.1:") {
		t.Fatalf("first start printed:\n%s", first)
	}
	second := serveOnce(t, "--env", "development", "--seed-demo", "--database", db)
	if strings.Contains(second, auth.TokenPrefix) || !strings.Contains(second, "already holds data") || strings.Contains(second, noSMTP) {
		t.Fatalf("second start printed:\n%s", second)
	}
}

func TestServeInProductionOffersNoGraphiQL(t *testing.T) {
	t.Parallel()
	out := serveOnce(t, "--database", databaseURL(t))
	if strings.Contains(out, "GraphiQL") {
		t.Fatalf("printed:\n%s", out)
	}
}

// noSMTP is the warning of a server in production without PALABRE_SMTP_URL.
const noSMTP = "no PALABRE_SMTP_URL: e-mails are written to the log, not sent"

// In production, a server without an SMTP server warns that e-mails are only
// logged; with one, it does not.
func TestServeInProductionWarnsWithoutAnSMTPServer(t *testing.T) {
	t.Parallel()
	if out := serveOnce(t, "--database", databaseURL(t)); !strings.Contains(out, noSMTP) {
		t.Errorf("without PALABRE_SMTP_URL, printed:\n%s", out)
	}
	out := serveOnce(t, "--database", databaseURL(t), "--smtp-url", "smtp://mail.example.sn:587?starttls=true",
		"--mail-from", "palabre@plan.example.sn", "--public-url", "https://plan.example.sn")
	if strings.Contains(out, noSMTP) {
		t.Errorf("with PALABRE_SMTP_URL, printed:\n%s", out)
	}
}

func TestSeedDemoIsRefusedInProduction(t *testing.T) {
	t.Parallel()
	code, _, stderr := run(context.Background(), "serve", "--seed-demo", "--database", databaseURL(t))
	if code != 2 || !strings.Contains(stderr, "development") {
		t.Fatalf("exit %d: %s", code, stderr)
	}
}
