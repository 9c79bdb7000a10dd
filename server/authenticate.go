package server

import (
	"log/slog"
	"net/http"
	"strings"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/access"
	"github.com/palabre/palabre/auth"
)

// authenticate puts the caller of a request in its context: the viewer of its
// bearer token, else of its session cookie (sessions.fromCookie, which also
// guards against cross-site requests), or nobody (the public) when it sends
// neither.
// A token that is sent but not valid is refused rather than treated as public,
// so that a client with an expired token learns it at once: 401 as RFC 6750
// asks, or 429 once its address has failed too often (failureLimiter). What a
// valid token stands for is remembered for access.TokenCacheTTL (tokens).
func authenticate(tokens *access.Tokens, sessions *sessions, logger *slog.Logger, failures *failureLimiter, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		header := r.Header.Get("Authorization")
		if header == "" {
			if c, err := r.Cookie(sessionCookie); err == nil && c.Value != "" {
				viewer, ok := sessions.fromCookie(w, r, c)
				if !ok {
					return
				}
				r = r.WithContext(auth.NewContext(r.Context(), viewer))
			}
			next.ServeHTTP(w, r)
			return
		}
		token, ok := bearerToken(header)
		if !ok {
			failures.refuse(w, r, `the Authorization header must read "Bearer <token>"`)
			return
		}
		viewer, err := tokens.Authenticate(r.Context(), token)
		if palabre.ErrorCode(err) == palabre.EUNAUTHENTICATED {
			failures.refuse(w, r, palabre.ErrorMessage(err))
			return
		}
		if err != nil {
			writeFailure(w, r, logger, err)
			return
		}
		next.ServeHTTP(w, r.WithContext(auth.NewContext(r.Context(), viewer)))
	})
}

// bearerToken returns the token of an Authorization header of the Bearer
// scheme, whose name is case-insensitive (RFC 9110).
func bearerToken(header string) (string, bool) {
	scheme, token, _ := strings.Cut(header, " ")
	token = strings.TrimSpace(token)
	return token, strings.EqualFold(scheme, "Bearer") && token != ""
}
