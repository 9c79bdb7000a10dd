package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/palabre/palabre/access"
	"github.com/palabre/palabre/auth"
	"github.com/palabre/palabre/database/dbtest"
	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/server"
)

// api is the whole HTTP stack on a private database, with its logs kept.
type api struct {
	URL    string
	Client *ent.Client
	Logs   *syncBuffer
}

// startAPI serves server.New(cfg) on a fresh database.
func startAPI(t *testing.T, cfg server.Config) *api {
	t.Helper()
	client := dbtest.Open(t)
	logs := &syncBuffer{}
	logger := slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	h, err := server.New(cfg, client, logger)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)
	return &api{URL: ts.URL, Client: client, Logs: logs}
}

// newToken creates an account with the role and returns a token of it that
// lives for ttl (0: forever).
func (a *api) newToken(t *testing.T, email string, role auth.Role, ttl time.Duration) string {
	t.Helper()
	ctx := access.SystemContext(context.Background())
	if _, err := access.CreateAccount(ctx, a.Client, access.NewAccount{Name: "Awa Ndiaye", Email: email, Role: role}); err != nil {
		t.Fatal(err)
	}
	token, _, err := access.IssueToken(ctx, a.Client, email, "test", ttl)
	if err != nil {
		t.Fatal(err)
	}
	return token
}

// response is what a request got back.
type response struct {
	Status int
	Header http.Header
	Body   string
}

// send sends a request to the API and reads the whole answer.
func (a *api) send(t *testing.T, method, path string, body io.Reader, header map[string]string) response {
	t.Helper()
	req, err := http.NewRequest(method, a.URL+path, body)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header.Set(k, v)
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
	return response{Status: res.StatusCode, Header: res.Header, Body: string(raw)}
}

// query posts a GraphQL query with a token ("" for the public).
func (a *api) query(t *testing.T, token, query string) response {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query})
	header := map[string]string{"Content-Type": "application/json"}
	if token != "" {
		header["Authorization"] = "Bearer " + token
	}
	return a.send(t, http.MethodPost, "/graphql", bytes.NewReader(body), header)
}

// errorCode returns the code of the first GraphQL error of a body.
func errorCode(t *testing.T, body string) string {
	t.Helper()
	var out struct {
		Errors []struct {
			Message    string `json:"message"`
			Extensions struct {
				Code string `json:"code"`
			} `json:"extensions"`
		} `json:"errors"`
	}
	if err := json.Unmarshal([]byte(body), &out); err != nil {
		t.Fatalf("body is not JSON: %s", body)
	}
	if len(out.Errors) == 0 {
		return ""
	}
	return out.Errors[0].Extensions.Code
}

// syncBuffer is a buffer that handlers running on the server's goroutines
// and the test can share.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
