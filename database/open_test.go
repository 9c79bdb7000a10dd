package database_test

import (
	"context"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"entgo.io/ent/dialect"

	"github.com/palabre/palabre/database"
)

// TestOpenUnreachablePostgres: a database that does not answer gives one line
// that names it and the reason, and never the password.
func TestOpenUnreachablePostgres(t *testing.T) {
	t.Parallel()
	const secret = "s3cr3t-Pa55"
	for _, url := range []string{
		"postgres://palabre:" + secret + "@127.0.0.1:1/palabre?sslmode=disable",
		"postgresql://127.0.0.1:1/palabre?sslmode=disable&user=palabre&password=" + secret,
	} {
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		client, err := database.Open(ctx, url)
		cancel()
		if err == nil {
			client.Close()
			t.Fatalf("Open(%s) succeeded", database.Redact(url))
		}
		msg := err.Error()
		t.Log(msg)
		if strings.Contains(msg, secret) {
			t.Errorf("the error shows the password: %s", msg)
		}
		if strings.Contains(msg, "\n") {
			t.Errorf("the error is more than one line: %q", msg)
		}
		if !strings.HasPrefix(msg, "database: cannot reach postgres") || !strings.HasSuffix(msg, "127.0.0.1:1/palabre: connection refused") &&
			!strings.HasSuffix(msg, ": connection refused") {
			t.Errorf("want «database: cannot reach <url>: connection refused», got %q", msg)
		}
	}
}

// TestOpenBadSQLite: a file that cannot be opened, or is not a database, is
// named in one line.
func TestOpenBadSQLite(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	notDB := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(notDB, []byte(strings.Repeat("pas une base de données\n", 200)), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{filepath.Join(dir, "missing", "palabre.db"), notDB} {
		client, err := database.Open(context.Background(), path)
		if err == nil {
			client.Close()
			t.Fatalf("Open(%s) succeeded", path)
		}
		msg := err.Error()
		t.Log(msg)
		if !strings.HasPrefix(msg, "database: cannot open "+path+": ") || strings.Contains(msg, "\n") {
			t.Errorf("want one line «database: cannot open %s: <reason>», got %q", path, msg)
		}
	}
}

// TestOpenCreatesSQLiteFile: the default store needs no setup.
func TestOpenCreatesSQLiteFile(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "palabre.db")
	client, err := database.Open(context.Background(), "sqlite://"+path)
	if err != nil {
		t.Fatal(err)
	}
	client.Close()
	if _, err := os.Stat(path); err != nil {
		t.Errorf("the database file was not created: %v", err)
	}
}

func TestDialect(t *testing.T) {
	t.Parallel()
	for url, want := range map[string]string{
		"":                              dialect.SQLite,
		"palabre.db":                    dialect.SQLite,
		"/var/lib/palabre/palabre.db":   dialect.SQLite,
		"file:palabre.db?cache=private": dialect.SQLite,
		"sqlite:///var/lib/palabre.db":  dialect.SQLite,
		"postgres://u@h/db":             dialect.Postgres,
		"postgresql://u@h:5432/db":      dialect.Postgres,
		"mysql://u@h/db":                "",
		":memory:":                      "",
		"host=localhost dbname=palabre": "",
	} {
		got, err := database.Dialect(url)
		if want == "" {
			if err == nil {
				t.Errorf("Dialect(%q) = %q, want an error", url, got)
			}
			continue
		}
		if err != nil || got != want {
			t.Errorf("Dialect(%q) = %q, %v; want %q", url, got, err, want)
		}
	}
}

func TestRedact(t *testing.T) {
	t.Parallel()
	for url, want := range map[string]string{
		"postgres://palabre:secret@db:5432/palabre?sslmode=require": "postgres://palabre:xxxxx@db:5432/palabre?sslmode=require",
		"postgres://db/palabre?user=palabre&password=secret":        "postgres://db/palabre?password=xxxxx&user=palabre",
		"postgres://palabre:se%cret@db/palabre":                     "postgres://xxxxx@db/palabre",
		"postgres://palabre@db/palabre":                             "postgres://palabre@db/palabre",
	} {
		if got := database.Redact(url); got != want {
			t.Errorf("Redact(%q) = %q, want %q", url, got, want)
		}
		if strings.Contains(database.Redact(url), "secret") || strings.Contains(database.Redact(url), "cret") {
			t.Errorf("Redact(%q) shows the password", url)
		}
	}
}

// TestOpenSilentServer: a server that accepts connections and never answers
// (a wedged database, a wrong port behind a proxy) must not hang start-up.
func TestOpenSilentServer(t *testing.T) {
	t.Parallel()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			defer c.Close()
		}
	}()
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	start := time.Now()
	client, err := database.Open(ctx, "postgres://palabre@"+l.Addr().String()+"/palabre?sslmode=disable")
	if err == nil {
		client.Close()
		t.Fatal("Open succeeded on a silent server")
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("Open took %v with a 1s context", took)
	}
	if !strings.HasSuffix(err.Error(), ": no answer in time") {
		t.Errorf("got %q", err)
	}
}
