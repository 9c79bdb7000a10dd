package server_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/palabre/palabre/server"
)

// TestTheConsoleIsServedAtTheRoot: the web console's page at / and at every
// path a browser navigates to, under a strict policy with no inline script;
// its hashed files cached for a year; programs that ask a wrong path still
// get a coded error, not a page.
func TestTheConsoleIsServedAtTheRoot(t *testing.T) {
	t.Parallel()
	a := startAPI(t, server.Config{Env: server.Production})
	html := map[string]string{"Accept": "text/html,application/xhtml+xml"}
	for _, path := range []string{"/", "/sign-in", "/rounds/CO01ABC/matrix"} {
		page := a.send(t, http.MethodGet, path, nil, html)
		if page.Status != http.StatusOK || !strings.Contains(page.Body, `<div id="app">`) {
			t.Fatalf("%s: %d %.200s", path, page.Status, page.Body)
		}
		policy := page.Header.Get("Content-Security-Policy")
		if !strings.Contains(policy, "script-src 'self';") || !strings.Contains(policy, "frame-ancestors 'none'") || strings.Contains(policy, "unsafe-") {
			t.Errorf("%s: policy %q", path, policy)
		}
		if page.Header.Get("Cache-Control") != "no-cache" {
			t.Errorf("%s: the page is cached: %q", path, page.Header.Get("Cache-Control"))
		}
	}
	page := a.send(t, http.MethodGet, "/", nil, html)
	if regexp.MustCompile(`<script(\s[^>]*)?>[^<]`).MatchString(page.Body) {
		t.Errorf("the page has an inline script:\n%s", page.Body)
	}
	assets := regexp.MustCompile(`(?:src|href)="(/assets/[^"]+)"`).FindAllStringSubmatch(page.Body, -1)
	if len(assets) < 2 {
		t.Fatalf("the page names %d assets:\n%s", len(assets), page.Body)
	}
	for _, ref := range assets {
		res := a.send(t, http.MethodGet, ref[1], nil, nil)
		if res.Status != http.StatusOK || res.Header.Get("Cache-Control") != "public, max-age=31536000, immutable" {
			t.Errorf("%s: %d, Cache-Control %q", ref[1], res.Status, res.Header.Get("Cache-Control"))
		}
	}
	for _, path := range []string{"/nothing-here", "/assets/missing.js"} {
		if res := a.send(t, http.MethodGet, path, nil, map[string]string{"Accept": "application/json"}); res.Status != http.StatusNotFound || errorCode(t, res.Body) != "NOT_FOUND" {
			t.Errorf("%s for a program: %d %s", path, res.Status, res.Body)
		}
	}
	if res := a.send(t, http.MethodPost, "/", strings.NewReader("{}"), html); res.Status != http.StatusNotFound {
		t.Errorf("POST /: %d", res.Status)
	}
}
