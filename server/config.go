package server

import (
	"flag"
	"fmt"
	"log/slog"
	"net/netip"
	"net/url"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/palabre/palabre/access"
	"github.com/palabre/palabre/attachment"
	"github.com/palabre/palabre/clock"
	"github.com/palabre/palabre/database"
	"github.com/palabre/palabre/events"
	"github.com/palabre/palabre/graph"
	"github.com/palabre/palabre/mail"
	"github.com/palabre/palabre/outbox"
	"github.com/palabre/palabre/webhook"
)

// Config is how the process is deployed. It comes from the environment
// (PALABRE_*) and the command line, the command line winning: see Settings.
type Config struct {
	// Env is production (the default) or development (GraphiQL, introspection,
	// CORS from local origins, readable logs).
	Env Env
	// Addr is where the server listens, host:port.
	Addr string
	// DatabaseURL is a SQLite file name, or a postgres:// URL for PostgreSQL.
	DatabaseURL string
	// DatabaseConnections is how many connections to the database the process
	// holds at most, and keeps open between requests; 0 is the store's
	// default (database.DefaultConnections).
	DatabaseConnections int
	// CORSOrigins are the web origins (scheme://host[:port]) whose pages may
	// call the API. None by default; development adds the local ones.
	CORSOrigins []string
	// MaxBodyBytes bounds the size of a request body.
	MaxBodyBytes int64
	// Files is where attached files are stored: a folder, or an s3:// URL for
	// S3-compatible storage; empty is a folder beside the SQLite file
	// (FilesLocation).
	Files string
	// MaxFileBytes bounds one attached file; MaxUploadBytes a whole multipart
	// request (its files and its GraphQL document), instead of MaxBodyBytes.
	MaxFileBytes, MaxUploadBytes int64
	// ReadTimeout, WriteTimeout and IdleTimeout bound a connection's phases;
	// ShutdownTimeout is how long in-flight requests get to finish on SIGTERM.
	ReadTimeout, WriteTimeout, IdleTimeout, ShutdownTimeout time.Duration
	// LogLevel is the lowest level logged.
	LogLevel slog.Level
	// RequestTimeout bounds the work of one request, database included.
	RequestTimeout time.Duration
	// Limits bound what one GraphQL document may ask (depth, cost, aliases, tokens).
	Limits graph.Limits
	// TrustedDocuments is the path of a persisted-documents manifest (a JSON
	// object whose values are documents); when set, only those documents run.
	// Without it, the contract's manifest (built into the binary) is known, so
	// clients send its documents by hash, and any other document in full.
	TrustedDocuments string
	// AuthFailuresPerMinute is how many failed authentications a client address
	// may make in a minute before it is refused for a while.
	AuthFailuresPerMinute int
	// TrustedProxies are the reverse proxies (CIDR blocks, or addresses) whose
	// Forwarded and X-Forwarded-For headers tell the client's address. None by
	// default: those headers are then ignored, since any client can send them.
	TrustedProxies []netip.Prefix
	// MemoryLimit is the Go heap's soft limit, in bytes (runtime/debug's
	// SetMemoryLimit): below it the garbage collector runs seldom (GCPercent),
	// which saves the CPU a busy server would spend collecting; near it, as
	// often as it must. 0 leaves the Go runtime's defaults (and GOGC,
	// GOMEMLIMIT) alone.
	MemoryLimit int64
	// Subscriptions bound what the WebSocket clients of subscriptions hold.
	Subscriptions SubscriptionLimits
	// Hub tells subscriptions what happened: server.New makes one on the
	// database when nil. Tests set one, to know when it holds their
	// subscriptions; it has no flag or variable.
	Hub *events.Hub
	// Sessions bound how long a web console session lasts (idle and in all)
	// and how long a password link works.
	Sessions access.SessionPolicy
	// Clock tells every request the time: the system clock when nil. Tests
	// set a fake one (clock.NewFake); it has no flag or variable.
	Clock clock.Clock
	// SecretKey seals the secrets the server must keep usable (webhook
	// signing secrets); nil in production refuses to register webhooks.
	SecretKey *webhook.Key
	// Outbox is how the notification outbox's worker delivers.
	Outbox outbox.Options
	// Mail is how e-mails are sent (mail.NewSender): the SMTP server, the
	// sender's address and the public URL of the console for the links.
	Mail mail.Settings
}

