package server_test

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/server"
)

func TestBodyOverTheLimitIsRefused(t *testing.T) {
	t.Parallel()
	a := startAPI(t, server.Config{MaxBodyBytes: 1024})
	big := `{"query":"{ __typename }","variables":{"pad":"` + strings.Repeat("x", 2048) + `"}}`
	header := map[string]string{"Content-Type": "application/json"}

	res := a.send(t, http.MethodPost, "/graphql", strings.NewReader(big), header)
	if res.Status != http.StatusRequestEntityTooLarge || errorCode(t, res.Body) != palabre.EINVALID {
		t.Fatalf("announced length: got %d %s", res.Status, res.Body)
	}
	// A chunked body announces no length: it is cut while read.
	res = a.send(t, http.MethodPost, "/graphql", io.MultiReader(strings.NewReader(big)), header)
	if res.Status != http.StatusRequestEntityTooLarge || errorCode(t, res.Body) != palabre.EINVALID {
		t.Fatalf("chunked: got %d %s", res.Status, res.Body)
	}
}

func TestBodyUnderTheLimitPasses(t *testing.T) {
	t.Parallel()
	a := startAPI(t, server.Config{MaxBodyBytes: 1024})
	res := a.send(t, http.MethodPost, "/graphql", io.MultiReader(strings.NewReader(`{"query":"{ __typename }"}`)),
		map[string]string{"Content-Type": "application/json"})
	if res.Status != http.StatusOK || !strings.Contains(res.Body, `"__typename":"Query"`) {
		t.Fatalf("got %d %s", res.Status, res.Body)
	}
}
