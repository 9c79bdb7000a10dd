// Package server assembles the Palabre process: its configuration (the
// settings of config.go), the HTTP middleware (CORS, authentication, limits,
// logs), the GraphQL endpoint, the CSV endpoint, GraphiQL, health checks and
// graceful shutdown. The command line that starts it is cmd/palabre. It
// decides no business rule: those live in ent/schema and the packages beside
// it, which the API and the command line both call.
package server

import (
	"log/slog"
	"net/http"

	"github.com/palabre/palabre/access"
	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/graph"
	"github.com/palabre/palabre/server/console"
)

// New returns the HTTP handler of the API: GraphQL at /graphql, the web
// console's sign-in endpoints under /auth/, the web console at /, GraphiQL at
// /graphiql in development, /healthz and /readyz. Fields of cfg left at zero take their
// defaults.
func New(cfg Config, client *ent.Client, logger *slog.Logger) (http.Handler, error) {
	cfg = cfg.withDefaults()
	persisted, trustedOnly, err := persistedDocuments(cfg.TrustedDocuments)
	if err != nil {
		return nil, err
	}
	api := graph.NewHandler(client, graph.Config{
		Development:        cfg.Env == Development,
		Logger:             logger,
		Limits:             cfg.Limits,
		PersistedDocuments: persisted,
		TrustedOnly:        trustedOnly,

		PasswordLinkLifetime: cfg.Sessions.LinkLifetime,
	})
	addresses := clientAddresses{trusted: cfg.TrustedProxies}
	failures := newFailureLimiter(cfg.AuthFailuresPerMinute, addresses)
	tokens := access.NewTokens(client, access.TokenCacheTTL)
	sessions := &sessions{client: client, policy: cfg.Sessions, secure: cfg.Env != Development, failures: failures, logger: logger}
	// guarded is how every API endpoint is served: within a time limit, as its
	// caller.
	guarded := func(next http.Handler) http.Handler {
		return limitTime(cfg.RequestTimeout, authenticate(tokens, sessions, logger, failures, next))
	}

	mux := http.NewServeMux()
	mux.Handle("/graphql", limitBody(cfg.MaxBodyBytes, guarded(api)))
	mux.Handle("GET /healthz", healthz())
	mux.Handle("GET /readyz", readyz(client, logger))
	mux.Handle("GET /consultations/{id}/response-matrix.csv", guarded(responseMatrixCSV(client, logger)))
	mux.Handle("GET /strategies/{id}/action-plan.csv", guarded(actionPlanCSV(client, logger)))
	sessions.routes(mux, func(next http.Handler) http.Handler {
		return limitBody(cfg.MaxBodyBytes, limitTime(cfg.RequestTimeout, requireCSRF(next)))
	}, func(next http.Handler) http.Handler { return limitBody(cfg.MaxBodyBytes, guarded(next)) })
	if cfg.Env == Development {
		graphiql(mux)
	}
	mux.Handle("/", console.Handler(noSuchEndpoint()))
	return logRequests(logger, addresses, withClock(cfg.Clock, allowOrigins(cfg).Handler(mux))), nil
}
