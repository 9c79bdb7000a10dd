package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"

	"github.com/palabre/palabre/auth"
	"github.com/palabre/palabre/ent/privacy"
	"github.com/palabre/palabre/ent/schema/pulid"
	"github.com/palabre/palabre/ent/schema/revision"
	"github.com/palabre/palabre/ent/schema/rule"
)

// Domain is a word of the administrators' controlled vocabulary of
// cooperation domains (cybersecurity, data protection, IoT security, ...):
// agreements are tagged with several, and filtered by them.
type Domain struct{ ent.Schema }

// Mixin of the Domain.
func (Domain) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("DO"), TimeMixin{}, revision.Mixin{}, AuditMixin{}}
}

// Fields of the Domain.
func (Domain) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").
			Validate(notBlank).MaxLen(200).Unique().
			Comment("Name of the domain, such as « Protection des données »; unique.").
			Annotations(entgql.OrderField("NAME")),
		field.Text("description").
			Default("").MaxLen(2000).
			Comment("What the domain covers."),
	}
}

// Edges of the Domain.
func (Domain) Edges() []ent.Edge {
	return []ent.Edge{
		// The inverse of an agreement's domains, so that a domain tags many
		// agreements. Not in the API: confidential agreements must not show
		// through it; agreements are filtered by domain instead.
		edge.From("agreements", Agreement.Type).Ref("domains").
			Comment("Agreements tagged with the domain.").
			Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

// Annotations of the Domain.
func (Domain) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("A cooperation domain of the administrators' controlled vocabulary (cybersecurity, data protection, IoT security, digital governance, ...); agreements are tagged with several."),
		entgql.RelayConnection(),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}

// Policy of the Domain: everyone reads the vocabulary, administrators manage it.
func (Domain) Policy() ent.Policy {
	return privacy.Policy{
		Query: privacy.QueryPolicy{privacy.AlwaysAllowRule()},
		Mutation: privacy.MutationPolicy{
			rule.AllowRoles(auth.RoleAdmin),
			rule.DenyMutation("cooperation domains"),
		},
	}
}