// SubscriptionLimits bound what the WebSocket clients of subscriptions hold.
type SubscriptionLimits struct {
	// PerConnection is how many subscriptions one connection holds at most.
	PerConnection int
	// ConnectionsPerToken is how many connections one token (or, for the
	// public, one client address) holds at once at most.
	ConnectionsPerToken int
	// Buffer is how many events may wait for one subscription; a subscriber
	// that lets more wait is disconnected.
	Buffer int
	// KeepAlive is how often a socket is pinged; it is closed when its pong
	// does not come within twice that.
	KeepAlive time.Duration
	// Poll is how often the audit trail is read for events when no commit
	// of this process nor notification of PostgreSQL said it grew.
	Poll time.Duration
}

// Env is the kind of deployment.
type Env string

// The two kinds of deployment.
const (
	Production  Env = "production"
	Development Env = "development"
)

// DefaultConfig returns the configuration used when nothing is set.
func DefaultConfig() Config {
	return Config{
		Env:             Production,
		Addr:            "127.0.0.1:8080",
		DatabaseURL:     "palabre.db",
		MaxBodyBytes:    1 << 20,
		MaxFileBytes:    attachment.DefaultMaxFileBytes,
		MaxUploadBytes:  50 << 20,
		ReadTimeout:     15 * time.Second,
		WriteTimeout:    30 * time.Second,
		IdleTimeout:     2 * time.Minute,
		ShutdownTimeout: 20 * time.Second,
		LogLevel:        slog.LevelInfo,
		RequestTimeout:  10 * time.Second,
		Limits:          graph.DefaultLimits(),
		MemoryLimit:     DefaultMemoryLimit,
		Subscriptions: SubscriptionLimits{
			PerConnection: 20, ConnectionsPerToken: 10, Buffer: 64, KeepAlive: 25 * time.Second, Poll: events.DefaultPoll,
		},

		AuthFailuresPerMinute: 10,
		Sessions: access.SessionPolicy{
			Idle:         30 * time.Minute,
			Lifetime:     12 * time.Hour,
			LinkLifetime: 72 * time.Hour,
		},
		Outbox: outbox.DefaultOptions(),
	}
}

// Setting is one thing an operator can set, by an environment variable or by a
// flag of `palabre serve`, the flag winning. The list of settings below is the
// only one: the environment, the flags and the README's configuration table
// (written by `make generate`, checked by a test) all come from it.
type Setting struct {
	Env  string // the environment variable: PALABRE_ADDR
	Flag string // the flag, without its dashes: addr
	// Doc says what the setting does, for the README (Markdown) and for -h.
	Doc string
	// Default is how the README shows the default, when the value's own form
	// ("1048576") is not the clearest; "" shows the value's form.
	Default string
	value   func(*Config) flag.Value
}

