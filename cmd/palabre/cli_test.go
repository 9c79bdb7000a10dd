package server_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lib/pq"

	"github.com/palabre/palabre/access"
	"github.com/palabre/palabre/auth"
	"github.com/palabre/palabre/database"
	"github.com/palabre/palabre/database/dbtest"
	"github.com/palabre/palabre/server"
)

// run runs the command line and returns its exit status and outputs.
func run(ctx context.Context, args ...string) (code int, stdout, stderr string) {
	var out, errOut bytes.Buffer
	code = server.Main(ctx, args, &out, &errOut)
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
// the command line to open: a SQLite file, or a fresh PostgreSQL schema when
// PALABRE_TEST_DATABASE_URL is set. (dbtest gives clients, not URLs.)
func databaseURL(t *testing.T) string {
	t.Helper()
	serverURL := os.Getenv(dbtest.EnvURL)
	if serverURL == "" {
		return filepath.Join(t.TempDir(), "palabre.db")
	}
	db, _, err := database.OpenDB(context.Background(), serverURL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	suffix := make([]byte, 8)
	rand.Read(suffix)
	schema := "palabre_cli_test_" + hex.EncodeToString(suffix)
	if _, err := db.Exec("CREATE SCHEMA " + pq.QuoteIdentifier(schema)); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if _, err := db.Exec("DROP SCHEMA " + pq.QuoteIdentifier(schema) + " CASCADE"); err != nil {
			t.Errorf("dropping %s: %v", schema, err)
		}
	})
	u, err := url.Parse(serverURL)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}
