package events

import (
	"context"
	"log/slog"
	"net/url"
	"strings"
	"time"

	"github.com/lib/pq"

	"github.com/palabre/palabre/audit"
)

// ListenerName is the application_name of the connection a hub listens on,
// which tells it apart in pg_stat_activity.
const ListenerName = "palabre-events"

func isPostgres(rawURL string) bool {
	return strings.HasPrefix(rawURL, "postgres://") || strings.HasPrefix(rawURL, "postgresql://")
}

// listen calls wake on every notification of the audit trail's channel from
// PostgreSQL, until ctx is done. lib/pq's Listener reconnects by itself when
// the connection is lost (a restart of PostgreSQL, a terminated backend); the
// notifications sent meanwhile are lost, so a reconnection wakes the hub too,
// and it reads whatever the trail gained.
func listen(ctx context.Context, rawURL string, logger *slog.Logger, wake func()) {
	l := pq.NewListener(listenerURL(rawURL), 100*time.Millisecond, 10*time.Second,
		func(ev pq.ListenerEventType, err error) {
			switch ev {
			case pq.ListenerEventDisconnected:
				logger.Warn("events: lost the PostgreSQL listener connection; reconnecting", "err", err)
			case pq.ListenerEventReconnected:
				logger.Info("events: the PostgreSQL listener reconnected")
			case pq.ListenerEventConnectionAttemptFailed:
				logger.Warn("events: could not reconnect the PostgreSQL listener; retrying", "err", err)
			}
		})
	defer l.Close()
	if err := l.Listen(audit.Channel); err != nil {
		// The listener keeps trying in the background and listens on the
		// channel once it is connected.
		logger.Warn("events: listening on PostgreSQL", "err", err)
	}
	ping := time.NewTicker(90 * time.Second)
	defer ping.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-l.Notify: // nil after a reconnection: read too
			wake()
		case <-ping.C:
			go func() { _ = l.Ping() }() // finds a dead connection quiet for a while
		}
	}
}

// listenerURL is the URL of the listener's connection: named ListenerName,
// with a connect timeout unless the URL sets one (lib/pq waits forever
// otherwise on a server that accepts connections and never answers).
func listenerURL(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return rawURL
	}
	q := u.Query()
	q.Set("application_name", ListenerName)
	if q.Get("connect_timeout") == "" {
		q.Set("connect_timeout", "10")
	}
	u.RawQuery = q.Encode()
	return u.String()
}