// settings is every setting, in the order the README lists them.
var settings = []Setting{
	{Env: "PALABRE_ENV", Flag: "env", value: func(c *Config) flag.Value { return &c.Env },
		Doc: "`development` turns on GraphiQL at `/graphiql`, non-`Secure` session cookies (for http://localhost), introspection and local CORS origins"},
	{Env: "PALABRE_ADDR", Flag: "addr", value: func(c *Config) flag.Value { return (*stringValue)(&c.Addr) },
		Doc: "where the server listens, host:port"},
	{Env: "PALABRE_DATABASE_URL", Flag: "database", value: func(c *Config) flag.Value { return (*stringValue)(&c.DatabaseURL) },
		Doc: "a SQLite file, or a `postgres://` URL"},
	{Env: "PALABRE_DATABASE_CONNECTIONS", Flag: "database-connections", Default: "20 (PostgreSQL), 8 (SQLite)",
		value: func(c *Config) flag.Value { return (*positiveInt)(&c.DatabaseConnections) },
		Doc:   "connections to the database the process opens at most; it keeps them all open between requests, so give it at least the requests you expect at once (each instance counts against PostgreSQL's `max_connections`)"},
	{Env: "PALABRE_CORS_ORIGINS", Flag: "cors-origins", value: func(c *Config) flag.Value { return (*originList)(&c.CORSOrigins) },
		Doc: "comma-separated `scheme://host[:port]` origins whose pages may call the API"},
	{Env: "PALABRE_MAX_BODY_BYTES", Flag: "max-body-bytes", Default: "1 MiB", value: func(c *Config) flag.Value { return (*bytesValue)(&c.MaxBodyBytes) },
		Doc: "largest request body accepted, in bytes; larger ones get 413"},
	{Env: "PALABRE_MEMORY_LIMIT", Flag: "memory-limit", Default: "80 MiB", value: func(c *Config) flag.Value { return (*bytesValue)(&c.MemoryLimit) },
		Doc: "soft limit of the server's heap, in bytes: below it the garbage collector runs seldom (as with `GOGC=400`), near it as often as it must; `0` leaves Go's defaults and its `GOGC`/`GOMEMLIMIT` variables"},
	{Env: "PALABRE_FILES", Flag: "files", Default: "<database>-files beside the SQLite file (palabre-files with PostgreSQL)",
		value: func(c *Config) flag.Value { return (*stringValue)(&c.Files) },
		Doc:   "where attached files are stored, each once under its SHA-256: a folder, or an S3-compatible bucket as `s3://bucket?region=R&endpoint=URL&use_path_style=true` (credentials from the AWS variables); give several instances one bucket"},
	{Env: "PALABRE_MAX_FILE_BYTES", Flag: "max-file-bytes", Default: "20 MiB", value: func(c *Config) flag.Value { return (*bytesValue)(&c.MaxFileBytes) },
		Doc: "largest attached file, in bytes; a larger one is refused (`BAD_USER_INPUT`) and nothing is stored"},
	{Env: "PALABRE_MAX_UPLOAD_BYTES", Flag: "max-upload-bytes", Default: "50 MiB", value: func(c *Config) flag.Value { return (*bytesValue)(&c.MaxUploadBytes) },
		Doc: "largest multipart request (an upload: its files and its document), in bytes, instead of `PALABRE_MAX_BODY_BYTES`; larger ones get 413"},
	{Env: "PALABRE_LOG_LEVEL", Flag: "log-level", value: func(c *Config) flag.Value { return (*levelValue)(&c.LogLevel) },
		Doc: "`debug`, `info`, `warn` or `error`; logs are JSON lines in production, text in development; they never contain tokens"},
	{Env: "PALABRE_REQUEST_TIMEOUT", Flag: "request-timeout", value: func(c *Config) flag.Value { return (*durationValue)(&c.RequestTimeout) },
		Doc: "time limit of one request; its database work is cancelled (`TIMEOUT`)"},
	{Env: "PALABRE_READ_TIMEOUT", Flag: "read-timeout", value: func(c *Config) flag.Value { return (*durationValue)(&c.ReadTimeout) },
		Doc: "time to read a whole request, headers and body"},
	{Env: "PALABRE_WRITE_TIMEOUT", Flag: "write-timeout", value: func(c *Config) flag.Value { return (*durationValue)(&c.WriteTimeout) },
		Doc: "time to write an answer"},
	{Env: "PALABRE_IDLE_TIMEOUT", Flag: "idle-timeout", value: func(c *Config) flag.Value { return (*durationValue)(&c.IdleTimeout) },
		Doc: "time an idle keep-alive connection is kept open"},
	{Env: "PALABRE_SHUTDOWN_TIMEOUT", Flag: "shutdown-timeout", value: func(c *Config) flag.Value { return (*durationValue)(&c.ShutdownTimeout) },
		Doc: "on SIGTERM, time in-flight requests get to finish"},
	{Env: "PALABRE_MAX_DEPTH", Flag: "max-depth", value: func(c *Config) flag.Value { return (*positiveInt)(&c.Limits.MaxDepth) },
		Doc: "deepest nesting of a document (a three-hop Relay screen is about 10)"},
	{Env: "PALABRE_MAX_COST", Flag: "max-cost", value: func(c *Config) flag.Value { return (*positiveInt)(&c.Limits.MaxCost) },
		Doc: "objects a document may return: a connection costs its `first`/`last` (20 by default) times its children"},
	{Env: "PALABRE_MAX_ALIASES", Flag: "max-aliases", value: func(c *Config) flag.Value { return (*positiveInt)(&c.Limits.MaxAliases) },
		Doc: "aliased fields in a document"},
	{Env: "PALABRE_MAX_TOKENS", Flag: "max-tokens", value: func(c *Config) flag.Value { return (*positiveInt)(&c.Limits.MaxTokens) },
		Doc: "lexical tokens in a document"},
	{Env: "PALABRE_TRUSTED_DOCUMENTS", Flag: "trusted-documents", value: func(c *Config) flag.Value { return (*stringValue)(&c.TrustedDocuments) },
		Doc: "trusted-documents mode: a persisted-documents manifest (`frontend-contract/generated/persisted-documents.json`) whose documents are the only ones that run, sent whole or as `extensions.persistedQuery.sha256Hash`; without it, the contract's documents (built into the binary) run by hash and any other document in full"},
	{Env: "PALABRE_AUTH_FAILURES_PER_MINUTE", Flag: "auth-failures-per-minute", value: func(c *Config) flag.Value { return (*positiveInt)(&c.AuthFailuresPerMinute) },
		Doc: "failed authentications a client address may make per minute before it gets 429"},
	{Env: "PALABRE_SESSION_IDLE", Flag: "session-idle", value: func(c *Config) flag.Value { return (*durationValue)(&c.Sessions.Idle) },
		Doc: "a web console session unused for that long ends (idle expiry)"},
	{Env: "PALABRE_SESSION_LIFETIME", Flag: "session-lifetime", value: func(c *Config) flag.Value { return (*durationValue)(&c.Sessions.Lifetime) },
		Doc: "a web console session ends that long after sign-in, however used (absolute expiry)"},
	{Env: "PALABRE_PASSWORD_LINK_LIFETIME", Flag: "password-link-lifetime", value: func(c *Config) flag.Value { return (*durationValue)(&c.Sessions.LinkLifetime) },
		Doc: "how long a one-time password link (`palabre account password-link`, `createPasswordLink`) works"},
	{Env: "PALABRE_TRUSTED_PROXIES", Flag: "trusted-proxies", value: func(c *Config) flag.Value { return (*prefixList)(&c.TrustedProxies) },
		Doc: "comma-separated CIDR blocks (or addresses) of the reverse proxies whose `Forwarded` and `X-Forwarded-For` headers give the client's address; none by default, and those headers are then ignored"},
	{Env: "PALABRE_SUBSCRIPTIONS_PER_CONNECTION", Flag: "subscriptions-per-connection", value: func(c *Config) flag.Value { return (*positiveInt)(&c.Subscriptions.PerConnection) },
		Doc: "GraphQL subscriptions one WebSocket connection holds at once"},
	{Env: "PALABRE_CONNECTIONS_PER_TOKEN", Flag: "connections-per-token", value: func(c *Config) flag.Value { return (*positiveInt)(&c.Subscriptions.ConnectionsPerToken) },
		Doc: "WebSocket connections one token holds at once (the public: one client address); more are closed with 1008"},
	{Env: "PALABRE_SUBSCRIPTION_BUFFER", Flag: "subscription-buffer", value: func(c *Config) flag.Value { return (*positiveInt)(&c.Subscriptions.Buffer) },
		Doc: "events that may wait for one subscription; a subscriber that lets more wait is too slow, and its connection is closed with 1008"},
	{Env: "PALABRE_KEEPALIVE", Flag: "keepalive", value: func(c *Config) flag.Value { return (*durationValue)(&c.Subscriptions.KeepAlive) },
		Doc: "how often a WebSocket is pinged (graphql-transport-ws ping); one whose pong does not come within twice that is closed"},
	{Env: "PALABRE_EVENTS_POLL", Flag: "events-poll", value: func(c *Config) flag.Value { return (*durationValue)(&c.Subscriptions.Poll) },
		Doc: "how often the audit trail is read for subscriptions' events unbidden: commits of the process and, on PostgreSQL, `LISTEN/NOTIFY` from other instances wake it at once; the poll catches changes made by commands on SQLite"},
	{Env: "PALABRE_SECRET_KEY", Flag: "secret-key", Default: "none (development: a fixed public key)",
		value: func(c *Config) flag.Value { return keyValue{&c.SecretKey} },
		Doc:   "32 bytes in base64 or hexadecimal (`openssl rand -base64 32`) that seal webhook signing secrets at rest (AES-256-GCM); production refuses to register a webhook without it, and changing it makes the registered secrets unusable. Development without it uses a key written in the source, which protects nothing"},
	{Env: "PALABRE_OUTBOX_ATTEMPTS", Flag: "outbox-attempts", value: func(c *Config) flag.Value { return (*positiveInt)(&c.Outbox.Attempts) },
		Doc: "attempts a notification (a webhook delivery, an e-mail) gets before it is given up (`DEAD`, kept with its attempts for administrators)"},
	{Env: "PALABRE_OUTBOX_BACKOFF", Flag: "outbox-backoff", value: func(c *Config) flag.Value { return (*durationValue)(&c.Outbox.Backoff) },
		Doc: "wait after a notification's first failed attempt; each later wait doubles, up to 6h"},
	{Env: "PALABRE_OUTBOX_LEASE", Flag: "outbox-lease", value: func(c *Config) flag.Value { return (*durationValue)(&c.Outbox.Lease) },
		Doc: "how long a worker holds the notifications it claimed; those of a worker that crashed are delivered by another after it (more than 15s, an attempt's limit)"},
	{Env: "PALABRE_OUTBOX_POLL", Flag: "outbox-poll", value: func(c *Config) flag.Value { return (*durationValue)(&c.Outbox.Poll) },
		Doc: "how often an idle outbox worker looks for due notifications unbidden; commits of its own process wake it at once"},
	{Env: "PALABRE_OUTBOX_RETENTION", Flag: "outbox-retention", value: func(c *Config) flag.Value { return (*durationValue)(&c.Outbox.Retention) },
		Doc: "how long delivered notifications and their attempts are kept before they are deleted (dead ones are kept)"},
	{Env: "PALABRE_SMTP_URL", Flag: "smtp-url", Default: "none: e-mails are written to the log",
		value: func(c *Config) flag.Value { return (*smtpURL)(&c.Mail.SMTPURL) },
		Doc:   "the SMTP server e-mails are sent through: `smtp://user:password@mail.example.org:587?starttls=true` (STARTTLS, required unless `starttls=false`, which is refused with a password) or `smtps://user:password@mail.example.org:465` (implicit TLS); authentication PLAIN, or LOGIN with `&auth=login`; without it, e-mails are written to the log instead of being sent"},
	{Env: "PALABRE_MAIL_FROM", Flag: "mail-from", value: func(c *Config) flag.Value { return (*stringValue)(&c.Mail.From) },
		Doc: "the sender of e-mails, such as `Palabre <palabre@plan.example.org>`; required with `PALABRE_SMTP_URL`"},
	{Env: "PALABRE_PUBLIC_URL", Flag: "public-url", value: func(c *Config) flag.Value { return (*stringValue)(&c.Mail.PublicURL) },
		Doc: "where people reach the web console, such as `https://plan.example.org`: links in e-mails start with it; required with `PALABRE_SMTP_URL`"},
}

