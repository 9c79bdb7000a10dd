package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/palabre/palabre/auth"
	"github.com/palabre/palabre/ent/privacy"
	"github.com/palabre/palabre/ent/schema/pulid"
	"github.com/palabre/palabre/ent/schema/rule"
)

// Notification is a row of the outbox (package outbox). Every audit event
// gets one, with no channel, in the transaction of its change: it says that
// the event is still to be fanned out. The worker then writes one row per
// channel and target (a webhook endpoint, an e-mail recipient) in the
// transaction that marks the event's row done, and delivers those rows at
// least once each, with backoff, until they are done or dead.
//
// Notifications are not audited: they are the audit trail's consequences,
// and auditing them would notify without end.
type Notification struct{ ent.Schema }

// Mixin of the Notification.
func (Notification) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("NO")}
}

// Fields of the Notification.
func (Notification) Fields() []ent.Field {
	return []ent.Field{
		field.String("event_id").
			GoType(pulid.ID("")).Immutable().
			Comment("The audit event it tells of (no foreign key: the outbox never holds the trail back)."),
		field.String("channel").
			Default("").Immutable().
			Comment("The channel that delivers it, such as WEBHOOK; empty for an event still to be fanned out."),
		field.String("target").
			Default("").Immutable().
			Comment("Whom the channel delivers to, as the channel names it (a webhook endpoint's ID); one row per event, channel and target."),
		field.Text("payload").
			Default("").Immutable().
			Comment("What the channel's fan-out prepared for the delivery, if anything."),
		field.Enum("status").
			Values("PENDING", "DONE", "DEAD").
			Default("PENDING").
			Comment("PENDING until delivered (DONE) or given up after the last attempt (DEAD)."),
		field.Int("attempts").
			Default(0).NonNegative().
			Comment("Attempts made (or claimed by a worker that may have crashed)."),
		field.Time("created_at").
			Immutable().
			Comment("When the row was written."),
		field.Time("due_at").
			Comment("When a worker may next claim it: a claim moves it a lease later, a failure a backoff later."),
		field.Time("done_at").
			Optional().Nillable().
			Comment("When it was delivered or given up."),
		field.String("last_error").
			Default("").
			Comment("What the last failed attempt met."),
	}
}

// Edges of the Notification.
func (Notification) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("attempt_log", NotificationAttempt.Type).
			Comment("Its delivery attempts, oldest first."),
	}
}

// Indexes of the Notification.
func (Notification) Indexes() []ent.Index {
	return []ent.Index{
		// A fan-out retried after a crash finds its rows written once.
		index.Fields("event_id", "channel", "target").Unique(),
		// The worker's claim and the clean-up.
		index.Fields("status", "due_at"),
		// A target's deliveries, newest first.
		index.Fields("channel", "target", "created_at"),
	}
}

// Annotations of the Notification.
func (Notification) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("A row of the notification outbox: an event to fan out, or a delivery of it by one channel to one target."),
		entgql.Skip(entgql.SkipAll),
	}
}

// Policy of the Notification: administrators read the delivery history;
// only the outbox, as the system, writes it.
func (Notification) Policy() ent.Policy {
	return privacy.Policy{
		Query: privacy.QueryPolicy{
			rule.AllowRoles(auth.RoleAdmin),
			rule.DenyQuery("notifications"),
		},
		Mutation: privacy.MutationPolicy{rule.DenyMutation("notifications")},
	}
}

// NotificationAttempt is one attempt to deliver a notification: when, how
// long it took, and what the other side answered.
type NotificationAttempt struct{ ent.Schema }

// Mixin of the NotificationAttempt.
func (NotificationAttempt) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("NA")}
}

// Fields of the NotificationAttempt.
func (NotificationAttempt) Fields() []ent.Field {
	return []ent.Field{
		field.Time("at").
			Immutable().
			Comment("When the attempt started."),
		field.Int("duration_ms").
			Immutable().NonNegative().
			Comment("How long it took, in milliseconds."),
		field.Bool("ok").
			Immutable().
			Comment("Whether it delivered."),
		field.String("outcome").
			Default("").Immutable().
			Comment("What the other side answered (an HTTP status), or the error met."),
	}
}

// Edges of the NotificationAttempt.
func (NotificationAttempt) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("notification", Notification.Type).Ref("attempt_log").Unique().Required().Immutable().
			Comment("The notification attempted."),
	}
}

// Indexes of the NotificationAttempt.
func (NotificationAttempt) Indexes() []ent.Index {
	return []ent.Index{index.Edges("notification")}
}

// Annotations of the NotificationAttempt.
func (NotificationAttempt) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("One attempt to deliver a notification."),
		entgql.Skip(entgql.SkipAll),
	}
}

// Policy of the NotificationAttempt: as its notification's.
func (NotificationAttempt) Policy() ent.Policy {
	return privacy.Policy{
		Query: privacy.QueryPolicy{
			rule.AllowRoles(auth.RoleAdmin),
			rule.DenyQuery("notification attempts"),
		},
		Mutation: privacy.MutationPolicy{rule.DenyMutation("notification attempts")},
	}
}
