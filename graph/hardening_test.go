package graph_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/internal/apitest"
	"github.com/palabre/palabre/server"
)

// stillHealthy checks that the server answers an ordinary query after an attack.
func stillHealthy(t *testing.T, s *apitest.Server) {
	t.Helper()
	var r struct{ Strategies struct{ TotalCount int } }
	s.OK(t, s.World.Reviewer, `{ strategies { totalCount } }`, nil, &r)
	if r.Strategies.TotalCount != 2 {
		t.Fatalf("after the attack the server answers %d strategies", r.Strategies.TotalCount)
	}
}

func TestAbusiveDocumentsAreRefusedBeforeTheyRun(t *testing.T) {
	t.Parallel()
	s := apitest.New(t)
	deep := `{ actionItems(first: 1) { edges { node { ` + strings.Repeat("dependsOn { ", 12) + "code" + strings.Repeat(" }", 12) + ` } } } }`
	wide := `{ strategies(first: 100) { edges { node { objectives(first: 100) { edges { node {
		actionItems(first: 100) { edges { node { code leadAgency { acronym } } } } } } } } } } }`
	var aliases strings.Builder
	aliases.WriteString("{ ")
	for i := 0; i < 31; i++ {
		fmt.Fprintf(&aliases, "a%d: strategies(first: 1) { totalCount } ", i)
	}
	aliases.WriteString("}")
	tokens := "{ " + strings.Repeat("__typename ", 6000) + "}"

	for _, c := range []struct{ name, query, code string }{
		{"too deep", deep, palabre.EINVALID},
		{"too costly: 100 × 100 × 100", wide, palabre.EINVALID},
		{"too many aliases", aliases.String(), palabre.EINVALID},
		{"too many tokens", tokens, "GRAPHQL_PARSE_FAILED"},
	} {
		t.Run(c.name, func(t *testing.T) {
			start := time.Now()
			msg := s.Fails(t, s.World.Reviewer, c.query, nil, c.code)
			if elapsed := time.Since(start); elapsed > 2*time.Second {
				t.Errorf("refusing took %v", elapsed)
			}
			t.Log(msg)
			stillHealthy(t, s)
		})
	}
	// The same shapes within the limits run.
	s.OK(t, s.World.Reviewer, `{ strategies(first: 10) { edges { node { objectives(first: 20) { edges { node {
		actionItems(first: 50) { edges { node { code leadAgency { acronym } } } } } } } } } } }`, nil, nil)
}

func TestIntrospectionAndSuggestionsAreOffInProduction(t *testing.T) {
	t.Parallel()
	prod := apitest.New(t)
	dev := apitest.NewWithConfig(t, []func(*server.Config){func(c *server.Config) { c.Env = server.Development }})

	const introspect = `{ __schema { queryType { name } } }`
	if res := prod.Do(t, "", introspect, nil); res.Code() != palabre.EFORBIDDEN {
		t.Errorf("introspection in production: %+v %s", res.Errors, res.Data)
	}
	dev.OK(t, "", introspect, nil, nil)

	const typo = `{ strategie { totalCount } }`
	if msg := prod.Do(t, "", typo, nil).Errors[0].Message; strings.Contains(msg, "Did you mean") {
		t.Errorf("production suggests fields: %s", msg)
	}
	if msg := dev.Do(t, "", typo, nil).Errors[0].Message; !strings.Contains(msg, "Did you mean") {
		t.Errorf("development should help with suggestions: %s", msg)
	}
}

func TestARequestThatRunsOutOfTimeIsStopped(t *testing.T) {
	t.Parallel()
	s := apitest.NewWithConfig(t, []func(*server.Config){func(c *server.Config) { c.RequestTimeout = time.Nanosecond }})
	s.Fails(t, "", `{ strategies { totalCount } }`, nil, palabre.ETIMEOUT)
}

