package server_test

import (
	"net/http"
	"testing"

	"github.com/palabre/palabre/server"
)

func TestHealthzAnswersWhileTheProcessRuns(t *testing.T) {
	t.Parallel()
	a := startAPI(t, server.Config{})
	res := a.send(t, http.MethodGet, "/healthz", nil, nil)
	if res.Status != http.StatusOK || res.Body != "ok\n" {
		t.Fatalf("got %d %q", res.Status, res.Body)
	}
}

func TestReadyzFollowsTheDatabase(t *testing.T) {
	t.Parallel()
	a := startAPI(t, server.Config{})
	if res := a.send(t, http.MethodGet, "/readyz", nil, nil); res.Status != http.StatusOK {
		t.Fatalf("with the database open: got %d %q", res.Status, res.Body)
	}
	a.Client.Close()
	if res := a.send(t, http.MethodGet, "/readyz", nil, nil); res.Status != http.StatusServiceUnavailable {
		t.Fatalf("with the database closed: got %d %q", res.Status, res.Body)
	}
	if res := a.send(t, http.MethodGet, "/healthz", nil, nil); res.Status != http.StatusOK {
		t.Fatalf("healthz must not depend on the database: got %d", res.Status)
	}
}
