package server

import (
	"net/http"
	"net/url"
	"slices"

	"github.com/rs/cors"
)

// allowOrigins lets the pages of the configured origins call the API from a
// browser. Tokens travel in the Authorization header, not in cookies, so
// credentials are never allowed, and each allowed origin is echoed back: the
// answer is never "*".
func allowOrigins(cfg Config) *cors.Cors {
	return cors.New(cors.Options{
		// A function rather than AllowedOrigins: rs/cors reads an empty list
		// as "every origin", and production has none by default.
		AllowOriginFunc:  originAllowed(cfg),
		AllowedMethods:   []string{http.MethodGet, http.MethodPost},
		AllowedHeaders:   []string{"Authorization", "Content-Type"},
		AllowCredentials: false,
		MaxAge:           600,
	})
}

// originAllowed says whether pages of an origin may call the API: those of the
// CORS origins, and in development the local ones. WebSockets, which CORS
// does not cover, are checked against it too.
func originAllowed(cfg Config) func(origin string) bool {
	return func(origin string) bool {
		return slices.Contains(cfg.CORSOrigins, origin) || (cfg.Env == Development && isLocal(origin))
	}
}

// isLocal reports whether a page is served from this machine, as a frontend
// developer's is (http://localhost:5173, http://127.0.0.1:3000).
func isLocal(origin string) bool {
	u, err := url.Parse(origin)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Path != "" {
		return false
	}
	switch u.Hostname() {
	case "localhost", "127.0.0.1", "::1":
		return true
	}
	return false
}
