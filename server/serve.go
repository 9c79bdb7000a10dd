package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"runtime/debug"
)

// DefaultMemoryLimit is the heap's soft limit unless set: room for the
// national-scale bench's load (bench/README.md) within 150 MB resident.
const DefaultMemoryLimit = 80 << 20

// GCPercent is how much the heap grows, over what the last collection kept,
// before the next one, while under the memory limit: four times Go's default,
// as the profile of a nested plan query spent a fifth of its CPU collecting.
const GCPercent = 400

// limitMemory sets the garbage collector's pace: collections are rarer (GCPercent)
// while the heap stays under limit, and the limit holds the heap down. 0 keeps
// Go's defaults, and so do GOGC and GOMEMLIMIT set in the environment.
func limitMemory(limit int64) {
	if limit <= 0 || os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetMemoryLimit(limit)
	debug.SetGCPercent(GCPercent)
}

// Serve answers requests on ln with h until ctx is done, then shuts down
// gracefully: it stops accepting connections and lets in-flight requests
// finish, for at most cfg.ShutdownTimeout.
func Serve(ctx context.Context, ln net.Listener, cfg Config, h http.Handler, logger *slog.Logger) error {
	cfg = cfg.withDefaults()
	limitMemory(cfg.MemoryLimit)
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: cfg.ReadTimeout,
		ReadTimeout:       cfg.ReadTimeout,
		WriteTimeout:      cfg.WriteTimeout,
		IdleTimeout:       cfg.IdleTimeout,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	if h, ok := h.(handler); ok {
		srv.RegisterOnShutdown(h.shutdown) // WebSockets close with 1001
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()

	select {
	case err := <-served:
		return fmt.Errorf("serving on %s: %w", ln.Addr(), err)
	case <-ctx.Done():
	}
	logger.Info("shutting down: finishing in-flight requests", "timeout", cfg.ShutdownTimeout)
	shutdown, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		_ = srv.Close()
		return fmt.Errorf("shutting down: requests still running after %s: %w", cfg.ShutdownTimeout, err)
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
