package graph_test

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/access"
	"github.com/palabre/palabre/clock"
	"github.com/palabre/palabre/database/dbtest"
	"github.com/palabre/palabre/ent/account"
	"github.com/palabre/palabre/ent/apitoken"
	"github.com/palabre/palabre/ent/schema/pulid"
	"github.com/palabre/palabre/internal/apitest"
	"github.com/palabre/palabre/server"
)

// cachedTokens is the test world on a fake clock, with the statements sent
// counted, and the driver kept so that a test can change the database behind
// this server's back, as another instance (or the command line) does.
type cachedTokens struct {
	*apitest.Server
	clock      *clock.Fake
	statements atomic.Int64
	driver     dialect.Driver
}

func newCachedTokens(t *testing.T) *cachedTokens {
	t.Helper()
	c := &cachedTokens{clock: clock.NewFake(time.Date(2027, 3, 1, 9, 0, 0, 0, time.UTC))}
	c.Server = apitest.NewWithConfig(t, []func(*server.Config){func(cfg *server.Config) { cfg.Clock = c.clock }},
		dbtest.WithDriver(func(d dialect.Driver) dialect.Driver {
			c.driver = d
			return counter{d, &c.statements}
		}))
	return c
}

// statementsOf returns how many statements one request with the token cost,
// and its response.
func (c *cachedTokens) statementsOf(t *testing.T, token string) (int64, *apitest.Response) {
	t.Helper()
	c.statements.Store(0)
	res := c.Do(t, token, `{ __typename }`, nil) // a document that reads nothing
	return c.statements.Load(), res
}

// elsewhere runs an UPDATE on the database as another instance would: no hook
// of this server sees it.
func (c *cachedTokens) elsewhere(t *testing.T, table string, id pulid.ID, column string, value any) {
	t.Helper()
	query, args := entsql.Dialect(dbtest.Dialect()).Update(table).Set(column, value).Where(entsql.EQ("id", id)).Query()
	var res entsql.Result
	if err := c.driver.Exec(context.Background(), query, args, &res); err != nil {
		t.Fatal(err)
	}
}

func (c *cachedTokens) tokenOf(t *testing.T, email string) pulid.ID {
	t.Helper()
	return c.Client.APIToken.Query().Where(apitoken.HasAccountWith(account.Email(email))).
		OnlyIDX(access.SystemContext(context.Background()))
}

// TestATokenIsReadOnceEveryFewSeconds: a client's requests do not each pay the
// statements of looking its token up; after access.TokenCacheTTL the token is
// read again.
func TestATokenIsReadOnceEveryFewSeconds(t *testing.T) {
	t.Parallel()
	c := newCachedTokens(t)
	c.statementsOf(t, c.World.Reviewer) // first use: looked up, last use recorded
	c.clock.Advance(time.Second)
	if n, res := c.statementsOf(t, c.World.Reviewer); n != 0 || res.Status != 200 {
		t.Errorf("a second request a second later sent %d statements (status %d), want 0", n, res.Status)
	}
	c.clock.Advance(access.TokenCacheTTL)
	if n, _ := c.statementsOf(t, c.World.Reviewer); n == 0 {
		t.Errorf("after %s the token was not read again", access.TokenCacheTTL)
	}
}

// TestARevocationElsewhereTakesEffectWithinTheCacheTTL: a token revoked by
// another instance (or the command line) stops working here within
// access.TokenCacheTTL; so does a token of an account disabled there.
func TestARevocationElsewhereTakesEffectWithinTheCacheTTL(t *testing.T) {
	t.Parallel()
	c := newCachedTokens(t)
	w := c.World
	for _, token := range []string{w.Reviewer, w.JusticeAgent} {
		if _, res := c.statementsOf(t, token); res.Status != 200 {
			t.Fatalf("a valid token: status %d", res.Status)
		}
	}
	c.elsewhere(t, apitoken.Table, c.tokenOf(t, "reviewer@palabre.test"), apitoken.FieldRevokedAt, c.clock.Now())
	c.elsewhere(t, account.Table, c.Account(t, "mj@palabre.test").ID, account.FieldDisabled, true)
	c.clock.Advance(access.TokenCacheTTL)
	for name, token := range map[string]string{"revoked token": w.Reviewer, "disabled account": w.JusticeAgent} {
		if res := c.Do(t, token, `{ __typename }`, nil); res.Code() != palabre.EUNAUTHENTICATED {
			t.Errorf("%s, %s later: %d %+v", name, access.TokenCacheTTL, res.Status, res.Errors)
		}
	}
	if _, res := c.statementsOf(t, w.SecurityAgent); res.Status != 200 {
		t.Errorf("another token stopped working: status %d", res.Status)
	}
}

