package server

import (
	"cmp"
	"log/slog"

	"github.com/palabre/palabre/database"
	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/outbox"
	"github.com/palabre/palabre/webhook"
)

// Webhooks is the webhook service of the configuration: its key, and
// whether http URLs are accepted (development).
func (c Config) Webhooks() webhook.Service {
	return webhook.Service{Key: c.SecretKey, Development: c.Env == Development}
}

// Outbox returns the worker that delivers the notification outbox (`palabre
// serve` runs it): webhooks first, then the channels given (e-mail).
func Outbox(cfg Config, client *ent.Client, logger *slog.Logger, channels ...outbox.Channel) *outbox.Worker {
	all := append([]outbox.Channel{cfg.Webhooks().Channel(client)}, channels...)
	opts := cfg.Outbox
	if _, sqlite := database.SQLitePath(cfg.DatabaseURL); !sqlite {
		opts.Parallel = cmp.Or(opts.Batch, outbox.DefaultBatch) // PostgreSQL: every claimed row at once
	}
	return outbox.NewWorker(client, opts, logger, all...)
}
