package database

import (
	"fmt"
	"net/url"
	"strings"

	"entgo.io/ent/dialect"
)

// DefaultSQLitePath is the database file used when no URL is given, so that
// the project runs with no setup.
const DefaultSQLitePath = "palabre.db"

// sqlitePragmas are set on every SQLite connection: foreign keys are off unless
// asked for; WAL lets readers proceed while one writer writes; modernc waits for
// no lock by default, so a busy database would fail at once instead of waiting;
// and writers take the write lock when their transaction begins, because a
// deferred transaction that upgrades to writing can fail with SQLITE_BUSY
// without waiting at all. A URL that sets its own busy_timeout keeps it.
const (
	sqlitePragmas     = "_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)&_txlock=immediate"
	sqliteBusyTimeout = "&_pragma=busy_timeout(10000)"
)

// target is what a database URL designates.
type target struct {
	dialect string // ent's dialect name: dialect.SQLite or dialect.Postgres
	driver  string // database/sql driver name
	dsn     string // what the driver opens
	display string // the URL as it may be printed: no password
}

// Dialect returns the ent dialect (dialect.SQLite or dialect.Postgres) that a
// database URL designates, or an error for a URL Open would refuse.
func Dialect(rawURL string) (string, error) {
	t, err := parse(rawURL)
	return t.dialect, err
}

// parse reads a database URL: empty, a file path, file:… or sqlite:… for
// SQLite; postgres://… or postgresql://… for PostgreSQL.
func parse(raw string) (target, error) {
	raw = strings.TrimSpace(raw)
	lower := strings.ToLower(raw)
	switch {
	case strings.HasPrefix(lower, "postgres://"), strings.HasPrefix(lower, "postgresql://"):
		return postgresTarget(raw)
	case strings.HasPrefix(lower, "sqlite://"):
		return sqliteTarget(raw[len("sqlite://"):])
	case strings.HasPrefix(lower, "sqlite:"):
		return sqliteTarget(raw[len("sqlite:"):])
	case strings.Contains(raw, "://"):
		scheme, _, _ := strings.Cut(raw, "://")
		return target{}, fmt.Errorf("database: unsupported database URL scheme %q: use a SQLite file path or a postgres:// URL", scheme)
	case strings.Contains(raw, "host=") || strings.Contains(raw, "dbname="):
		// A libpq key=value string would otherwise become an oddly named SQLite file.
		return target{}, fmt.Errorf("database: give PostgreSQL as a postgres:// URL, not as key=value settings")
	}
	return sqliteTarget(raw)
}

// connectTimeout bounds each new PostgreSQL connection, handshake included
// (seconds). lib/pq otherwise waits forever on a server that accepts the
// connection and never answers, whatever the context says.
const connectTimeout = "10"

// postgresTarget adds a connect timeout unless the URL sets one, and sends
// each statement in one round trip (binary_parameters, see bytes.go).
func postgresTarget(raw string) (target, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return target{}, fmt.Errorf("database: malformed PostgreSQL URL %s (a password with special characters must be percent-encoded)", Redact(raw))
	}
	q := u.Query()
	if q.Get("connect_timeout") == "" {
		q.Set("connect_timeout", connectTimeout)
	}
	if q.Get("binary_parameters") == "" {
		q.Set("binary_parameters", "yes")
	}
	u.RawQuery = q.Encode()
	return target{dialect: dialect.Postgres, driver: "postgres", dsn: u.String(), display: Redact(raw)}, nil
}

// sqliteTarget builds the modernc DSN for a path or a file: URI.
func sqliteTarget(path string) (target, error) {
	if path == "" {
		path = DefaultSQLitePath
	}
	if path == ":memory:" || strings.Contains(path, "mode=memory") {
		// Each pooled connection would get its own empty in-memory database.
		return target{}, fmt.Errorf("database: in-memory SQLite is not supported: give a file path")
	}
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	dsn := path + sep + sqlitePragmas
	if !strings.Contains(path, "busy_timeout") {
		dsn += sqliteBusyTimeout
	}
	return target{dialect: dialect.SQLite, driver: "sqlite", dsn: dsn, display: path}, nil
}

// Redact returns a database URL fit for logs and error messages: the password
// is replaced, whether it is in the user information or in the query.
func Redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		// Unparseable (an unescaped character in the password, say): drop
		// everything before the last @ of the authority rather than guess.
		scheme, rest, ok := strings.Cut(raw, "://")
		if !ok {
			return "(unparseable database URL)"
		}
		authority, path, _ := strings.Cut(rest, "/")
		if i := strings.LastIndex(authority, "@"); i >= 0 {
			authority = "xxxxx" + authority[i:]
		}
		if path != "" {
			path = "/" + path
		}
		if strings.Contains(strings.ToLower(path), "password") {
			path, _, _ = strings.Cut(path, "?")
		}
		return scheme + "://" + authority + path
	}
	q := u.Query()
	changed := false
	for key := range q {
		if strings.Contains(strings.ToLower(key), "password") {
			q.Set(key, "xxxxx")
			changed = true
		}
	}
	if changed {
		u.RawQuery = q.Encode()
	}
	return u.Redacted()
}

// SQLitePath returns the file a SQLite database URL names, and false for
// PostgreSQL or a URL Open would refuse.
func SQLitePath(rawURL string) (string, bool) {
	t, err := parse(rawURL)
	if err != nil || t.dialect != dialect.SQLite {
		return "", false
	}
	path, _, _ := strings.Cut(t.display, "?")
	return strings.TrimPrefix(path, "file:"), true
}
