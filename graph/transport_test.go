package graph_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/internal/apitest"
)

// firstCode is the code of the first error of a response body, or "".
func firstCode(t *testing.T, body string) string {
	t.Helper()
	var r apitest.Response
	if err := json.Unmarshal([]byte(body), &r); err != nil {
		t.Fatalf("not JSON: %s", body)
	}
	return r.Code()
}

func TestRequestsTheTransportRefusesHaveACode(t *testing.T) {
	t.Parallel()
	s := apitest.New(t)
	const body = `{"query":"{ __typename }"}`
	for _, c := range []struct {
		name, method, url, contentType string
		header                         map[string]string
		status                         int
		code                           string
	}{
		{"PUT", http.MethodPut, s.URL, "application/json", nil, http.StatusMethodNotAllowed, palabre.EINVALID},
		{"DELETE", http.MethodDelete, s.URL, "application/json", nil, http.StatusMethodNotAllowed, palabre.EINVALID},
		{"PATCH", http.MethodPatch, s.URL, "application/json", nil, http.StatusMethodNotAllowed, palabre.EINVALID},
		{"text/plain", http.MethodPost, s.URL, "text/plain", nil, http.StatusUnsupportedMediaType, palabre.EINVALID},
		{"no content type", http.MethodPost, s.URL, "", nil, http.StatusUnsupportedMediaType, palabre.EINVALID},
		{"a form", http.MethodPost, s.URL, "application/x-www-form-urlencoded", nil, http.StatusUnsupportedMediaType, palabre.EINVALID},
		{"multipart without the preflight header", http.MethodPost, s.URL, "multipart/form-data; boundary=x", nil, http.StatusBadRequest, palabre.EINVALID},
		{"a malformed multipart", http.MethodPost, s.URL, "multipart/form-data; boundary=x", map[string]string{"GraphQL-Preflight": "1"}, http.StatusBadRequest, palabre.EINVALID},
		{"a malformed WebSocket upgrade (no version, no key)", http.MethodGet, s.URL, "", map[string]string{"Upgrade": "websocket", "Connection": "Upgrade"}, http.StatusBadRequest, palabre.EINVALID},
		{"another path", http.MethodGet, strings.TrimSuffix(s.URL, "/graphql") + "/graphql/v2", "", nil, http.StatusNotFound, palabre.ENOTFOUND},
	} {
		req, err := http.NewRequest(c.method, c.url, strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		if c.contentType != "" {
			req.Header.Set("Content-Type", c.contentType)
		}
		for k, v := range c.header {
			req.Header.Set(k, v)
		}
		res := do(t, req)
		if res.status != c.status || firstCode(t, res.body) != c.code {
			t.Errorf("%s: want %d %s, got %d %s", c.name, c.status, c.code, res.status, res.body)
		}
		if c.status == http.StatusMethodNotAllowed && res.header.Get("Allow") == "" {
			t.Errorf("%s: 405 without Allow", c.name)
		}
	}
}

func TestMalformedParametersAre400(t *testing.T) {
	t.Parallel()
	s := apitest.New(t)
	for name, payload := range map[string]map[string]any{
		"query a number":           {"query": 42},
		"query an object":          {"query": map[string]any{}},
		"operationName an array":   {"query": "{ __typename }", "operationName": []any{}},
		"variables a string":       {"query": "{ __typename }", "variables": "{}"},
		"extensions a number":      {"query": "{ __typename }", "extensions": 1},
		"no query":                 {"qeury": "{ __typename }"},
		"an empty query":           {"query": ""},
		"only variables, no query": {"variables": map[string]any{}},
	} {
		// application/json is what older clients accept: still 400, since
		// this is not a GraphQL request at all.
		res := send(t, http.MethodPost, s.URL, "application/json", "application/json", payload)
		if res.status != http.StatusBadRequest || firstCode(t, res.body) != palabre.EINVALID || strings.Contains(res.body, `"data"`) {
			t.Errorf("%s: %d %s", name, res.status, res.body)
		}
	}
}

func TestABadCursorIsRefusedWithoutInternals(t *testing.T) {
	t.Parallel()
	s := apitest.New(t)
	for _, cursor := range []string{"bad", "gqFp", "!!!", "eyJpZCI6MX0="} {
		for _, query := range []string{
			`query($c: Cursor) { strategies(after: $c) { totalCount } }`,
			`query($c: Cursor) { strategies(last: 1, before: $c) { totalCount } }`,
		} {
			msg := s.Fails(t, s.World.Reviewer, query, map[string]any{"c": cursor}, palabre.EINVALID)
			for _, internal := range []string{"msgpack", "base64", "EOF", "decode", "byte"} {
				if strings.Contains(msg, internal) {
					t.Errorf("cursor %q: the message shows %q: %s", cursor, internal, msg)
				}
			}
			if !strings.Contains(msg, "cursor") {
				t.Errorf("cursor %q: %s", cursor, msg)
			}
		}
	}
}
