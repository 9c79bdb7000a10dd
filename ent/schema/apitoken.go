package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"

	"github.com/palabre/palabre/auth"
	gen "github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/privacy"
	"github.com/palabre/palabre/ent/schema/pulid"
	"github.com/palabre/palabre/ent/schema/rule"
)

// APIToken proves an account's identity on the API. Only its hash is stored; the
// token itself is shown once, when it is created.
type APIToken struct{ ent.Schema }

// Mixin of the APIToken.
func (APIToken) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("TK"), TimeMixin{}, AuditMixin{Ignore: []string{"last_used_at"}, Digest: []string{"hash"}}}
}

// Fields of the APIToken.
func (APIToken) Fields() []ent.Field {
	return []ent.Field{
		field.String("label").
			Default("").MaxLen(200).
			Comment("What the token is for, such as « poste de travail » or « intégration CI »."),
		field.String("hash").
			Unique().Immutable().Sensitive().NotEmpty().
			Annotations(entgql.Skip(entgql.SkipAll)),
		field.Time("expires_at").
			Optional().Nillable().Immutable().
			Comment("When the token stops working; never if empty."),
		field.Time("last_used_at").
			Optional().Nillable().
			Comment("When the token was last used, to the minute."),
		field.Time("revoked_at").
			Optional().Nillable().
			Comment("When the token was revoked; a revoked token never works again."),
	}
}

// Edges of the APIToken.
func (APIToken) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("account", Account.Type).Ref("tokens").Unique().Required().Immutable().
			Comment("The account the token authenticates."),
	}
}

// Annotations of the APIToken.
func (APIToken) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("A bearer token that authenticates an account on the API. Only its hash is stored."),
		entgql.Type("APIToken"),
		entgql.RelayConnection(),
		entgql.Skip(entgql.SkipWhereInput),
	}
}

// Policy of the APIToken: who may read and write it.
func (APIToken) Policy() ent.Policy {
	return privacy.Policy{
		Query: privacy.QueryPolicy{
			rule.DenyPublicUnlessEdge("API tokens", gen.TypeAPIToken),
			rule.FilterOwnTokens(),
			privacy.AlwaysAllowRule(),
		},
		Mutation: privacy.MutationPolicy{
			rule.AllowRoles(auth.RoleAdmin),
			rule.AllowRevokingOwnToken(),
			rule.DenyMutation("API tokens"),
		},
	}
}
