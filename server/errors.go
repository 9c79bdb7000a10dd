package server

import (
	"encoding/json"
	"log/slog"
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

// failed answers a request that could not be served for a reason that is not
// the caller's input: out of time (or the client gone), 503 TIMEOUT; the
// database away for a moment, 503 UNAVAILABLE with Retry-After, logged as a
// warning; anything else 500 INTERNAL, logged as an error, details hidden.
func failed(w http.ResponseWriter, r *http.Request, logger *slog.Logger, what string, err error) {
	switch {
	case r.Context().Err() != nil:
		writeError(w, http.StatusServiceUnavailable, palabre.ETIMEOUT, "the request ran out of time and was stopped: retry later")
	case palabre.ErrorCode(err) == palabre.EUNAVAILABLE:
		logger.WarnContext(r.Context(), what+": database unavailable", "path", r.URL.Path, "err", err)
		w.Header().Set("Retry-After", "1")
		writeError(w, http.StatusServiceUnavailable, palabre.EUNAVAILABLE, palabre.ErrorMessage(err))
	default:
		logger.ErrorContext(r.Context(), what, "path", r.URL.Path, "err", err)
		writeError(w, http.StatusInternalServerError, palabre.EINTERNAL, "internal error")
	}
}
