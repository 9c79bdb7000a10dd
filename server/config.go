package server

import (
	"flag"
	"fmt"
	"github.com/palabre/palabre/clock"
	"github.com/palabre/palabre/graph"
	"log/slog"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Config is how the process is deployed. It comes from the environment
// (PALABRE_*) and the command line, the command line winning.
type Config struct {
	// Env is production (the default) or development (GraphiQL, introspection,
	// CORS from local origins, readable logs).
	Env Env
	// Addr is where the server listens, host:port.
	Addr string
	// DatabaseURL is a SQLite file name, or a postgres:// URL for PostgreSQL.
	DatabaseURL string
	// CORSOrigins are the web origins (scheme://host[:port]) whose pages may
	// call the API. None by default; development adds the local ones.
	CORSOrigins []string
	// MaxBodyBytes bounds the size of a request body.
	MaxBodyBytes int64
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
	TrustedDocuments string
	// AuthFailuresPerMinute is how many failed authentications a client address
	// may make in a minute before it is refused for a while.
	AuthFailuresPerMinute int
	// Clock tells every request the time: the system clock when nil. Tests
	// set a fake one (clock.NewFake); it has no flag or variable.
	Clock clock.Clock
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
		ReadTimeout:     15 * time.Second,
		WriteTimeout:    30 * time.Second,
		IdleTimeout:     2 * time.Minute,
		ShutdownTimeout: 20 * time.Second,
		LogLevel:        slog.LevelInfo,
		RequestTimeout:  10 * time.Second,
		Limits:          graph.DefaultLimits(),

		AuthFailuresPerMinute: 10,
	}
}

// ConfigFromEnv returns the default configuration overridden by the PALABRE_*
// variables that getenv finds set.
func ConfigFromEnv(getenv func(string) string) (Config, error) {
	c := DefaultConfig()
	for _, v := range []struct {
		name string
		set  func(string) error
	}{
		{"PALABRE_ENV", c.Env.Set},
		{"PALABRE_ADDR", stringSetter(&c.Addr)},
		{"PALABRE_DATABASE_URL", stringSetter(&c.DatabaseURL)},
		{"PALABRE_CORS_ORIGINS", (*originList)(&c.CORSOrigins).Set},
		{"PALABRE_MAX_BODY_BYTES", bytesSetter(&c.MaxBodyBytes)},
		{"PALABRE_READ_TIMEOUT", durationSetter(&c.ReadTimeout)},
		{"PALABRE_WRITE_TIMEOUT", durationSetter(&c.WriteTimeout)},
		{"PALABRE_IDLE_TIMEOUT", durationSetter(&c.IdleTimeout)},
		{"PALABRE_SHUTDOWN_TIMEOUT", durationSetter(&c.ShutdownTimeout)},
		{"PALABRE_LOG_LEVEL", levelSetter(&c.LogLevel)},
		{"PALABRE_REQUEST_TIMEOUT", durationSetter(&c.RequestTimeout)},
		{"PALABRE_MAX_DEPTH", intSetter(&c.Limits.MaxDepth)},
		{"PALABRE_MAX_COST", intSetter(&c.Limits.MaxCost)},
		{"PALABRE_MAX_ALIASES", intSetter(&c.Limits.MaxAliases)},
		{"PALABRE_MAX_TOKENS", intSetter(&c.Limits.MaxTokens)},
		{"PALABRE_TRUSTED_DOCUMENTS", stringSetter(&c.TrustedDocuments)},
		{"PALABRE_AUTH_FAILURES_PER_MINUTE", intSetter(&c.AuthFailuresPerMinute)},
	} {
		if s := getenv(v.name); s != "" {
			if err := v.set(s); err != nil {
				return Config{}, fmt.Errorf("%s=%q: %v", v.name, s, err)
			}
		}
	}
	return c, nil
}

