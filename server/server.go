// Package server assembles the Palabre process: its configuration (the
// settings of config.go), the HTTP middleware (CORS, authentication, limits,
// logs), the GraphQL endpoint, the CSV endpoint, GraphiQL, health checks and
// graceful shutdown. The command line that starts it is cmd/palabre. It
// decides no business rule: those live in ent/schema and the packages beside
// it, which the API and the command line both call.
package server

import (
	"context"
	"log/slog"
	"net/http"

	"github.com/palabre/palabre/access"
	"github.com/palabre/palabre/archive"
	"github.com/palabre/palabre/attachment"
	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/events"
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
	addresses := clientAddresses{trusted: cfg.TrustedProxies}
	failures := newFailureLimiter(cfg.AuthFailuresPerMinute, addresses)
	tokens := access.NewTokens(client, access.TokenCacheTTL)
	hub := cfg.Hub
	if hub == nil {
		hub = events.NewHub(client, events.HubOptions{DatabaseURL: cfg.DatabaseURL, Poll: cfg.Subscriptions.Poll, Logger: logger})
	}
	files := attachment.NewStore(cfg.FilesLocation())
	// A database loaded from an archive package is served read-only: every
	// mutation is refused with READ_ONLY.
	readOnly, err := archive.Imported(access.SystemContext(context.Background()), client)
	if err != nil {
		return nil, err
	}
	api := graph.NewHandler(client, graph.Config{
		Files:                files,
		MaxFileBytes:         cfg.MaxFileBytes,
		MaxUploadBytes:       cfg.MaxUploadBytes,
		Development:          cfg.Env == Development,
		Logger:               logger,
		Limits:               cfg.Limits,
		PersistedDocuments:   persisted,
		TrustedOnly:          trustedOnly,
		PasswordLinkLifetime: cfg.Sessions.LinkLifetime,
		ReadOnly:             readOnly,
		Webhooks:             cfg.Webhooks(),
		Live: graph.Live{
			Hub:                        hub,
			Authenticate:               tokens.Authenticate,
			AllowOrigin:                originAllowed(cfg),
			ClientAddress:              func(r *http.Request) string { return bucket(addresses.of(r)).String() },
			SubscriptionsPerConnection: cfg.Subscriptions.PerConnection,
			ConnectionsPerToken:        cfg.Subscriptions.ConnectionsPerToken,
			Buffer:                     cfg.Subscriptions.Buffer,
			KeepAlive:                  cfg.Subscriptions.KeepAlive,
			InitTimeout:                cfg.ReadTimeout,
		},
	})
	sessions := &sessions{client: client, policy: cfg.Sessions, secure: cfg.Env != Development, failures: failures, logger: logger}
	// guarded is how every API endpoint is served: within a time limit, as its
	// caller.
	guarded := func(next http.Handler) http.Handler {
		return limitTime(cfg.RequestTimeout, authenticate(tokens, sessions, logger, failures, next))
	}

	mux := http.NewServeMux()
	mux.Handle("/graphql", webSockets(api, limitBody(cfg.MaxBodyBytes, cfg.MaxUploadBytes, guarded(api))))
	mux.Handle("GET /healthz", healthz())
	mux.Handle("GET /readyz", readyz(client, logger))
	mux.Handle("GET /consultations/{id}/response-matrix.csv", guarded(responseMatrixCSV(client, logger)))
	mux.Handle("GET /strategies/{id}/action-plan.csv", guarded(actionPlanCSV(client, logger)))
	mux.Handle("GET /attachments/{id}", guarded(attachmentDownload(client, files, logger)))
	mux.Handle("GET /strategies/{id}/archive.zip", guarded(archiveDownload(client, files, logger, archive.Strategy)))
	mux.Handle("GET /agreements/{id}/archive.zip", guarded(archiveDownload(client, files, logger, archive.Agreement)))
	mux.Handle("GET /agreements/{id}/action-plan.csv", guarded(agreementActionPlanCSV(client, logger)))
	if cfg.Env == Development {
		graphiql(mux)
	}
	sessions.routes(mux, func(next http.Handler) http.Handler {
		return limitBody(cfg.MaxBodyBytes, cfg.MaxBodyBytes, limitTime(cfg.RequestTimeout, requireCSRF(next)))
	}, func(next http.Handler) http.Handler {
		return limitBody(cfg.MaxBodyBytes, cfg.MaxBodyBytes, guarded(next))
	})
	mux.Handle("/", console.Handler(noSuchEndpoint()))
	return handler{
		Handler:  logRequests(logger, addresses, withClock(cfg.Clock, allowOrigins(cfg).Handler(mux))),
		shutdown: api.Shutdown,
	}, nil
}

// handler is the API, with what its shutdown must close that http.Server's
// does not: the WebSockets, which are hijacked connections (Serve).
type handler struct {
	http.Handler
	shutdown func()
}

// webSockets sends WebSocket upgrades to ws, which authenticates them with
// connection_init and bounds their life itself, and other requests to next.
func webSockets(ws, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Upgrade") != "" {
			ws.ServeHTTP(w, r)
			return
		}
		next.ServeHTTP(w, r)
	})
}
