package graph_test

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/access"
	contract "github.com/palabre/palabre/frontend-contract"
	"github.com/palabre/palabre/graph"
	"github.com/palabre/palabre/internal/apitest"
	"github.com/palabre/palabre/server"
)

func hashOf(doc string) string {
	sum := sha256.Sum256([]byte(doc))
	return hex.EncodeToString(sum[:])
}

func byHash(hash string) map[string]any {
	return map[string]any{"persistedQuery": map[string]any{"version": 1, "sha256Hash": hash}}
}

// contractDocument returns the embedded manifest's document of an operation.
func contractDocument(t *testing.T, operation string) string {
	t.Helper()
	for _, d := range contract.Documents() {
		if strings.Contains(d, "query "+operation+"(") || strings.Contains(d, "query "+operation+" ") {
			return d
		}
	}
	t.Fatalf("no %s in the contract's manifest", operation)
	return ""
}

func trustedServer(t *testing.T, docs ...string) *apitest.Server {
	t.Helper()
	manifest := filepath.Join(t.TempDir(), "persisted-documents.json")
	entries := make([]string, len(docs))
	for i, d := range docs {
		entries[i] = quote("sha1-key-of-any-kind-"+strconv.Itoa(i)) + ": " + quote(d)
	}
	if err := os.WriteFile(manifest, []byte("{"+strings.Join(entries, ",")+"}"), 0o600); err != nil {
		t.Fatal(err)
	}
	return apitest.NewWithConfig(t, []func(*server.Config){func(c *server.Config) { c.TrustedDocuments = manifest }})
}

func TestTrustedDocumentsMode(t *testing.T) {
	t.Parallel()
	const trusted = `query Plan { strategies(first: 5) { totalCount } }`
	s := trustedServer(t, trusted)

	s.OK(t, "", trusted, nil, nil)
	s.Fails(t, "", `{ strategies { totalCount } }`, nil, palabre.EFORBIDDEN)

	res := post(t, s.URL, "", map[string]any{"extensions": byHash(hashOf(trusted))})
	if res.status != http.StatusOK || !strings.Contains(res.body, `"totalCount":1`) {
		t.Errorf("by hash: %d %s", res.status, res.body)
	}
	// The codegen manifest's keys carry a prefix, which clients may send.
	res = post(t, s.URL, "", map[string]any{"extensions": byHash("sha256:" + hashOf(trusted))})
	if !strings.Contains(res.body, `"totalCount":1`) {
		t.Errorf("by prefixed hash: %d %s", res.status, res.body)
	}
	// A stale frontend's hash has its own code; its text is still refused.
	other := `{ strategies { totalCount } }`
	res = post(t, s.URL, "", map[string]any{"extensions": byHash(hashOf(other))})
	if !strings.Contains(res.body, graph.CodePersistedQueryNotFound) {
		t.Errorf("unknown hash: %d %s", res.status, res.body)
	}
	res = post(t, s.URL, "", map[string]any{"query": other, "extensions": byHash(hashOf(other))})
	if !strings.Contains(res.body, palabre.EFORBIDDEN) {
		t.Errorf("unknown document with its hash: %d %s", res.status, res.body)
	}
}

// Without a manifest of its own, a server knows the contract's documents (the
// binary embeds them): clients send them by hash in every mode, and other
// documents in full.
func TestContractDocumentsRunByHashOnEveryServer(t *testing.T) {
	t.Parallel()
	for _, env := range []server.Env{server.Production, server.Development} {
		s := apitest.NewWithConfig(t, []func(*server.Config){func(c *server.Config) { c.Env = env }})
		doc := contractDocument(t, "OverdueItems")
		res := post(t, s.URL, s.World.Reviewer, map[string]any{
			"extensions": byHash("sha256:" + hashOf(doc)),
			"variables":  map[string]any{"on": "2030-01-01T00:00:00Z", "first": 5},
		})
		if res.status != http.StatusOK || !strings.Contains(res.body, `"actionItems":{"edges"`) || strings.Contains(res.body, `"errors"`) {
			t.Errorf("%s: contract document by hash: %d %s", env, res.status, res.body)
		}

		// A hash the server does not know: PERSISTED_QUERY_NOT_FOUND, then
		// the text with its hash runs (Apollo's protocol).
		other := `query Count { strategies(first: 1) { totalCount } }`
		res = post(t, s.URL, "", map[string]any{"extensions": byHash(hashOf(other))})
		if !strings.Contains(res.body, graph.CodePersistedQueryNotFound) {
			t.Errorf("%s: unknown hash: %d %s", env, res.status, res.body)
		}
		res = post(t, s.URL, "", map[string]any{"query": other, "extensions": byHash(hashOf(other))})
		if !strings.Contains(res.body, `"totalCount":1`) {
			t.Errorf("%s: text after an unknown hash: %d %s", env, res.status, res.body)
		}
		// Clients retry with their own printing of the document, whose hash
		// is not the manifest's: the text runs, and nothing is stored.
		res = post(t, s.URL, "", map[string]any{"query": other, "extensions": byHash(hashOf(doc))})
		if !strings.Contains(res.body, `"totalCount":1`) {
			t.Errorf("%s: text with another hash: %d %s", env, res.status, res.body)
		}
		// A malformed extension is the client's mistake, said so.
		res = post(t, s.URL, "", map[string]any{"extensions": map[string]any{"persistedQuery": map[string]any{"version": 1}}})
		if !strings.Contains(res.body, palabre.EINVALID) {
			t.Errorf("%s: persistedQuery without a hash: %d %s", env, res.status, res.body)
		}
	}
}