// FilesLocation is where attached files are stored: Files when set, else a
// folder beside the SQLite file (palabre.db → palabre-files), or palabre-files
// in the working directory with PostgreSQL.
func (c Config) FilesLocation() string {
	if c.Files != "" {
		return c.Files
	}
	file, ok := database.SQLitePath(c.DatabaseURL)
	if !ok {
		return "palabre-files"
	}
	return strings.TrimSuffix(file, filepath.Ext(file)) + "-files"
}

// Settings returns every setting, in the order the README lists them.
func Settings() []Setting { return slices.Clone(settings) }

// DefaultText is the default as the README shows it: "" when there is none.
func (s Setting) DefaultText() string {
	if s.Default != "" {
		return s.Default
	}
	d := DefaultConfig()
	return s.value(&d).String()
}

// ConfigFromEnv returns the default configuration overridden by the PALABRE_*
// variables that getenv finds set.
func ConfigFromEnv(getenv func(string) string) (Config, error) {
	c := DefaultConfig()
	for _, s := range settings {
		if v := getenv(s.Env); v != "" {
			if err := s.value(&c).Set(v); err != nil {
				return Config{}, fmt.Errorf("%s=%q: %v", s.Env, v, err)
			}
		}
	}
	return c, nil
}

// RegisterFlags binds flags to the configuration: the flag of every setting,
// or of those named (RegisterFlags(fs, "database")). Their defaults are the
// configuration's current values, so that flags override the environment.
func (c *Config) RegisterFlags(fs *flag.FlagSet, only ...string) {
	for _, s := range settings {
		if len(only) == 0 || slices.Contains(only, s.Flag) {
			fs.Var(s.value(c), s.Flag, fmt.Sprintf("%s (%s)", strings.ReplaceAll(s.Doc, "`", ""), s.Env))
		}
	}
}

