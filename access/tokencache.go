package access

import (
	"context"
	"slices"
	"sync"
	"time"

	"github.com/palabre/palabre/auth"
	"github.com/palabre/palabre/clock"
	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/apitoken"
	"github.com/palabre/palabre/ent/schema/pulid"
)

// TokenCacheTTL is how long an instance trusts what it read about a token
// without reading it again: the longest a revocation, a disabled account or a
// changed role made through ANOTHER instance (or the command line) takes to
// reach this one. A change made through this instance evicts at once. Expiry
// is checked against the request's clock on every request, cached or not.
const TokenCacheTTL = 5 * time.Second

// tokenCacheSize bounds the tokens remembered; past it, stale entries are
// dropped, and if all are fresh, all of them (a flood of distinct tokens only
// costs lookups, never memory).
const tokenCacheSize = 10_000

// Tokens authenticates bearer tokens as Authenticate does, but remembers for
// TokenCacheTTL what a valid token stands for, so that a client's requests do
// not each cost the statements of a lookup. Only valid tokens are remembered.
type Tokens struct {
	client  *ent.Client
	ttl     time.Duration
	mu      sync.Mutex
	entries map[string]*cachedToken // by token hash
}

// cachedToken is what a lookup found, and when (by the request's clock).
type cachedToken struct {
	tokenID  pulid.ID
	viewer   auth.Viewer
	cred     Credential
	lastUsed *time.Time
	readAt   time.Time
}

// NewTokens returns the token cache of one server over client, and makes every
// change of a token or an account through client (revocation, disabling, a new
// role or agency, deletion) evict what the cache knows of it, again when its
// transaction commits.
func NewTokens(client *ent.Client, ttl time.Duration) *Tokens {
	c := &Tokens{client: client, ttl: ttl, entries: map[string]*cachedToken{}}
	client.APIToken.Use(c.evictOnTokenChange)
	client.Account.Use(c.evictOnAccountChange)
	return c
}

// Authenticate returns the viewer a bearer token stands for, or an
// UNAUTHENTICATED error, from the cache when what it knows is fresh.
func (c *Tokens) Authenticate(ctx context.Context, token string) (*auth.Viewer, error) {
	now := clock.Now(ctx)
	hash := auth.HashToken(token)
	c.mu.Lock()
	e, ok := c.entries[hash]
	fresh := ok && !now.Before(e.readAt) && now.Sub(e.readAt) < c.ttl
	var stale bool
	var entry cachedToken
	if fresh {
		entry = *e
		stale = LastUseStale(e.lastUsed, now)
		if stale {
			e.lastUsed = &now // one request records it; the others need not
		}
	}
	c.mu.Unlock()
	if !fresh {
		return c.lookup(ctx, hash, now)
	}
	if !Usable(entry.cred, now) {
		return nil, errInvalidToken()
	}
	if stale {
		if err := recordLastUse(ctx, c.client, entry.tokenID, now); err != nil {
			return nil, err
		}
	}
	v := entry.viewer
	return &v, nil
}

// lookup reads the token from the database and remembers it when valid.
func (c *Tokens) lookup(ctx context.Context, hash string, now time.Time) (*auth.Viewer, error) {
	found, err := findToken(ctx, c.client, hash, now)
	if err != nil {
		return nil, err
	}
	if LastUseStale(found.lastUsed, now) {
		if err := recordLastUse(ctx, c.client, found.tokenID, now); err != nil {
			return nil, err
		}
		found.lastUsed = &now
	}
	e := &cachedToken{tokenID: found.tokenID, viewer: *found.viewer, cred: found.cred, lastUsed: found.lastUsed, readAt: now}
	c.mu.Lock()
	if len(c.entries) >= tokenCacheSize {
		c.prune(now)
	}
	c.entries[hash] = e
	c.mu.Unlock()
	v := *found.viewer
	return &v, nil
}

// prune drops stale entries, or every entry when none is stale. c.mu is held.
func (c *Tokens) prune(now time.Time) {
	for h, e := range c.entries {
		if now.Before(e.readAt) || now.Sub(e.readAt) >= c.ttl {
			delete(c.entries, h)
		}
	}
	if len(c.entries) >= tokenCacheSize {
		clear(c.entries)
	}
}

// evict forgets the tokens matching.
func (c *Tokens) evict(match func(*cachedToken) bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for h, e := range c.entries {
		if match(e) {
			delete(c.entries, h)
		}
	}
}

// idsMutation is what the token and account mutations have in common.
type idsMutation interface {
	ent.Mutation
	IDs(context.Context) ([]pulid.ID, error)
}

func (c *Tokens) evictOnTokenChange(next ent.Mutator) ent.Mutator {
	return c.evicting(next, func(m ent.Mutation) bool {
		// Recording a token's last use (which touches updated_at too) changes
		// nothing the cache decides on: it must not empty the cache every minute.
		if m.Op().Is(ent.OpDelete|ent.OpDeleteOne) || len(m.ClearedFields()) > 0 ||
			len(m.AddedEdges()) > 0 || len(m.RemovedEdges()) > 0 || len(m.ClearedEdges()) > 0 {
			return true
		}
		for _, f := range m.Fields() {
			if f != apitoken.FieldLastUsedAt && f != apitoken.FieldUpdatedAt {
				return true
			}
		}
		return false
	}, func(ids []pulid.ID) func(*cachedToken) bool {
		return func(e *cachedToken) bool { return slices.Contains(ids, e.tokenID) }
	})
}

func (c *Tokens) evictOnAccountChange(next ent.Mutator) ent.Mutator {
	return c.evicting(next, func(ent.Mutation) bool { return true }, func(ids []pulid.ID) func(*cachedToken) bool {
		return func(e *cachedToken) bool { return slices.Contains(ids, e.viewer.AccountID) }
	})
}

// evicting is a hook that, for updates and deletions that matter, evicts the
// cached tokens of the records changed once the change is made, and again when
// its transaction commits: a request that read the old row between the two
// would otherwise keep it for a whole TTL.
func (c *Tokens) evicting(next ent.Mutator, matters func(ent.Mutation) bool,
	of func([]pulid.ID) func(*cachedToken) bool) ent.Mutator {
	return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
		im, ok := m.(idsMutation)
		if !ok || m.Op().Is(ent.OpCreate) || !matters(m) {
			return next.Mutate(ctx, m)
		}
		match := func(*cachedToken) bool { return true } // IDs unknown: forget everything
		if ids, err := im.IDs(ctx); err == nil {
			match = of(ids)
		}
		v, err := next.Mutate(ctx, m)
		if err != nil {
			return v, err
		}
		c.evict(match)
		if tx := ent.TxFromContext(ctx); tx != nil {
			tx.OnCommit(func(commit ent.Committer) ent.Committer {
				return ent.CommitFunc(func(ctx context.Context, tx *ent.Tx) error {
					err := commit.Commit(ctx, tx)
					c.evict(match)
					return err
				})
			})
		}
		return v, nil
	})
}
