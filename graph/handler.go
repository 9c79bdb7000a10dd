package graph

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/palabre/palabre/attachment"
	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/graph/generated"
	"github.com/palabre/palabre/webhook"
)

// Config is what the GraphQL endpoint needs to know about its deployment.
type Config struct {
	// Development turns on introspection, for GraphiQL and code generators.
	Development bool
	// Logger receives the details of internal errors, which callers never see.
	Logger *slog.Logger
	// Limits bound what one document may ask; zero fields take DefaultLimits.
	Limits Limits
	// PersistedDocuments are the documents a client may send by their SHA-256
	// alone, as Apollo's persisted queries do.
	PersistedDocuments []string
	// TrustedOnly runs PersistedDocuments and nothing else (trusted documents
	// mode): a document sent in full must be one of them, byte for byte.
	TrustedOnly bool
	// Live serves subscriptions over WebSockets; none without its Hub.
	Live Live
	// Files stores attached files; MaxFileBytes bounds one file and
	// MaxUploadBytes a whole multipart request.
	Files                        *attachment.Store
	MaxFileBytes, MaxUploadBytes int64
	// PasswordLinkLifetime is how long a password link works; a day when zero.
	PasswordLinkLifetime time.Duration
	// ReadOnly refuses every mutation with READ_ONLY: the database holds an
	// archive imported read-only.
	ReadOnly bool
	// Webhooks registers webhook endpoints (registerWebhook).
	Webhooks webhook.Service
}

// Handler is the GraphQL endpoint.
type Handler struct {
	http.Handler
	live *liveConnections
}

// Shutdown closes every WebSocket with 1001 (going away) and takes no new
// one: the server's own shutdown does not see them, since they are hijacked.
func (h *Handler) Shutdown() { h.live.shutdown() }

// NewHandler returns the GraphQL endpoint. The caller is read from the request
// context (auth.FromContext), set by the server's authentication middleware.
func NewHandler(client *ent.Client, cfg Config) *Handler {
	logger := cfg.Logger
	if logger == nil {
		logger = slog.Default()
	}
	links := cfg.PasswordLinkLifetime
	if links == 0 {
		links = 24 * time.Hour
	}
	live := newLiveConnections(cfg.Live)
	schema := generated.NewExecutableSchema(generated.Config{Resolvers: &Resolver{client: client, files: cfg.Files, maxFileBytes: cfg.MaxFileBytes, live: live, passwordLinkLifetime: links, webhooks: cfg.Webhooks}})
	srv := handler.New(schema)
	// WebSockets (whose origin Live checks, and which carry no cookie
	// credential), the JSON transports, and multipart for uploads behind a
	// header that only a preflighted request can carry; no form-encoded one:
	// other sites could send mutations through it without a CORS preflight.
	// The first transport that supports a request takes it: httpTransport
	// takes them all.
	if cfg.Live.Hub != nil {
		srv.AddTransport(live.websocket())
	}
	srv.AddTransport(transport.Options{})
	srv.AddTransport(newUploadTransport(cfg.MaxUploadBytes))
	srv.AddTransport(httpTransport{})
	srv.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	limits := cfg.Limits.withDefaults()
	srv.SetParserTokenLimit(limits.MaxTokens)
	if cfg.Development {
		srv.Use(extension.Introspection{})
	} else {
		srv.SetDisableSuggestion(true) // "did you mean" would map the schema for an attacker
	}
	srv.Use(newPersistedDocuments(cfg.PersistedDocuments, cfg.TrustedOnly))
	srv.Use(limitsExtension{limits})
	srv.Use(newTransactions(client, logger))
	if cfg.ReadOnly {
		srv.AroundOperations(refuseMutations)
	}
	srv.AroundOperations(withLoaders(client))
	srv.AroundFields(checkArguments(client))
	srv.SetErrorPresenter(explainInputTypos(schema.Schema(), cfg.Development, presentError(logger)))
	srv.SetRecoverFunc(recoverPanic(logger))
	return &Handler{Handler: live.serve(srv), live: live}
}

// checkArguments is the one field middleware: it bounds pages (limitPages),
// checks IDs (checkIDs) and search patterns (boundPatterns) of the fields that
// take arguments, and lets every other field through at once. Every field of
// every object of a response passes through it, and most (a code, a title, an
// eager-loaded edge) take no argument: for them, one check instead of three
// middlewares reading the field's context each.
func checkArguments(client *ent.Client) graphql.FieldMiddleware {
	ids := checkIDs(client)
	return func(ctx context.Context, next graphql.Resolver) (any, error) {
		fc := graphql.GetFieldContext(ctx)
		if fc == nil || fc.Field.Definition == nil || len(fc.Field.Definition.Arguments) == 0 {
			return next(ctx)
		}
		return limitPages(ctx, func(ctx context.Context) (any, error) {
			return boundPatterns(ctx, func(ctx context.Context) (any, error) {
				return ids(ctx, next)
			})
		})
	}
}
