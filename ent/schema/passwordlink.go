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

// PasswordLink lets one person set their password once: an administrator
// creates it (command line or API) and hands its link over; only the hash of
// the link's secret is stored. It works once, before it expires.
type PasswordLink struct{ ent.Schema }

// Mixin of the PasswordLink.
func (PasswordLink) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("PL"), TimeMixin{}, AuditMixin{Digest: []string{"hash"}}}
}

// Fields of the PasswordLink.
func (PasswordLink) Fields() []ent.Field {
	return []ent.Field{
		field.String("hash").
			Unique().Immutable().Sensitive().NotEmpty().
			Comment("SHA-256 of the link's secret."),
		field.Time("expires_at").
			Immutable().
			Comment("When the link stops working."),
		field.Time("used_at").
			Optional().Nillable().
			Comment("When the link set a password; a used link never works again."),
	}
}

// Edges of the PasswordLink.
func (PasswordLink) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("account", Account.Type).Ref("password_links").Unique().Required().Immutable().
			Comment("The account whose password the link sets."),
	}
}

// Indexes of the PasswordLink.
func (PasswordLink) Indexes() []ent.Index {
	return []ent.Index{index.Edges("account")}
}

// Annotations of the PasswordLink.
func (PasswordLink) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("A one-time link that sets an account's password. Only the hash of its secret is stored."),
		entgql.Skip(entgql.SkipAll),
	}
}

// Policy of the PasswordLink: administrators create links; using one is the
// system's work (the person using it is not signed in yet).
func (PasswordLink) Policy() ent.Policy {
	return privacy.Policy{
		Query: privacy.QueryPolicy{rule.DenyQuery("password links")},
		Mutation: privacy.MutationPolicy{
			rule.AllowRoles(auth.RoleAdmin),
			rule.DenyMutation("password links"),
		},
	}
}
