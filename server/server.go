// Package server assembles the Palabre process: configuration, the database,
// the HTTP middleware (CORS, authentication, limits, logs), the GraphQL
// endpoint, GraphiQL, health checks, graceful shutdown and the command line.
// It decides no business rule: those live in ent/schema and the packages
// beside it, which the API and the command line both call.
package server

import (
	"log/slog"
	"net/http"

	"github.com/99designs/gqlgen/graphql/playground"

	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/graph"
)

// New returns the HTTP handler of the API: GraphQL at /graphql, GraphiQL at /
// in development, /healthz and /readyz. Fields of cfg left at zero take their
// defaults.
func New(cfg Config, client *ent.Client, logger *slog.Logger) (http.Handler, error) {
	cfg = cfg.withDefaults()
	trusted, err := loadTrustedDocuments(cfg.TrustedDocuments)
	if err != nil {
		return nil, err
	}
	api := graph.NewHandler(client, graph.Config{
		Development:      cfg.Env == Development,
		Logger:           logger,
		Limits:           cfg.Limits,
		TrustedDocuments: trusted,
	})
	failures := newFailureLimiter(cfg.AuthFailuresPerMinute)
	// guarded is how every API endpoint is served: within a time limit, to a
	// client that has not used up its failed authentications, as its caller.
	guarded := func(next http.Handler) http.Handler {
		return limitTime(cfg.RequestTimeout, failures.guard(authenticate(client, logger, failures, next)))
	}

	mux := http.NewServeMux()
	mux.Handle("/graphql", limitBody(cfg.MaxBodyBytes, guarded(api)))
	mux.Handle("GET /healthz", healthz())
	mux.Handle("GET /readyz", readyz(client, logger))
	mux.Handle("GET /consultations/{id}/response-matrix.csv", guarded(responseMatrixCSV(client, logger)))
	if cfg.Env == Development {
		mux.Handle("GET /{$}", playground.Handler("Palabre", "/graphql"))
	}
	return logRequests(logger, withClock(cfg.Clock, allowOrigins(cfg).Handler(mux))), nil
}
