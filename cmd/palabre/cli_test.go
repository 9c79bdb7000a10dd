package main

import (
	"bytes"
	"context"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/palabre/palabre/access"
	"github.com/palabre/palabre/auth"
	"github.com/palabre/palabre/database"
	"github.com/palabre/palabre/database/dbtest"
	"github.com/palabre/palabre/server"
)

// run runs the command line and returns its exit status and outputs.
func run(ctx context.Context, args ...string) (code int, stdout, stderr string) {
	var out, errOut bytes.Buffer
	code = Main(ctx, args, &out, &errOut)
	return code, out.String(), errOut.String()
}

// mustRun runs a command that must succeed and returns its standard output.
func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	code, stdout, stderr := run(context.Background(), args...)
	if code != 0 {
		t.Fatalf("palabre %s: exit %d: %s", strings.Join(args, " "), code, stderr)
	}
	return stdout
}

func TestAccountAndTokenCommandsGiveATokenThatAuthenticates(t *testing.T) {
	t.Parallel()
	db := databaseURL(t)
	mustRun(t, "migrate", "--database", db)
	mustRun(t, "account", "create", "--database", db, "--email", "revue@primature.sn", "--name", "Aminata Sow", "--role", "reviewer")
	token := strings.TrimSpace(mustRun(t, "token", "create", "--database", db, "--email", "revue@primature.sn", "--expires", "720h", "--label", "tableau de bord"))
	if !strings.HasPrefix(token, auth.TokenPrefix) || strings.ContainsAny(token, " \n") {
		t.Fatalf("standard output must hold the token alone, got %q", token)
	}

	client, err := database.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	viewer, err := access.Authenticate(context.Background(), client, token)
	if err != nil || viewer.Role != auth.RoleReviewer {
		t.Fatalf("the printed token does not authenticate: %v, %v", viewer, err)
	}

	mustRun(t, "token", "revoke", "--database", db, "--email", "revue@primature.sn")
	if _, err := access.Authenticate(context.Background(), client, token); err == nil {
		t.Fatal("a revoked token still authenticates")
	}
}

func TestTokenRevokeByID(t *testing.T) {
	t.Parallel()
	db := databaseURL(t)
	mustRun(t, "migrate", "--database", db)
	mustRun(t, "account", "create", "--database", db, "--email", "admin@numerique.gouv.sn", "--name", "Moussa Fall", "--role", "ADMIN")
	code, token, stderr := run(context.Background(), "token", "create", "--database", db, "--email", "admin@numerique.gouv.sn")
	if code != 0 {
		t.Fatal(stderr)
	}
	// The ID to revoke with is told on standard error.
	id := strings.TrimSuffix(stderr[strings.Index(stderr, "--id ")+len("--id "):], ")\n")
	mustRun(t, "token", "revoke", "--database", db, "--id", id)

	client, err := database.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	if _, err := access.Authenticate(context.Background(), client, strings.TrimSpace(token)); err == nil {
		t.Fatal("a revoked token still authenticates")
	}
	if code, _, stderr := run(context.Background(), "token", "revoke", "--database", db, "--id", "AT01ARZ3NDEKTSV4RRFFQ69G5FAV"); code != 1 || !strings.Contains(stderr, "no token") {
		t.Fatalf("revoking an unknown token: exit %d: %s", code, stderr)
	}
}

func TestAccountCreateRefusesAnUnknownRole(t *testing.T) {
	t.Parallel()
	db := databaseURL(t)
	code, _, stderr := run(context.Background(), "account", "create", "--database", db, "--email", "x@y.sn", "--name", "X", "--role", "minister")
	if code != 2 || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, `"minister"`) || !strings.Contains(stderr, "reviewer") {
		t.Fatalf("exit %d: %q", code, stderr)
	}
}

func TestAccountCreateNeedsItsFlags(t *testing.T) {
	t.Parallel()
	code, _, stderr := run(context.Background(), "account", "create", "--email", "x@y.sn")
	if code != 2 || !strings.Contains(stderr, "--name is required") {
		t.Fatalf("exit %d: %q", code, stderr)
	}
}

func TestUnreachableDatabaseIsOneLine(t *testing.T) {
	t.Parallel()
	for _, db := range []string{
		"postgres://palabre:secret@127.0.0.1:1/palabre?sslmode=disable",
		filepath.Join(t.TempDir(), "no", "such", "dir", "palabre.db"),
	} {
		for _, args := range [][]string{{"migrate"}, {"serve"}, {"token", "create", "--email", "x@y.sn"}} {
			code, stdout, stderr := run(context.Background(), append(args, "--database", db)...)
			if code != 1 || strings.Count(stderr, "\n") != 1 || stdout != "" {
				t.Errorf("%v on %s: exit %d, stdout %q, stderr %q", args, db, code, stdout, stderr)
			}
			if strings.Contains(stderr, "secret") {
				t.Errorf("the password is printed: %q", stderr)
			}
		}
	}
}

func TestUnknownCommandPrintsTheUsage(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{{}, {"deploy"}, {"token"}, {"seed", "prod"}} {
		code, stdout, stderr := run(context.Background(), args...)
		if code != 2 || stdout != "" || !strings.Contains(stderr, "usage: palabre") {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", args, code, stdout, stderr)
		}
	}
}

func TestBadFlagPrintsTheCommandUsage(t *testing.T) {
	t.Parallel()
	code, _, stderr := run(context.Background(), "migrate", "--databse", "x.db")
	if code != 2 || !strings.Contains(stderr, "usage: palabre migrate") {
		t.Fatalf("exit %d: %q", code, stderr)
	}
}

