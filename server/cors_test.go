package server_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/palabre/palabre/server"
)

// preflight sends the OPTIONS request a browser sends before a POST carrying
// a token from a page of origin.
func preflight(t *testing.T, a *api, origin string) response {
	t.Helper()
	return a.send(t, http.MethodOptions, "/graphql", nil, map[string]string{
		"Origin":                         origin,
		"Access-Control-Request-Method":  "POST",
		"Access-Control-Request-Headers": "authorization,content-type",
	})
}

func TestCORSLetsAConfiguredOriginSendTokens(t *testing.T) {
	t.Parallel()
	a := startAPI(t, server.Config{CORSOrigins: []string{"https://plan.example.sn"}})
	res := preflight(t, a, "https://plan.example.sn")
	if got := res.Header.Get("Access-Control-Allow-Origin"); got != "https://plan.example.sn" {
		t.Fatalf("Access-Control-Allow-Origin = %q", got)
	}
	allowed := strings.ToLower(res.Header.Get("Access-Control-Allow-Headers"))
	if !strings.Contains(allowed, "authorization") || !strings.Contains(allowed, "content-type") {
		t.Fatalf("Access-Control-Allow-Headers = %q", allowed)
	}
	if got := res.Header.Get("Access-Control-Allow-Credentials"); got != "" {
		t.Fatalf("credentials allowed: %q", got)
	}
}

func TestCORSIgnoresOtherOrigins(t *testing.T) {
	t.Parallel()
	a := startAPI(t, server.Config{CORSOrigins: []string{"https://plan.example.sn"}})
	for _, origin := range []string{"https://evil.example", "https://plan.example.sn.evil.example", "http://plan.example.sn"} {
		if got := preflight(t, a, origin).Header.Get("Access-Control-Allow-Origin"); got != "" {
			t.Errorf("%s: Access-Control-Allow-Origin = %q", origin, got)
		}
	}
}

func TestCORSInProductionAllowsNoOriginByDefault(t *testing.T) {
	t.Parallel()
	a := startAPI(t, server.Config{Env: server.Production})
	for _, origin := range []string{"http://localhost:5173", "https://evil.example"} {
		if got := preflight(t, a, origin).Header.Get("Access-Control-Allow-Origin"); got != "" {
			t.Errorf("%s: Access-Control-Allow-Origin = %q", origin, got)
		}
	}
}

func TestCORSInDevelopmentAllowsLocalPages(t *testing.T) {
	t.Parallel()
	a := startAPI(t, server.Config{Env: server.Development})
	for origin, want := range map[string]bool{
		"http://localhost:5173":            true,
		"http://127.0.0.1:3000":            true,
		"http://[::1]:8081":                true,
		"http://localhost.evil.example":    false,
		"https://evil.example":             false,
		"http://127.0.0.1.evil.example:80": false,
	} {
		res := preflight(t, a, origin)
		got := res.Header.Get("Access-Control-Allow-Origin")
		if (got == origin) != want || got == "*" {
			t.Errorf("%s: Access-Control-Allow-Origin = %q, want allowed %v", origin, got, want)
		}
		if c := res.Header.Get("Access-Control-Allow-Credentials"); c != "" {
			t.Errorf("%s: credentials allowed: %q", origin, c)
		}
	}
}

func TestCORSAnswersTheActualRequestToo(t *testing.T) {
	t.Parallel()
	a := startAPI(t, server.Config{CORSOrigins: []string{"https://plan.example.sn"}})
	res := a.send(t, http.MethodPost, "/graphql", strings.NewReader(`{"query":"{ __typename }"}`), map[string]string{
		"Origin": "https://plan.example.sn", "Content-Type": "application/json",
	})
	if res.Status != http.StatusOK || res.Header.Get("Access-Control-Allow-Origin") != "https://plan.example.sn" {
		t.Fatalf("got %d, Access-Control-Allow-Origin %q: %s", res.Status, res.Header.Get("Access-Control-Allow-Origin"), res.Body)
	}
}
