package graph_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"entgo.io/ent/dialect"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/database/dbtest"
	"github.com/palabre/palabre/internal/apitest"
)

const createAgency = `mutation { createAgency(input: {name: "Commission de protection des données", acronym: "CDP", kind: REGULATOR, country: "SN"}) { agency { id } } }`

// mustBeUnavailable checks a 503 UNAVAILABLE answer that says when to retry.
func mustBeUnavailable(t *testing.T, res httpResult) {
	t.Helper()
	if res.status != http.StatusServiceUnavailable || res.header.Get("Retry-After") == "" || firstCode(t, res.body) != palabre.EUNAVAILABLE {
		t.Fatalf("want 503 UNAVAILABLE with Retry-After, got %d %q %s", res.status, res.header.Get("Retry-After"), res.body)
	}
}

func TestAReadRetriesOnceWhenPostgreSQLDroppedItsConnections(t *testing.T) {
	t.Parallel()
	if dbtest.Dialect() != dialect.Postgres {
		t.Skip("PostgreSQL only: SQLite has no connections to lose (see TestALockedSQLiteIsUnavailableNotInternal)")
	}
	s := apitest.New(t)
	query := `{ strategies { totalCount } }`
	// Fill the pool, as traffic does, then restart the server under it.
	for i := 0; i < 3; i++ {
		s.OK(t, s.World.Reviewer, query, nil, nil)
	}
	if n := dbtest.BreakConnections(t); n == 0 {
		t.Fatal("no connection was open")
	}
	// Authentication and the query both read: each gets one more try.
	var r struct{ Strategies struct{ TotalCount int } }
	s.OK(t, s.World.Reviewer, query, nil, &r)
	if r.Strategies.TotalCount != 2 {
		t.Fatalf("%+v", r)
	}
}

func TestWhilePostgreSQLIsDownRequestsAreUnavailable(t *testing.T) {
	t.Parallel()
	if dbtest.Dialect() != dialect.Postgres {
		t.Skip("PostgreSQL only: see TestALockedSQLiteIsUnavailableNotInternal")
	}
	relay := dbtest.NewRelay(t)
	s := apitest.New(t, dbtest.Via(relay))
	query := map[string]any{"query": `{ strategies { totalCount } }`}
	if res := post(t, s.URL, s.World.Reviewer, query); res.status != http.StatusOK {
		t.Fatalf("%d %s", res.status, res.body)
	}
	relay.Down()                                                  // the server restarts: connections cut, new ones refused
	mustBeUnavailable(t, post(t, s.URL, "", query))               // the public: the query fails
	mustBeUnavailable(t, post(t, s.URL, s.World.Reviewer, query)) // a token: authentication fails
	mustBeUnavailable(t, post(t, s.URL, s.World.Admin, map[string]any{"query": createAgency}))
	relay.Up()
	if res := post(t, s.URL, s.World.Reviewer, query); res.status != http.StatusOK || !strings.Contains(res.body, `"totalCount":2`) {
		t.Fatalf("once the server is back: %d %s", res.status, res.body)
	}
}

func TestAMutationThatLosesItsConnectionIsUnavailable(t *testing.T) {
	t.Parallel()
	if dbtest.Dialect() != dialect.Postgres {
		t.Skip("PostgreSQL only: see TestALockedSQLiteIsUnavailableNotInternal")
	}
	s := apitest.New(t)
	before := s.Fingerprint(t)
	// The server ends the connection in the middle of the transaction, as a
	// restart does: a trigger makes the backend that inserts an agency end
	// itself.
	if _, err := s.Client.ExecContext(t.Context(), `
		CREATE FUNCTION end_my_connection() RETURNS trigger LANGUAGE plpgsql AS $$
		BEGIN PERFORM pg_terminate_backend(pg_backend_pid()); RETURN NEW; END $$;
		CREATE TRIGGER end_my_connection BEFORE INSERT ON agencies FOR EACH ROW EXECUTE FUNCTION end_my_connection();`); err != nil {
		t.Fatal(err)
	}
	mustBeUnavailable(t, post(t, s.URL, s.World.Admin, map[string]any{"query": createAgency}))
	if s.Fingerprint(t) != before {
		t.Fatal("a lost transaction stored something")
	}
	// Reads go on.
	s.OK(t, s.World.Reviewer, `{ strategies { totalCount } }`, nil, nil)
}

func TestALockedSQLiteIsUnavailableNotInternal(t *testing.T) {
	t.Parallel()
	if dbtest.Dialect() != dialect.SQLite {
		t.Skip("SQLite only: see TestAMutationThatLosesItsConnectionIsUnavailable")
	}
	s := apitest.New(t, dbtest.WithSQLiteBusyTimeout(50*time.Millisecond))
	for _, token := range []string{s.World.Admin, s.World.Reviewer} {
		s.OK(t, token, `{ viewer { email } }`, nil, nil) // the token's last use is recorded now
	}
	before := s.Fingerprint(t)
	release := dbtest.HoldWriteLock(t)
	mustBeUnavailable(t, post(t, s.URL, s.World.Admin, map[string]any{"query": createAgency}))
	// Readers are not held up by a writer (WAL).
	s.OK(t, s.World.Reviewer, `{ strategies { totalCount } }`, nil, nil)
	// A token used for the first time is recorded: that write waits too.
	mustBeUnavailable(t, post(t, s.URL, s.World.SecurityAgent, map[string]any{"query": `{ viewer { email } }`}))
	release()
	if s.Fingerprint(t) != before {
		t.Fatal("a refused change stored something")
	}
	// Once the lock is gone, the retry works.
	res := post(t, s.URL, s.World.Admin, map[string]any{"query": createAgency})
	if res.status != http.StatusOK || !strings.Contains(res.body, `"id"`) {
		t.Fatalf("retry: %d %s", res.status, res.body)
	}
}