func TestFailedAuthenticationsAreRateLimited(t *testing.T) {
	t.Parallel()
	s := apitest.NewWithConfig(t, []func(*server.Config){func(c *server.Config) { c.AuthFailuresPerMinute = 5 }})
	query := map[string]any{"query": `{ viewer { email } }`}
	for i := 0; i < 5; i++ {
		if res := post(t, s.URL, "plb_guess", query); res.status != http.StatusUnauthorized {
			t.Fatalf("guess %d: %d %s", i, res.status, res.body)
		}
	}
	res := post(t, s.URL, "plb_guess", query)
	if res.status != http.StatusTooManyRequests || res.header.Get("Retry-After") == "" || !strings.Contains(res.body, palabre.EUNAUTHENTICATED) {
		t.Fatalf("after 5 failures: %d %s", res.status, res.body)
	}
	// The public, sending no credentials, is not held back.
	if res := post(t, s.URL, "", query); res.status != http.StatusOK {
		t.Errorf("public request: %d %s", res.status, res.body)
	}
}

func TestGraphQLOverHTTP(t *testing.T) {
	t.Parallel()
	s := apitest.New(t)
	invalid := map[string]any{"query": `{ noSuchField }`}

	res := send(t, http.MethodPost, s.URL, "application/json", "application/json", invalid)
	if res.status != http.StatusOK || !strings.HasPrefix(res.header.Get("Content-Type"), "application/json") || !strings.Contains(res.body, `"errors"`) {
		t.Errorf("validation failure under application/json: %d %s %s", res.status, res.header.Get("Content-Type"), res.body)
	}
	res = send(t, http.MethodPost, s.URL, "application/json", "application/graphql-response+json", invalid)
	if res.status != http.StatusBadRequest || !strings.HasPrefix(res.header.Get("Content-Type"), "application/graphql-response+json") || strings.Contains(res.body, `"data"`) {
		t.Errorf("validation failure under application/graphql-response+json: %d %s %s", res.status, res.header.Get("Content-Type"), res.body)
	}
	res = send(t, http.MethodPost, s.URL, "application/json", "application/graphql-response+json", map[string]any{"query": 42})
	if res.status != http.StatusBadRequest || strings.Contains(res.body, `"data"`) {
		t.Errorf("invalid parameters: %d %s", res.status, res.body)
	}
	res = sendRaw(t, http.MethodPost, s.URL, "application/json", "", "{not json")
	if res.status != http.StatusBadRequest {
		t.Errorf("unparsable body: %d %s", res.status, res.body)
	}
	res = sendRaw(t, http.MethodPost, s.URL, "application/json", "", `[{"query":"{ strategies { totalCount } }"},{"query":"{ strategies { totalCount } }"}]`)
	if res.status != http.StatusBadRequest {
		t.Errorf("a batch should be refused: %d %s", res.status, res.body)
	}

	get := s.URL + "?query=" + url.QueryEscape(`{ strategies { totalCount } }`)
	res = sendRaw(t, http.MethodGet, get, "", "", "")
	if res.status != http.StatusOK || !strings.Contains(res.body, `"totalCount":1`) {
		t.Errorf("GET query: %d %s", res.status, res.body)
	}
	mutation := s.URL + "?query=" + url.QueryEscape(`mutation { deleteAgency(id: "AG01JZZZZZZZZZZZZZZZZZZZZZZZ") { deletedID } }`)
	res = sendRaw(t, http.MethodGet, mutation, "", "", "")
	if res.status != http.StatusMethodNotAllowed {
		t.Errorf("GET mutation: %d %s", res.status, res.body)
	}
}

type httpResult struct {
	status int
	header http.Header
	body   string
}

func post(t *testing.T, u, token string, payload any) httpResult {
	t.Helper()
	body, _ := json.Marshal(payload)
	req, err := http.NewRequest(http.MethodPost, u, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	return do(t, req)
}

func send(t *testing.T, method, u, contentType, accept string, payload any) httpResult {
	t.Helper()
	body, _ := json.Marshal(payload)
	return sendRaw(t, method, u, contentType, accept, string(body))
}

func sendRaw(t *testing.T, method, u, contentType, accept, body string) httpResult {
	t.Helper()
	req, err := http.NewRequest(method, u, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if accept != "" {
		req.Header.Set("Accept", accept)
	}
	return do(t, req)
}

func do(t *testing.T, req *http.Request) httpResult {
	t.Helper()
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var b bytes.Buffer
	_, _ = b.ReadFrom(res.Body)
	return httpResult{res.StatusCode, res.Header, b.String()}
}

func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