// Validate reports the first value that cannot work.
func (c Config) Validate() error {
	switch {
	case c.Env != Production && c.Env != Development:
		return fmt.Errorf("environment %q: use production or development", c.Env)
	case c.Addr == "":
		return fmt.Errorf("the listen address is empty")
	case c.DatabaseURL == "":
		return fmt.Errorf("the database is empty: give a SQLite file name or a postgres:// URL")
	case c.Limits.MaxDepth <= 0 || c.Limits.MaxCost <= 0 || c.Limits.MaxAliases <= 0 || c.Limits.MaxTokens <= 0:
		return fmt.Errorf("GraphQL limits must be positive numbers")
	case c.DatabaseConnections < 0:
		return fmt.Errorf("the number of database connections must be a positive number")
	case c.MaxFileBytes <= 0 || c.MaxUploadBytes < c.MaxFileBytes:
		return fmt.Errorf("the file limit must be positive and at most the upload request limit")
	case c.AuthFailuresPerMinute <= 0:
		return fmt.Errorf("the failed-authentication rate must be a positive number")
	case c.MemoryLimit < 0:
		return fmt.Errorf("the memory limit must be a number of bytes, or 0 for Go's defaults")
	case c.Subscriptions.PerConnection <= 0 || c.Subscriptions.ConnectionsPerToken <= 0 || c.Subscriptions.Buffer <= 0 || c.Subscriptions.KeepAlive <= 0 || c.Subscriptions.Poll <= 0:
		return fmt.Errorf("subscription limits must be positive numbers, and the keep-alive a positive duration")
	case c.Outbox.Attempts <= 0 || c.Outbox.Backoff <= 0 || c.Outbox.Poll <= 0 || c.Outbox.Retention <= 0:
		return fmt.Errorf("the outbox's attempts, backoff, poll and retention must be positive")
	case c.Outbox.Lease <= outbox.DeliverTimeout:
		return fmt.Errorf("the outbox's lease must exceed an attempt's limit, %s", outbox.DeliverTimeout)
	case c.MaxBodyBytes <= 0:
		return fmt.Errorf("the body limit must be a positive number of bytes")
	case c.Sessions.Idle <= 0 || c.Sessions.Lifetime <= 0 || c.Sessions.LinkLifetime <= 0:
		return fmt.Errorf("session and password link lifetimes must be positive durations, such as 30m")
	case c.ReadTimeout <= 0 || c.WriteTimeout <= 0 || c.IdleTimeout <= 0 || c.ShutdownTimeout <= 0 || c.RequestTimeout <= 0:
		return fmt.Errorf("timeouts must be positive durations, such as 30s")
	}
	for _, o := range c.CORSOrigins {
		if err := checkOrigin(o); err != nil {
			return err
		}
	}
	if err := c.Mail.Check(); err != nil {
		return err
	}
	if c.Mail.SMTPURL != "" && c.Mail.PublicURL == "" {
		return fmt.Errorf("PALABRE_PUBLIC_URL is empty: give the console's address, such as https://plan.example.org, for the links in e-mails")
	}
	return nil
}

