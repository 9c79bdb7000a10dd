package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"

	"github.com/palabre/palabre/ent/schema/pulid"
)

// NotificationPreference is how one account wants to be told by e-mail: in
// which language, which e-mails, and whether at once or in a daily digest. An
// account without one gets the defaults (French, every e-mail, at once).
type NotificationPreference struct{ ent.Schema }

// Mixin of the NotificationPreference.
func (NotificationPreference) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("NP"), TimeMixin{}, AuditMixin{}}
}

// Fields of the NotificationPreference.
func (NotificationPreference) Fields() []ent.Field {
	return []ent.Field{
		field.Enum("language").
			Values("fr", "en").Default("fr").
			Comment("Language of the e-mails: French (the default) or English."),
		field.Enum("delivery").
			Values("IMMEDIATE", "DAILY_DIGEST").Default("IMMEDIATE").
			Comment("IMMEDIATE sends each e-mail when its event happens; DAILY_DIGEST gathers them in the next daily digest."),
		field.Strings("muted").
			Optional().
			Comment("The kinds of e-mail the account does not want (mail.Kind values); every other kind is sent, so a new kind is on by default."),
	}
}

// Edges of the NotificationPreference.
func (NotificationPreference) Edges() []ent.Edge {
	return []ent.Edge{
		// One per account: the edge's column is unique (Account's edge is Unique).
		edge.From("account", Account.Type).Ref("notification_preference").Unique().Required().Immutable().
			Comment("The account whose preferences these are."),
	}
}

// Annotations of the NotificationPreference: the GraphQL API shows it as
// Account.notificationPreferences (graph/schema/notifications.graphql).
func (NotificationPreference) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("How one account wants to be told by e-mail: language, which e-mails, at once or in a daily digest."),
		entgql.Skip(entgql.SkipAll),
	}
}
