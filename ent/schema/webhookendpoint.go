package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"

	"github.com/palabre/palabre/auth"
	"github.com/palabre/palabre/ent/privacy"
	"github.com/palabre/palabre/ent/schema/pulid"
	"github.com/palabre/palabre/ent/schema/rule"
)

// WebhookEndpoint is a URL of another system that Palabre calls when events
// of the kinds it chose happen (package webhook), signed per the Standard
// Webhooks specification with a secret of its own. The secret is shown once,
// when the endpoint is registered; it is kept sealed (AES-256-GCM under the
// server's PALABRE_SECRET_KEY), not hashed, since it must sign every delivery.
type WebhookEndpoint struct{ ent.Schema }

// Mixin of the WebhookEndpoint.
func (WebhookEndpoint) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("WE"), TimeMixin{}, AuditMixin{Digest: []string{"sealed_secret"}}}
}

// Fields of the WebhookEndpoint.
func (WebhookEndpoint) Fields() []ent.Field {
	return []ent.Field{
		field.String("url").
			NotEmpty().Immutable().
			Comment("Where deliveries are POSTed: an https URL (http only in development)."),
		field.String("description").
			Default("").
			Comment("What the endpoint is for, in the words of the administrator who registered it."),
		field.Strings("event_types").
			Comment("The kinds of events (EventKind) delivered to it.").
			Annotations(entgql.Skip(entgql.SkipAll)),
		field.String("sealed_secret").
			NotEmpty().Immutable().Sensitive().
			Comment("The signing secret, sealed with the server's key.").
			Annotations(entgql.Skip(entgql.SkipAll)),
		field.Time("disabled_at").
			Optional().Nillable().
			Comment("When it was disabled; a disabled endpoint gets no new deliveries."),
	}
}

// Annotations of the WebhookEndpoint.
func (WebhookEndpoint) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("A URL of another system to which Palabre delivers events, signed per the Standard Webhooks specification. Administrators only."),
		entgql.RelayConnection(),
		entgql.QueryField("webhookEndpoints").Description("The webhook endpoints, for administrators."),
		entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput, entgql.SkipWhereInput),
	}
}

// Policy of the WebhookEndpoint: administrators alone read and write them;
// the outbox's worker reads them as the system.
func (WebhookEndpoint) Policy() ent.Policy {
	return privacy.Policy{
		Query: privacy.QueryPolicy{
			rule.AllowRoles(auth.RoleAdmin),
			rule.DenyQuery("webhook endpoints"),
		},
		Mutation: privacy.MutationPolicy{
			rule.AllowRoles(auth.RoleAdmin),
			rule.DenyMutation("webhook endpoints"),
		},
	}
}