// withDefaults fills the fields left at zero, so that a Config literal in a
// test needs only what it is about.
func (c Config) withDefaults() Config {
	d := DefaultConfig()
	if c.Env == "" {
		c.Env = d.Env
	}
	if c.MaxBodyBytes == 0 {
		c.MaxBodyBytes = d.MaxBodyBytes
	}
	if c.MaxFileBytes == 0 {
		c.MaxFileBytes = d.MaxFileBytes
	}
	if c.MaxUploadBytes == 0 {
		c.MaxUploadBytes = d.MaxUploadBytes
	}
	if c.AuthFailuresPerMinute == 0 {
		c.AuthFailuresPerMinute = d.AuthFailuresPerMinute
	}
	for _, n := range []struct{ field, def *int }{
		{&c.Subscriptions.PerConnection, &d.Subscriptions.PerConnection},
		{&c.Subscriptions.ConnectionsPerToken, &d.Subscriptions.ConnectionsPerToken},
		{&c.Subscriptions.Buffer, &d.Subscriptions.Buffer},
	} {
		if *n.field == 0 {
			*n.field = *n.def
		}
	}
	for _, t := range []struct{ field, def *time.Duration }{
		{&c.ReadTimeout, &d.ReadTimeout},
		{&c.WriteTimeout, &d.WriteTimeout},
		{&c.IdleTimeout, &d.IdleTimeout},
		{&c.ShutdownTimeout, &d.ShutdownTimeout},
		{&c.RequestTimeout, &d.RequestTimeout},
		{&c.Subscriptions.KeepAlive, &d.Subscriptions.KeepAlive},
		{&c.Subscriptions.Poll, &d.Subscriptions.Poll},
		{&c.Sessions.Idle, &d.Sessions.Idle},
		{&c.Sessions.Lifetime, &d.Sessions.Lifetime},
		{&c.Sessions.LinkLifetime, &d.Sessions.LinkLifetime},
	} {
		if *t.field == 0 {
			*t.field = *t.def
		}
	}
	return c
}

