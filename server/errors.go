package server

import (
	"encoding/json"
	"log/slog"
	"net/http"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/graph"
)

// writeFailure answers a request of an endpoint beside GraphQL that failed
// with err, as GraphQL would code it (graph.Classify) and with the status of
// that code (palabre.HTTPStatus): a refusal is 401, 403 or 404, a time-out 503
// TIMEOUT, the database away for a moment 503 UNAVAILABLE with Retry-After
// (logged as a warning), and only what nothing recognises is 500, logged, its
// details never shown.
func writeFailure(w http.ResponseWriter, r *http.Request, logger *slog.Logger, err error) {
	code, message := graph.Classify(r.Context(), err)
	switch code {
	case palabre.EINTERNAL:
		logger.ErrorContext(r.Context(), "internal error", "method", r.Method, "path", r.URL.Path, "err", err)
	case palabre.EUNAVAILABLE:
		logger.WarnContext(r.Context(), "database unavailable", "method", r.Method, "path", r.URL.Path, "err", err)
		w.Header().Set("Retry-After", "1")
	}
	writeError(w, palabre.HTTPStatus(code), code, message)
}

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
