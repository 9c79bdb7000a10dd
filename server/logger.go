package server

import (
	"io"
	"log/slog"
)

// NewLogger returns the process's logger: JSON lines in production, for log
// collectors; text in development, for people.
func NewLogger(cfg Config, w io.Writer) *slog.Logger {
	opts := &slog.HandlerOptions{Level: cfg.LogLevel}
	if cfg.Env == Development {
		return slog.New(slog.NewTextHandler(w, opts))
	}
	return slog.New(slog.NewJSONHandler(w, opts))
}