// Set implements flag.Value.
func (e *Env) Set(s string) error {
	switch Env(s) {
	case Production, Development:
		*e = Env(s)
		return nil
	}
	return fmt.Errorf("use production or development")
}

// String implements flag.Value.
func (e *Env) String() string {
	if e == nil {
		return ""
	}
	return string(*e)
}

// originList is a comma-separated list of web origins.
type originList []string

func (l *originList) Set(s string) error {
	var origins []string
	for _, o := range strings.Split(s, ",") {
		if o = strings.TrimSpace(o); o == "" {
			continue
		}
		if err := checkOrigin(o); err != nil {
			return err
		}
		origins = append(origins, o)
	}
	*l = origins
	return nil
}

func (l *originList) String() string {
	if l == nil {
		return ""
	}
	return strings.Join(*l, ",")
}

// checkOrigin accepts what a browser sends in the Origin header, and nothing
// broader: a wildcard would let any site's pages call the API.
func checkOrigin(o string) error {
	u, err := url.Parse(o)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" ||
		u.Path != "" || u.RawQuery != "" || u.Fragment != "" || u.User != nil || strings.Contains(o, "*") {
		return fmt.Errorf("CORS origin %q: write it as scheme://host[:port], such as https://plan.example.org, with no path and no wildcard", o)
	}
	return nil
}