// registerFlags binds the flags of `palabre serve` to the configuration; their
// defaults are its current values, so flags override the environment.
func (c *Config) registerFlags(fs *flag.FlagSet) {
	fs.Var(&c.Env, "env", "production or development (PALABRE_ENV)")
	fs.StringVar(&c.Addr, "addr", c.Addr, "listen on this host:port (PALABRE_ADDR)")
	c.registerDatabaseFlag(fs)
	fs.Var((*originList)(&c.CORSOrigins), "cors-origins", "comma-separated web origins allowed to call the API (PALABRE_CORS_ORIGINS)")
	fs.Func("max-body-bytes", fmt.Sprintf("largest request body accepted, in bytes (PALABRE_MAX_BODY_BYTES) (default %d)", c.MaxBodyBytes), bytesSetter(&c.MaxBodyBytes))
	fs.DurationVar(&c.ReadTimeout, "read-timeout", c.ReadTimeout, "time to read a whole request (PALABRE_READ_TIMEOUT)")
	fs.DurationVar(&c.WriteTimeout, "write-timeout", c.WriteTimeout, "time to answer a request (PALABRE_WRITE_TIMEOUT)")
	fs.DurationVar(&c.IdleTimeout, "idle-timeout", c.IdleTimeout, "time an idle connection is kept (PALABRE_IDLE_TIMEOUT)")
	fs.DurationVar(&c.ShutdownTimeout, "shutdown-timeout", c.ShutdownTimeout, "time in-flight requests get to finish on SIGTERM (PALABRE_SHUTDOWN_TIMEOUT)")
	fs.DurationVar(&c.RequestTimeout, "request-timeout", c.RequestTimeout, "time limit of one request, database work included (PALABRE_REQUEST_TIMEOUT)")
	fs.IntVar(&c.Limits.MaxDepth, "max-depth", c.Limits.MaxDepth, "deepest nesting of a GraphQL document (PALABRE_MAX_DEPTH)")
	fs.IntVar(&c.Limits.MaxCost, "max-cost", c.Limits.MaxCost, "largest estimated number of objects a document may return (PALABRE_MAX_COST)")
	fs.IntVar(&c.Limits.MaxAliases, "max-aliases", c.Limits.MaxAliases, "most aliases in a document (PALABRE_MAX_ALIASES)")
	fs.IntVar(&c.Limits.MaxTokens, "max-tokens", c.Limits.MaxTokens, "most lexical tokens in a document (PALABRE_MAX_TOKENS)")
	fs.StringVar(&c.TrustedDocuments, "trusted-documents", c.TrustedDocuments, "run only the documents of this persisted-documents manifest (PALABRE_TRUSTED_DOCUMENTS)")
	fs.IntVar(&c.AuthFailuresPerMinute, "auth-failures-per-minute", c.AuthFailuresPerMinute, "failed authentications a client address may make in a minute (PALABRE_AUTH_FAILURES_PER_MINUTE)")
	fs.Func("log-level", fmt.Sprintf("debug, info, warn or error (PALABRE_LOG_LEVEL) (default %s)", strings.ToLower(c.LogLevel.String())), levelSetter(&c.LogLevel))
}

// registerDatabaseFlag binds the one flag every command needs.
func (c *Config) registerDatabaseFlag(fs *flag.FlagSet) {
	fs.StringVar(&c.DatabaseURL, "database", c.DatabaseURL, "SQLite file, or postgres:// URL (PALABRE_DATABASE_URL)")
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
	case c.AuthFailuresPerMinute <= 0:
		return fmt.Errorf("the failed-authentication rate must be a positive number")
	case c.MaxBodyBytes <= 0:
		return fmt.Errorf("the body limit must be a positive number of bytes")
	case c.ReadTimeout <= 0 || c.WriteTimeout <= 0 || c.IdleTimeout <= 0 || c.ShutdownTimeout <= 0 || c.RequestTimeout <= 0:
		return fmt.Errorf("timeouts must be positive durations, such as 30s")
	}
	for _, o := range c.CORSOrigins {
		if err := checkOrigin(o); err != nil {
			return err
		}
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
	if c.AuthFailuresPerMinute == 0 {
		c.AuthFailuresPerMinute = d.AuthFailuresPerMinute
	}
	for _, t := range []struct{ field, def *time.Duration }{
		{&c.ReadTimeout, &d.ReadTimeout},
		{&c.WriteTimeout, &d.WriteTimeout},
		{&c.IdleTimeout, &d.IdleTimeout},
		{&c.ShutdownTimeout, &d.ShutdownTimeout},
		{&c.RequestTimeout, &d.RequestTimeout},
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

func stringSetter(p *string) func(string) error {
	return func(s string) error {
		*p = s
		return nil
	}
}

func durationSetter(p *time.Duration) func(string) error {
	return func(s string) error {
		d, err := time.ParseDuration(s)
		if err != nil {
			return fmt.Errorf("not a duration, such as 30s or 2m")
		}
		*p = d
		return nil
	}
}

func bytesSetter(p *int64) func(string) error {
	return func(s string) error {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return fmt.Errorf("not a whole number of bytes, such as 1048576")
		}
		*p = n
		return nil
	}
}

func levelSetter(p *slog.Level) func(string) error {
	return func(s string) error {
		if err := p.UnmarshalText([]byte(s)); err != nil {
			return fmt.Errorf("use debug, info, warn or error")
		}
		return nil
	}
}

func intSetter(p *int) func(string) error {
	return func(s string) error {
		n, err := strconv.Atoi(s)
		if err != nil || n <= 0 {
			return fmt.Errorf("want a positive whole number")
		}
		*p = n
		return nil
	}
}
