package dbtest

import (
	"context"
	"io"
	"net"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/palabre/palabre/database"
)

// registry remembers, per test, the PostgreSQL schemas or SQLite files it
// opened, for the helpers below.
type registry struct {
	mu    sync.Mutex
	names map[testing.TB][]string
}

func (r *registry) add(t testing.TB, name string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.names == nil {
		r.names = map[testing.TB][]string{}
	}
	r.names[t] = append(r.names[t], name)
	t.Cleanup(func() {
		r.mu.Lock()
		defer r.mu.Unlock()
		delete(r.names, t)
	})
}

func (r *registry) of(t testing.TB) []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.names[t]...)
}

var schemas, files registry

// BreakConnections does to t's PostgreSQL databases what a server restart or
// a failover does to a pool: it ends, from another connection, every
// connection they have open (found by their application_name, the schema's
// name; other tests' connections are left alone). It returns how many it
// ended. On SQLite, which has no connections to break, it fails the test.
func BreakConnections(t testing.TB) int {
	t.Helper()
	names := schemas.of(t)
	if len(names) == 0 {
		t.Fatal("dbtest.BreakConnections: t has no PostgreSQL database")
	}
	admin, err := adminFor(os.Getenv(EnvURL))
	if err != nil {
		t.Fatalf("dbtest.BreakConnections: %v", err)
	}
	n := 0
	for _, name := range names {
		var ended int
		err := admin.QueryRow(`SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
			WHERE application_name = $1 AND pid <> pg_backend_pid()`, name).Scan(&ended)
		if err != nil {
			t.Fatalf("ending the connections of %s: %v", name, err)
		}
		n += ended
		// pg_terminate_backend only signals: wait until they are gone, as
		// they are once a server has restarted.
		for gone := false; !gone; {
			if err := admin.QueryRow(`SELECT NOT EXISTS (SELECT 1 FROM pg_stat_activity
				WHERE application_name = $1 AND pid <> pg_backend_pid())`, name).Scan(&gone); err != nil {
				t.Fatalf("waiting for the connections of %s to end: %v", name, err)
			}
		}
	}
	return n
}

// HoldWriteLock takes SQLite's write lock on t's database from another
// connection, as another process writing would, until release is called (or
// t ends). Writers of the database then wait for its busy timeout and fail
// with "database is locked"; readers go on (WAL). On PostgreSQL it fails the
// test.
func HoldWriteLock(t testing.TB) (release func()) {
	t.Helper()
	names := files.of(t)
	if len(names) != 1 || os.Getenv(EnvURL) != "" {
		t.Fatal("dbtest.HoldWriteLock: t has no SQLite database of its own")
	}
	db, _, err := database.OpenDB(context.Background(), names[0])
	if err != nil {
		t.Fatal(err)
	}
	conn, err := db.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.ExecContext(context.Background(), "BEGIN IMMEDIATE"); err != nil {
		t.Fatalf("taking the write lock: %v", err)
	}
	var once sync.Once
	release = func() {
		once.Do(func() {
			_, _ = conn.ExecContext(context.Background(), "ROLLBACK")
			conn.Close()
			db.Close()
		})
	}
	t.Cleanup(release)
	return release
}

// Relay is a TCP relay between a test's pool and PostgreSQL, which the test
// can take down and bring back up: what a PostgreSQL restart looks like from
// the pool (connections cut, new ones refused), without touching the server
// that other tests share.
type Relay struct {
	t      testing.TB
	mu     sync.Mutex
	addr   string // where the relay listens
	target string // the PostgreSQL server
	ln     net.Listener
	conns  map[net.Conn]bool
}

// NewRelay returns a relay, up, for Via.
func NewRelay(t testing.TB) *Relay {
	t.Helper()
	r := &Relay{t: t, conns: map[net.Conn]bool{}}
	t.Cleanup(r.Down)
	return r
}

// Via makes the PostgreSQL database of Open reach the server through r.
// SQLite ignores it.
func Via(r *Relay) Option {
	return func(c *config) { c.relay = r }
}

// route starts the relay towards the server of rawURL and returns the URL
// that goes through it.
func (r *Relay) route(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		r.t.Fatal(err)
	}
	r.target = u.Host
	if !strings.Contains(r.target, ":") {
		r.target += ":5432"
	}
	r.addr = "127.0.0.1:0"
	r.Up()
	u.Host = r.addr
	return u.String()
}

// Up starts accepting connections again, on the same address.
func (r *Relay) Up() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.ln != nil {
		return
	}
	ln, err := net.Listen("tcp", r.addr)
	if err != nil {
		r.t.Fatalf("relay: %v", err)
	}
	r.ln, r.addr = ln, ln.Addr().String()
	go r.accept(ln)
}

// Down cuts every connection and refuses new ones until Up.
func (r *Relay) Down() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.ln != nil {
		r.ln.Close()
		r.ln = nil
	}
	for c := range r.conns {
		c.Close()
	}
	r.conns = map[net.Conn]bool{}
}

func (r *Relay) accept(ln net.Listener) {
	for {
		client, err := ln.Accept()
		if err != nil {
			return
		}
		server, err := net.Dial("tcp", r.target)
		if err != nil {
			client.Close()
			continue
		}
		r.mu.Lock()
		if r.ln != ln { // taken down meanwhile
			r.mu.Unlock()
			client.Close()
			server.Close()
			return
		}
		r.conns[client], r.conns[server] = true, true
		r.mu.Unlock()
		go pipe(client, server)
		go pipe(server, client)
	}
}

func pipe(dst, src net.Conn) {
	_, _ = io.Copy(dst, src)
	dst.Close()
	src.Close()
}