// TestARevocationThroughThisInstanceIsImmediate: revoking a token, disabling
// an account or changing its role through this server takes effect on the
// very next request, with no wait for the cache.
func TestARevocationThroughThisInstanceIsImmediate(t *testing.T) {
	t.Parallel()
	c := newCachedTokens(t)
	w := c.World
	for _, token := range []string{w.Reviewer, w.JusticeAgent, w.SecurityAgent, w.Secretariat} {
		if _, res := c.statementsOf(t, token); res.Status != 200 {
			t.Fatalf("a valid token: status %d", res.Status)
		}
	}

	// The reviewer revokes its own token through the API.
	c.OK(t, w.Reviewer, `mutation($id: ID!) { revokeAPIToken(id: $id) { apiToken { id } } }`,
		map[string]any{"id": c.tokenOf(t, "reviewer@palabre.test")}, nil)
	c.Fails(t, w.Reviewer, `{ __typename }`, nil, palabre.EUNAUTHENTICATED)

	// An administrator disables the justice ministry's account.
	mj := c.Account(t, "mj@palabre.test")
	c.OK(t, w.Admin, `mutation($id: ID!, $rev: Int!) { updateAccount(id: $id, revision: $rev, input: { disabled: true }) { account { id } } }`,
		map[string]any{"id": mj.ID, "rev": mj.Revision}, nil)
	c.Fails(t, w.JusticeAgent, `{ __typename }`, nil, palabre.EUNAUTHENTICATED)

	// The command line revokes the security agency's tokens (same process).
	if _, err := access.RevokeTokensOf(access.SystemContext(context.Background()), c.Client, "anssi@palabre.test"); err != nil {
		t.Fatal(err)
	}
	c.Fails(t, w.SecurityAgent, `{ __typename }`, nil, palabre.EUNAUTHENTICATED)

	// The secretariat's account becomes a reviewer's: the next request has
	// the new role.
	sec := c.Account(t, "secretariat@palabre.test")
	c.OK(t, w.Admin, `mutation($id: ID!, $rev: Int!) { updateAccount(id: $id, revision: $rev, input: { role: REVIEWER, clearAgency: true }) { account { id } } }`,
		map[string]any{"id": sec.ID, "rev": sec.Revision}, nil)
	var out struct{ Viewer struct{ Role string } }
	c.OK(t, w.Secretariat, `{ viewer { role } }`, nil, &out)
	if out.Viewer.Role != "REVIEWER" {
		t.Errorf("after the change of role, the viewer is %s", out.Viewer.Role)
	}
}

// TestACachedTokenStillExpiresOnTime: a token's expiry is checked against the
// clock on every request, even while the cache remembers it.
func TestACachedTokenStillExpiresOnTime(t *testing.T) {
	t.Parallel()
	c := newCachedTokens(t)
	ctx := clock.NewContext(access.SystemContext(context.Background()), c.clock)
	expiresAt := c.clock.Now().Add(2 * time.Second)
	token, _, err := access.IssueTokenUntil(ctx, c.Client, c.Account(t, "reviewer@palabre.test").ID, "court", &expiresAt)
	if err != nil {
		t.Fatal(err)
	}
	if _, res := c.statementsOf(t, token); res.Status != 200 {
		t.Fatalf("a fresh token: status %d", res.Status)
	}
	c.clock.Advance(2 * time.Second) // < TokenCacheTTL: the cache still has it
	c.Fails(t, token, `{ __typename }`, nil, palabre.EUNAUTHENTICATED)
}

// TestATokensLastUseIsRecordedOncePerMinute: whether its token comes from the
// cache or the database, a request records the token's last use when the one
// recorded is a minute old, and not more often.
func TestATokensLastUseIsRecordedOncePerMinute(t *testing.T) {
	t.Parallel()
	c := newCachedTokens(t)
	lastUse := func() time.Time {
		t.Helper()
		tk := c.Client.APIToken.GetX(access.SystemContext(context.Background()), c.tokenOf(t, "reviewer@palabre.test"))
		if tk.LastUsedAt == nil {
			return time.Time{}
		}
		return tk.LastUsedAt.UTC()
	}
	start := c.clock.Now()
	c.statementsOf(t, c.World.Reviewer)
	if got := lastUse(); !got.Equal(start) {
		t.Fatalf("after a first request at %s, the last use is %s", start, got)
	}
	for _, step := range []time.Duration{time.Second, access.TokenCacheTTL, 40 * time.Second} { // 46 s in all
		c.clock.Advance(step)
		c.statementsOf(t, c.World.Reviewer)
	}
	if got := lastUse(); !got.Equal(start) {
		t.Errorf("46 s later the last use moved to %s", got)
	}
	c.clock.Advance(20 * time.Second) // cached no more, a minute after the first use
	c.statementsOf(t, c.World.Reviewer)
	if got, want := lastUse(), start.Add(66*time.Second); !got.Equal(want) {
		t.Errorf("a minute later the last use is %s, want %s", got, want)
	}
	c.clock.Advance(time.Minute - time.Second) // read again from the database
	c.statementsOf(t, c.World.Reviewer)
	if got, want := lastUse(), start.Add(66*time.Second); !got.Equal(want) {
		t.Errorf("59 s later the last use is %s, want %s", got, want)
	}
	c.clock.Advance(2 * time.Second) // from the cache this time
	c.statementsOf(t, c.World.Reviewer)
	if got, want := lastUse(), start.Add(127*time.Second); !got.Equal(want) {
		t.Errorf("a minute and a second later the last use is %s, want %s", got, want)
	}
}
