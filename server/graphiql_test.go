package server_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/palabre/palabre/server"
)

func TestGraphiQLIsServedInDevelopment(t *testing.T) {
	t.Parallel()
	a := startAPI(t, server.Config{Env: server.Development})
	res := a.send(t, http.MethodGet, "/", nil, nil)
	if res.Status != http.StatusOK || !strings.Contains(strings.ToLower(res.Body), "graphiql") {
		t.Fatalf("got %d %.200s", res.Status, res.Body)
	}
}

func TestGraphiQLIsAbsentInProduction(t *testing.T) {
	t.Parallel()
	a := startAPI(t, server.Config{Env: server.Production})
	if res := a.send(t, http.MethodGet, "/", nil, nil); res.Status != http.StatusNotFound {
		t.Fatalf("got %d %.200s", res.Status, res.Body)
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
