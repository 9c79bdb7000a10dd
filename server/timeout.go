package server

import (
	"context"
	"net/http"
	"time"
)

// limitTime bounds the work of a request: its context is cancelled after d, and
// with it every database query it has under way.
func limitTime(d time.Duration, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), d)
		defer cancel()
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}
