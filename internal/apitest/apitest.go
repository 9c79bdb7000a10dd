// Package apitest runs the GraphQL API over HTTP against a private database,
// for tests that exercise it as a frontend would: with a bearer token, a query
// and variables, and assertions on data and error codes.
package apitest

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/palabre/palabre/database/dbtest"
	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/events"
	"github.com/palabre/palabre/server"
)

// Server is a running API with its database and the demo world loaded.
type Server struct {
	URL    string
	Base   string      // the server's origin, for the endpoints beside /graphql
	Client *ent.Client // the database, for setup and for checking what was stored
	World  *World
	Files  string      // the folder of attached files
	Hub    *events.Hub // what the subscriptions are told by
}

// New starts the API on a fresh database holding the test world. Options are
// passed to dbtest.Open (a driver wrapper, say).
func New(t testing.TB, opts ...dbtest.Option) *Server {
	t.Helper()
	return NewWithConfig(t, nil, opts...)
}

// NewWithConfig is New with changes to the server's default (production)
// configuration.
func NewWithConfig(t testing.TB, configs []func(*server.Config), opts ...dbtest.Option) *Server {
	t.Helper()
	client := dbtest.Open(t, opts...)
	world := Build(t, client)
	logger := slog.New(slog.NewTextHandler(testWriter{t}, nil))
	if _, ok := t.(*testing.B); ok {
		// A benchmark measures the API, not the writing of its request log.
		logger = slog.New(slog.DiscardHandler)
	}
	cfg := server.DefaultConfig()
	cfg.Files = t.TempDir()
	cfg.Hub = events.NewHub(client, events.HubOptions{Logger: logger})
	for _, configure := range configs {
		configure(&cfg)
	}
	h, err := server.New(cfg, client, logger)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)
	return &Server{URL: ts.URL + "/graphql", Base: ts.URL, Client: client, World: world, Files: cfg.Files, Hub: cfg.Hub}
}

// Response is a GraphQL response.
type Response struct {
	Status int
	Data   json.RawMessage `json:"data"`
	Errors []Error         `json:"errors"`
}

// Error is one GraphQL error.
type Error struct {
	Message    string `json:"message"`
	Path       []any  `json:"path"`
	Extensions struct {
		Code   string            `json:"code"`
		Reason string            `json:"reason"`
		Params map[string]string `json:"params"`
	} `json:"extensions"`
}

// Code returns the code of the first error, or "" when there is none.
func (r *Response) Code() string {
	if len(r.Errors) == 0 {
		return ""
	}
	return r.Errors[0].Extensions.Code
}

// Do sends a query with a token ("" for the public) and returns the response.
func (s *Server) Do(t testing.TB, token, query string, vars map[string]any) *Response {
	t.Helper()
	return s.DoOperation(t, token, query, "", vars)
}

// DoOperation is Do for one named operation of a document that holds several
// ("" when it holds one).
func (s *Server) DoOperation(t testing.TB, token, query, operationName string, vars map[string]any) *Response {
	t.Helper()
	request := map[string]any{"query": query, "variables": vars}
	if operationName != "" {
		request["operationName"] = operationName
	}
	body, err := json.Marshal(request)
	if err != nil {
		t.Fatal(err)
	}
	req, err := http.NewRequestWithContext(context.Background(), http.MethodPost, s.URL, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	raw, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	out := &Response{Status: res.StatusCode}
	if err := json.Unmarshal(raw, out); err != nil {
		t.Fatalf("response is not JSON (status %d): %s", res.StatusCode, raw)
	}
	return out
}

// OK sends a query that must succeed and decodes its data into v.
func (s *Server) OK(t testing.TB, token, query string, vars map[string]any, v any) {
	t.Helper()
	res := s.Do(t, token, query, vars)
	if len(res.Errors) > 0 {
		t.Fatalf("unexpected errors: %+v", res.Errors)
	}
	if v != nil {
		if err := json.Unmarshal(res.Data, v); err != nil {
			t.Fatalf("decoding %s: %v", res.Data, err)
		}
	}
}

// Fails sends a query that must fail with the given code, and returns the message.
func (s *Server) Fails(t testing.TB, token, query string, vars map[string]any, code string) string {
	t.Helper()
	res := s.Do(t, token, query, vars)
	if res.Code() != code {
		t.Fatalf("want error %s, got %+v (data %s)", code, res.Errors, res.Data)
	}
	return res.Errors[0].Message
}

// testWriter sends the server's log to the test's log, shown when a test fails.
type testWriter struct{ t testing.TB }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(string(bytes.TrimRight(p, "\n")))
	return len(p), nil
}
