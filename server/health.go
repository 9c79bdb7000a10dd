package server

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"time"

	"github.com/palabre/palabre/ent"
)

// healthz says the process is up; it checks nothing else, so that an
// orchestrator does not restart a healthy process when the database is down.
func healthz() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = io.WriteString(w, "ok\n")
	})
}

// readyz says whether the process can serve: whether the database answers.
// A load balancer sends no traffic to an instance that is not ready.
func readyz(client *ent.Client, logger *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		if err := ping(ctx, client); err != nil {
			logger.WarnContext(r.Context(), "database unreachable", "err", err)
			w.WriteHeader(http.StatusServiceUnavailable)
			_, _ = io.WriteString(w, "database unreachable\n")
			return
		}
		_, _ = io.WriteString(w, "ok\n")
	})
}

// ping sends the database the cheapest statement there is.
func ping(ctx context.Context, client *ent.Client) error {
	rows, err := client.QueryContext(ctx, "SELECT 1")
	if err != nil {
		return err
	}
	return rows.Close()
}