// prefixList is a comma-separated list of CIDR blocks; a bare address stands
// for itself alone.
type prefixList []netip.Prefix

func (l *prefixList) Set(s string) error {
	var prefixes []netip.Prefix
	for _, item := range strings.Split(s, ",") {
		if item = strings.TrimSpace(item); item == "" {
			continue
		}
		p, err := netip.ParsePrefix(item)
		if err != nil {
			a, aerr := netip.ParseAddr(item)
			if aerr != nil {
				return fmt.Errorf("%q is not a CIDR block such as 10.0.0.0/8 or fd00::/8, nor an address", item)
			}
			p = netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen())
		}
		prefixes = append(prefixes, p.Masked())
	}
	*l = prefixes
	return nil
}

func (l *prefixList) String() string {
	if l == nil {
		return ""
	}
	items := make([]string, len(*l))
	for i, p := range *l {
		items[i] = p.String()
	}
	return strings.Join(items, ",")
}

// keyValue is a secret key; it never shows itself (in -h, or in logs).
type keyValue struct{ key **webhook.Key }

func (v keyValue) Set(s string) error {
	k, err := webhook.ParseKey(s)
	if err != nil {
		return err
	}
	*v.key = &k
	return nil
}

func (v keyValue) String() string { return "" }

// smtpURL is PALABRE_SMTP_URL, shown without its password. Set takes any
// value: Validate checks it, with an error that never shows the password
// (the flag package's and ConfigFromEnv's would quote the value).
type smtpURL string

func (v *smtpURL) Set(s string) error { *v = smtpURL(s); return nil }

func (v *smtpURL) String() string {
	if v == nil || *v == "" {
		return ""
	}
	server, err := mail.ParseSMTPURL(string(*v))
	if err != nil {
		return "(invalid)"
	}
	return server.String()
}

// The kinds of value a setting holds, as flag.Values.
type (
	stringValue   string
	durationValue time.Duration
	bytesValue    int64
	levelValue    slog.Level
	positiveInt   int
)

func (v *stringValue) Set(s string) error { *v = stringValue(s); return nil }
func (v *stringValue) String() string {
	if v == nil {
		return ""
	}
	return string(*v)
}

func (v *durationValue) Set(s string) error {
	d, err := time.ParseDuration(s)
	if err != nil {
		return fmt.Errorf("not a duration, such as 30s or 2m")
	}
	*v = durationValue(d)
	return nil
}

func (v *durationValue) String() string {
	if v == nil {
		return ""
	}
	// 2m rather than 2m0s
	d := time.Duration(*v).String()
	if strings.HasSuffix(d, "m0s") {
		d = strings.TrimSuffix(d, "0s")
	}
	if strings.HasSuffix(d, "h0m") {
		d = strings.TrimSuffix(d, "0m")
	}
	return d
}

func (v *bytesValue) Set(s string) error {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return fmt.Errorf("not a whole number of bytes, such as 1048576")
	}
	*v = bytesValue(n)
	return nil
}

func (v *bytesValue) String() string {
	if v == nil {
		return ""
	}
	return strconv.FormatInt(int64(*v), 10)
}

func (v *levelValue) Set(s string) error {
	if err := (*slog.Level)(v).UnmarshalText([]byte(s)); err != nil {
		return fmt.Errorf("use debug, info, warn or error")
	}
	return nil
}

func (v *levelValue) String() string {
	if v == nil {
		return ""
	}
	return strings.ToLower(slog.Level(*v).String())
}

func (v *positiveInt) Set(s string) error {
	n, err := strconv.Atoi(s)
	if err != nil || n <= 0 {
		return fmt.Errorf("want a positive whole number")
	}
	*v = positiveInt(n)
	return nil
}

func (v *positiveInt) String() string {
	if v == nil {
		return ""
	}
	return strconv.Itoa(int(*v))
}
