package server_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/palabre/palabre/server"
)

func TestGraphiQLIsServedInDevelopment(t *testing.T) {
	t.Parallel()
	a := startAPI(t, server.Config{Env: server.Development})
	res := a.send(t, http.MethodGet, "/graphiql", nil, nil)
	if res.Status != http.StatusOK || !strings.Contains(strings.ToLower(res.Body), "graphiql") {
		t.Fatalf("got %d %.200s", res.Status, res.Body)
	}
}

// TestGraphiQLLoadsNothingFromAnotherHost: GraphiQL's page works on a closed
// network and under its strict Content-Security-Policy: every script and
// stylesheet it names is served by the binary, no script is inline, and the
// policy allows nothing from elsewhere.
func TestGraphiQLLoadsNothingFromAnotherHost(t *testing.T) {
	t.Parallel()
	a := startAPI(t, server.Config{Env: server.Development})
	page := a.send(t, http.MethodGet, "/graphiql", nil, nil)
	policy := page.Header.Get("Content-Security-Policy")
	for _, want := range []string{"default-src 'none'", "script-src 'self';", "connect-src 'self'"} {
		if !strings.Contains(policy, want) {
			t.Errorf("the policy %q lacks %q", policy, want)
		}
	}
	if strings.Contains(policy, "unsafe-") || strings.Contains(policy, "http") {
		t.Errorf("the policy %q allows inline code, eval or another host", policy)
	}
	if regexp.MustCompile(`<script(\s[^>]*)?>[^<]`).MatchString(page.Body) || regexp.MustCompile(`<script(?:\s+type="[^"]*")?>`).MatchString(page.Body) {
		t.Errorf("the page has an inline script:\n%s", page.Body)
	}
	refs := regexp.MustCompile(`(?:src|href)="([^"]*)"`).FindAllStringSubmatch(page.Body, -1)
	if len(refs) < 4 {
		t.Fatalf("the page names %d files:\n%s", len(refs), page.Body)
	}
	for _, ref := range refs {
		url := ref[1]
		if !strings.HasPrefix(url, "/") || strings.HasPrefix(url, "//") {
			t.Errorf("the page loads %s from elsewhere", url)
			continue
		}
		res := a.send(t, http.MethodGet, url, nil, nil)
		if res.Status != http.StatusOK || len(res.Body) == 0 {
			t.Errorf("%s: %d", url, res.Status)
		}
		if ct := res.Header.Get("Content-Type"); !strings.Contains(ct, "javascript") && !strings.Contains(ct, "css") {
			t.Errorf("%s is served as %q", url, ct)
		}
	}
	start := a.send(t, http.MethodGet, "/graphiql/palabre.js", nil, nil)
	if strings.Contains(start.Body, "subscriptionUrl") || strings.Contains(start.Body, "ws://") || !strings.Contains(start.Body, `"Authorization": "Bearer plb_`) {
		t.Errorf("GraphiQL must offer no WebSocket URL and say where the token goes: %s", start.Body)
	}
	if !strings.Contains(start.Body, "shouldPersistHeaders: false") {
		t.Errorf("GraphiQL may keep headers (tokens) in localStorage:\n%s", start.Body)
	}
}

func TestGraphiQLIsAbsentInProduction(t *testing.T) {
	t.Parallel()
	a := startAPI(t, server.Config{Env: server.Production})
	for _, path := range []string{"/graphiql", "/graphiql/palabre.js"} {
		if res := a.send(t, http.MethodGet, path, nil, nil); res.Status != http.StatusNotFound {
			t.Errorf("%s: got %d %.200s", path, res.Status, res.Body)
		}
	}
}

func TestGraphQLAnswersGET(t *testing.T) {
	t.Parallel()
	a := startAPI(t, server.Config{})
	res := a.send(t, http.MethodGet, "/graphql?query=%7B__typename%7D", nil, nil)
	if res.Status != http.StatusOK || !strings.Contains(res.Body, `"__typename":"Query"`) {
		t.Fatalf("got %d %s", res.Status, res.Body)
	}
}