func TestBadEnvironmentValueIsOneLine(t *testing.T) {
	t.Setenv("PALABRE_MAX_BODY_BYTES", "lots")
	code, _, stderr := run(context.Background(), "serve")
	if code != 2 || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, "PALABRE_MAX_BODY_BYTES") {
		t.Fatalf("exit %d: %q", code, stderr)
	}
}

func TestSeedDemoTwiceIsRefused(t *testing.T) {
	t.Parallel()
	db := databaseURL(t)
	out := mustRun(t, "seed", "demo", "--database", db)
	if strings.Count(out, auth.TokenPrefix) < 4 {
		t.Fatalf("want one token per role, got:\n%s", out)
	}
	if code, _, stderr := run(context.Background(), "seed", "demo", "--database", db); code != 1 || !strings.Contains(stderr, "already") {
		t.Fatalf("second seed: exit %d: %s", code, stderr)
	}
}

// databaseURL returns the URL of an empty database private to the test, for
// the command line to open.
func databaseURL(t *testing.T) string {
	t.Helper()
	return dbtest.URL(t)
}

func TestTokenCreateExpiresIn90DaysUnlessToldOtherwise(t *testing.T) {
	t.Parallel()
	db := databaseURL(t)
	mustRun(t, "migrate", "--database", db)
	mustRun(t, "account", "create", "--database", db, "--email", "suivi@primature.sn", "--name", "Fatou Ba", "--role", "reviewer")
	expiry := func(args ...string) (stderr string, from, to time.Time) {
		t.Helper()
		from = time.Now().UTC().Truncate(time.Second)
		code, _, stderr := run(context.Background(), append([]string{"token", "create", "--database", db, "--email", "suivi@primature.sn"}, args...)...)
		to = time.Now().UTC()
		if code != 0 {
			t.Fatalf("token create %v: exit %d: %s", args, code, stderr)
		}
		return stderr, from, to
	}
	expiresAt := func(stderr string) time.Time {
		t.Helper()
		m := regexp.MustCompile(`expires (\S+);`).FindStringSubmatch(stderr)
		if m == nil {
			t.Fatalf("no expiry said: %q", stderr)
		}
		at, err := time.Parse(time.RFC3339, m[1])
		if err != nil {
			t.Fatal(err)
		}
		return at
	}
	for _, c := range []struct {
		args     []string
		lifetime time.Duration
	}{
		{nil, 90 * 24 * time.Hour},
		{[]string{"--expires", "30d"}, 30 * 24 * time.Hour},
		{[]string{"--expires", "12h"}, 12 * time.Hour},
	} {
		stderr, from, to := expiry(c.args...)
		if at := expiresAt(stderr); at.Before(from.Add(c.lifetime)) || at.After(to.Add(c.lifetime)) {
			t.Errorf("%v: expires at %s, want %s after creation", c.args, at, c.lifetime)
		}
	}
	if stderr, _, _ := expiry("--expires", "never"); !strings.Contains(stderr, "never expires") {
		t.Errorf("--expires never: %q", stderr)
	}
	for _, bad := range []string{"0", "-1h", "soon", "0d"} {
		if code, _, stderr := run(context.Background(), "token", "create", "--database", db, "--email", "suivi@primature.sn", "--expires", bad); code != 2 || !strings.Contains(stderr, "never") {
			t.Errorf("--expires %s: exit %d: %q", bad, code, stderr)
		}
	}
}

// TestServeTakesAFlagForEverySetting: the flags of serve come from the
// server's one table of settings; the other commands take --database only.
func TestServeTakesAFlagForEverySetting(t *testing.T) {
	t.Parallel()
	_, _, usage := run(context.Background(), "serve", "-h")
	for _, s := range server.Settings() {
		if !strings.Contains(usage, "  -"+s.Flag+" ") || !strings.Contains(usage, "("+s.Env+")") {
			t.Errorf("serve -h does not offer --%s (%s)", s.Flag, s.Env)
		}
	}
	_, _, usage = run(context.Background(), "verify", "-h")
	if !strings.Contains(usage, "-database") || strings.Contains(usage, "-max-depth") {
		t.Errorf("verify -h:\n%s", usage)
	}
}

func TestAccountPasswordLinkSetsThePasswordOnce(t *testing.T) {
	t.Parallel()
	db := databaseURL(t)
	mustRun(t, "migrate", "--database", db)
	mustRun(t, "account", "create", "--database", db, "--email", "point.focal@anssi.sn", "--name", "Ibrahima Fall", "--role", "reviewer")
	out := mustRun(t, "account", "password-link", "--database", db, "--email", "point.focal@anssi.sn", "--base-url", "https://palabre.example.sn")
	_, link, ok := strings.Cut(strings.TrimSpace(out), "\n")
	secret, found := strings.CutPrefix(link, "https://palabre.example.sn/set-password#")
	if !ok || !found || !strings.HasPrefix(secret, auth.TokenPrefix) {
		t.Fatalf("the link is not on the output's second line: %q", out)
	}
	client, err := database.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	ctx := context.Background()
	if _, err := access.SetPassword(ctx, client, secret, "un mot de passe assez long"); err != nil {
		t.Fatalf("the printed link does not set a password: %v", err)
	}
	if _, err := access.SetPassword(ctx, client, secret, "un autre mot de passe long"); err == nil {
		t.Fatal("a link worked twice")
	}
	if _, _, err := access.SignIn(ctx, client, "point.focal@anssi.sn", "un mot de passe assez long", access.SessionPolicy{Idle: time.Minute, Lifetime: time.Hour}); err != nil {
		t.Fatalf("sign-in with the password: %v", err)
	}
	if code, _, stderr := run(ctx, "account", "password-link", "--database", db, "--email", "personne@nulle.part"); code != 1 || !strings.Contains(stderr, "no account has the e-mail") {
		t.Errorf("an unknown e-mail: %d %s", code, stderr)
	}
}
