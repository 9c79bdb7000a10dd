package server

import (
	"net/http"

	"github.com/palabre/palabre/clock"
)

// withClock gives every request the server's clock (the system clock when c
// is nil): authentication, hooks and workflows read the time from it.
func withClock(c clock.Clock, next http.Handler) http.Handler {
	if c == nil {
		c = clock.System
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(w, r.WithContext(clock.NewContext(r.Context(), c)))
	})
}
