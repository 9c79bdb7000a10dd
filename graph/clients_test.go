package graph_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/netip"
	"strings"
	"testing"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/internal/apitest"
	"github.com/palabre/palabre/server"
)

// postAs sends a query with a token ("" for none) and extra headers.
func postAs(t *testing.T, u, token string, headers map[string]string) httpResult {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": `{ viewer { email } }`})
	req, err := http.NewRequest(http.MethodPost, u, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	return do(t, req)
}

// exhaust makes an address fail until it is refused with 429.
func exhaust(t *testing.T, u string, headers map[string]string) {
	t.Helper()
	for i := 0; i < 5; i++ {
		if res := postAs(t, u, "plb_guess", headers); res.status != http.StatusUnauthorized {
			t.Fatalf("guess %d: %d %s", i, res.status, res.body)
		}
	}
	if res := postAs(t, u, "plb_guess", headers); res.status != http.StatusTooManyRequests {
		t.Fatalf("after 5 failures: %d %s", res.status, res.body)
	}
}

func TestAValidTokenIsNeverRefusedForItsNeighboursFailures(t *testing.T) {
	t.Parallel()
	s := apitest.NewWithConfig(t, []func(*server.Config){func(c *server.Config) { c.AuthFailuresPerMinute = 5 }})
	exhaust(t, s.URL, nil)
	// A colleague behind the same NAT, with a valid token.
	res := postAs(t, s.URL, s.World.Reviewer, nil)
	if res.status != http.StatusOK || !strings.Contains(res.body, `"email"`) {
		t.Fatalf("valid token after the neighbours' failures: %d %s", res.status, res.body)
	}
	// Failures from that address are still held back.
	res = postAs(t, s.URL, "plb_guess", nil)
	if res.status != http.StatusTooManyRequests || res.header.Get("Retry-After") == "" || !strings.Contains(res.body, palabre.EUNAUTHENTICATED) {
		t.Fatalf("another guess: %d %s", res.status, res.body)
	}
}

func TestBehindTrustedProxiesFailuresCountByRealClient(t *testing.T) {
	t.Parallel()
	// The test connects from loopback: it plays the reverse proxy.
	s := apitest.NewWithConfig(t, []func(*server.Config){func(c *server.Config) {
		c.AuthFailuresPerMinute = 5
		c.TrustedProxies = []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8"), netip.MustParsePrefix("::1/128")}
	}})
	exhaust(t, s.URL, map[string]string{"X-Forwarded-For": "203.0.113.5"})

	for _, c := range []struct {
		name    string
		headers map[string]string
		status  int
	}{
		{"another client", map[string]string{"X-Forwarded-For": "203.0.113.6"}, http.StatusUnauthorized},
		{"another client, by Forwarded", map[string]string{"Forwarded": `for="[2001:db8::1]:4711";proto=https`}, http.StatusUnauthorized},
		{"the same client, by Forwarded", map[string]string{"Forwarded": "for=203.0.113.5"}, http.StatusTooManyRequests},
		{"the same client, with a port", map[string]string{"X-Forwarded-For": "203.0.113.5:51000"}, http.StatusTooManyRequests},
		{"the same client forging hops to its left", map[string]string{"X-Forwarded-For": "198.51.100.1, 203.0.113.5"}, http.StatusTooManyRequests},
		{"the same client through two trusted proxies", map[string]string{"X-Forwarded-For": "203.0.113.5, 127.0.0.2"}, http.StatusTooManyRequests},
	} {
		if res := postAs(t, s.URL, "plb_guess", c.headers); res.status != c.status {
			t.Errorf("%s: want %d, got %d %s", c.name, c.status, res.status, res.body)
		}
	}
	// A valid token from the locked-out client still works.
	if res := postAs(t, s.URL, s.World.Reviewer, map[string]string{"X-Forwarded-For": "203.0.113.5"}); res.status != http.StatusOK {
		t.Errorf("valid token: %d %s", res.status, res.body)
	}
}

func TestForwardedHeadersFromUntrustedPeersAreIgnored(t *testing.T) {
	t.Parallel()
	s := apitest.NewWithConfig(t, []func(*server.Config){func(c *server.Config) { c.AuthFailuresPerMinute = 5 }})
	// A client that invents a new address for every guess is still one client.
	for i, forged := range []string{"203.0.113.1", "203.0.113.2", "203.0.113.3", "203.0.113.4", "203.0.113.5"} {
		if res := postAs(t, s.URL, "plb_guess", map[string]string{"X-Forwarded-For": forged, "Forwarded": "for=" + forged}); res.status != http.StatusUnauthorized {
			t.Fatalf("guess %d: %d %s", i, res.status, res.body)
		}
	}
	if res := postAs(t, s.URL, "plb_guess", map[string]string{"X-Forwarded-For": "198.51.100.7"}); res.status != http.StatusTooManyRequests {
		t.Fatalf("a forged address escaped the limit: %d %s", res.status, res.body)
	}
}
