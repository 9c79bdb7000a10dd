package graph_test

import (
	"testing"
	"time"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/internal/apitest"
)

// TestCreateAPITokenExpiresIn90DaysUnlessAskedNever: a token issued with no
// expiry said lives 90 days; one that never expires must be asked for.
func TestCreateAPITokenExpiresIn90DaysUnlessAskedNever(t *testing.T) {
	t.Parallel()
	s := apitest.New(t)
	w := s.World
	id := s.Account(t, "reviewer@palabre.test").ID
	const create = `mutation($input: CreateAPITokenInput!) { createAPIToken(input: $input) { apiToken { createdAt expiresAt } } }`
	issue := func(input map[string]any) (createdAt time.Time, expiresAt *time.Time) {
		t.Helper()
		var out struct {
			CreateAPIToken struct {
				APIToken struct {
					CreatedAt time.Time
					ExpiresAt *time.Time
				}
			}
		}
		input["accountID"] = id
		s.OK(t, w.Admin, create, map[string]any{"input": input}, &out)
		return out.CreateAPIToken.APIToken.CreatedAt, out.CreateAPIToken.APIToken.ExpiresAt
	}

	created, expires := issue(map[string]any{"label": "tableau de bord"})
	if expires == nil || expires.Sub(created).Round(time.Minute) != 90*24*time.Hour {
		t.Errorf("a token with no expiry said expires at %v (created %s), want 90 days later", expires, created)
	}
	if _, expires := issue(map[string]any{"neverExpires": true}); expires != nil {
		t.Errorf("neverExpires: the token expires at %s", expires)
	}
	at := time.Now().Add(48 * time.Hour).UTC().Truncate(time.Second)
	if _, expires := issue(map[string]any{"expiresAt": at, "neverExpires": false}); expires == nil || expires.Sub(at).Abs() > time.Second {
		t.Errorf("expiresAt %s: the token expires at %v", at, expires)
	}
	before := s.Fingerprint(t)
	s.Fails(t, w.Admin, create, map[string]any{"input": map[string]any{"accountID": id, "expiresAt": at, "neverExpires": true}}, palabre.EINVALID)
	if s.Fingerprint(t) != before {
		t.Error("a refused token was stored")
	}
}
