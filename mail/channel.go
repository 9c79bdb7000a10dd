package mail

import (
	"context"
	"encoding/json"
	"slices"
	"time"

	"github.com/palabre/palabre/access"
	"github.com/palabre/palabre/clock"
	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/notification"
	"github.com/palabre/palabre/ent/schema/pulid"
	"github.com/palabre/palabre/outbox"
)

// ChannelName is the outbox channel of e-mails, stored in their rows.
const ChannelName = "EMAIL"

// Channel is the outbox channel that delivers e-mails through sender: an
// audit event's e-mails (ForEvent), one delivery per message keyed by its
// Key and carrying it as JSON, and, each hour, the day's digests
// (EnqueueDigests). A failed send is retried by the outbox with the same
// message, hence the same Message-ID.
func Channel(sender Sender) outbox.Channel {
	return outbox.Channel{
		Name: ChannelName,
		FanOut: func(ctx context.Context, client *ent.Client, e *ent.AuditEvent) ([]outbox.Delivery, error) {
			msgs, err := ForEvent(ctx, client, e)
			if err != nil {
				return nil, err
			}
			ds := make([]outbox.Delivery, len(msgs))
			for i, m := range msgs {
				if ds[i], err = delivery(m); err != nil {
					return nil, err
				}
			}
			return ds, nil
		},
		Deliver: func(ctx context.Context, a outbox.Attempt) (string, error) {
			var m Message
			if err := json.Unmarshal([]byte(a.Payload), &m); err != nil {
				return "undecodable message", outbox.Permanent(err)
			}
			if err := sender.Send(ctx, m); err != nil {
				return "not sent", err
			}
			return "sent", nil
		},
		Periodic: func(ctx context.Context, client *ent.Client) error {
			_, err := EnqueueDigests(ctx, client)
			return err
		},
	}
}

func delivery(m Message) (outbox.Delivery, error) {
	b, err := json.Marshal(m)
	return outbox.Delivery{Target: m.Key, Payload: string(b)}, err
}

// EnqueueDigests writes the day's digests (DailyDigest at the context's
// clock) into the outbox as e-mail deliveries of
// the synthetic event "digest/<YYYY-MM-DD>", one per message keyed by its
// Key. The outbox's unique index on event, channel and target makes a second
// run on the same day, here or on another instance, write nothing: each
// digest is sent once. It says how many digests the day has.
func EnqueueDigests(ctx context.Context, client *ent.Client) (int, error) {
	ctx = access.AsSystem(ctx, "enqueueing the daily digests")
	now := clock.Now(ctx).UTC()
	msgs, err := DailyDigest(ctx, client, now)
	if err != nil || len(msgs) == 0 {
		return 0, err
	}
	event := pulid.ID("digest/" + now.Format(time.DateOnly))
	rows := make([]*ent.NotificationCreate, len(msgs))
	for i, m := range msgs {
		d, err := delivery(m)
		if err != nil {
			return 0, err
		}
		rows[i] = client.Notification.Create().SetEventID(event).SetChannel(ChannelName).
			SetTarget(d.Target).SetPayload(d.Payload).SetCreatedAt(now).SetDueAt(now)
	}
	for chunk := range slices.Chunk(rows, 1000) { // under both stores' parameter limits
		err := client.Notification.CreateBulk(chunk...).
			OnConflictColumns(notification.FieldEventID, notification.FieldChannel, notification.FieldTarget).
			DoNothing().Exec(ctx)
		if err != nil {
			return 0, err
		}
	}
	return len(msgs), nil
}