// getByHash sends a persisted query with GET, as a CDN would see it.
func getByHash(t *testing.T, s *apitest.Server, token, doc string, headers map[string]string) httpResult {
	t.Helper()
	q := url.Values{"extensions": {`{"persistedQuery":{"version":1,"sha256Hash":"` + hashOf(doc) + `"}}`}}
	req, err := http.NewRequest(http.MethodGet, s.URL+"?"+q.Encode(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	return do(t, req)
}

func TestPublicReadsByHashAreCacheable(t *testing.T) {
	t.Parallel()
	const public = `query PublicStrategies { strategies(first: 5) { totalCount edges { node { id title } } } }`
	s := trustedServer(t, public)

	first := getByHash(t, s, "", public, nil)
	etag := first.header.Get("ETag")
	if first.status != http.StatusOK || etag == "" || first.header.Get("Cache-Control") != "public, max-age=60" {
		t.Fatalf("public read: %d %v %s", first.status, first.header, first.body)
	}
	if vary := strings.Join(first.header.Values("Vary"), ","); !strings.Contains(vary, "Authorization") {
		t.Errorf("a public read must vary by Authorization: Vary %q", vary)
	}
	if again := getByHash(t, s, "", public, nil); again.header.Get("ETag") != etag || again.body != first.body {
		t.Errorf("unchanged data, another ETag: %s then %s", etag, again.header.Get("ETag"))
	}

	notModified := getByHash(t, s, "", public, map[string]string{"If-None-Match": etag})
	if notModified.status != http.StatusNotModified || notModified.body != "" {
		t.Errorf("If-None-Match with the current ETag: %d %q", notModified.status, notModified.body)
	}

	// Once the data changes, so does the ETag, and the old one is stale.
	s.Client.Strategy.UpdateOneID(s.World.Adopted.ID).SetTitle("Stratégie nationale révisée").ExecX(access.SystemContext(t.Context()))
	changed := getByHash(t, s, "", public, map[string]string{"If-None-Match": etag})
	if changed.status != http.StatusOK || changed.header.Get("ETag") == etag || !strings.Contains(changed.body, "révisée") {
		t.Errorf("after a change: %d %s %s", changed.status, changed.header.Get("ETag"), changed.body)
	}
}

func TestAnswersToCallersWithATokenAreNeverCached(t *testing.T) {
	t.Parallel()
	const public = `query PublicStrategies { strategies(first: 5) { totalCount } }`
	s := trustedServer(t, public)

	for name, res := range map[string]httpResult{
		"GET with a token":      getByHash(t, s, s.World.Reviewer, public, nil),
		"POST of the public":    post(t, s.URL, "", map[string]any{"extensions": byHash(hashOf(public))}),
		"POST with a token":     post(t, s.URL, s.World.Reviewer, map[string]any{"query": public}),
		"GET of an unknown doc": getByHash(t, s, "", `{ strategies { totalCount } }`, nil),
	} {
		if res.header.Get("Cache-Control") != "no-store" || res.header.Get("ETag") != "" {
			t.Errorf("%s: Cache-Control %q, ETag %q", name, res.header.Get("Cache-Control"), res.header.Get("ETag"))
		}
	}
}
