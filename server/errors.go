package server

import (
	"encoding/json"
	"net/http"

	"github.com/palabre/palabre"
)

// writeError answers a request that never reached the GraphQL endpoint with a
// body shaped like a GraphQL error, so that clients handle both alike.
func writeError(w http.ResponseWriter, status int, code, message string) {
	type extensions struct {
		Code string `json:"code"`
	}
	type gqlError struct {
		Message    string     `json:"message"`
		Extensions extensions `json:"extensions"`
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(struct {
		Errors []gqlError `json:"errors"`
	}{[]gqlError{{message, extensions{code}}}})
}

// noSuchEndpoint answers the paths the server does not serve, with a code like
// every other error.
func noSuchEndpoint() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, palabre.ENOTFOUND, "no such endpoint: the GraphQL API is at /graphql")
	})
}
