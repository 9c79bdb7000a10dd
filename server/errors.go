package server

import (
	"encoding/json"
	"net/http"
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
