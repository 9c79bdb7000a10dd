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
	"github.com/palabre/palabre/ent/schema/rule"
)

// AgreementTransition records one move of an agreement from one status to
// another: who, when and why.
type AgreementTransition struct{ ent.Schema }

// Mixin of the AgreementTransition.
func (AgreementTransition) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("AX"), TimeMixin{}, AuditMixin{}}
}

// Fields of the AgreementTransition.
func (AgreementTransition) Fields() []ent.Field {
	return []ent.Field{
		// Stored as text, shown as AgreementStatus values by the GraphQL layer,
		// so that the agreement's statuses have one enum.
		field.String("from_status").Immutable().Annotations(entgql.Skip(entgql.SkipAll)),
		field.String("to_status").Immutable().Annotations(entgql.Skip(entgql.SkipAll)),
		field.Text("comment").
			Default("").MaxLen(5000).Immutable().
			Comment("Why the agreement moved, in the words of who moved it."),
	}
}

// Edges of the AgreementTransition.
func (AgreementTransition) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("agreement", Agreement.Type).Ref("transitions").Unique().Required().Immutable().
			Comment("The agreement that moved."),
		edge.To("actor", Account.Type).Unique().Immutable().
			Comment("Who moved it.").
			Annotations(entgql.Skip(entgql.SkipWhereInput)),
	}
}

// Annotations of the AgreementTransition.
func (AgreementTransition) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("One move of an agreement from one status to another: from which to which, who, when and why."),
		entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput, entgql.SkipWhereInput),
	}
}

// Policy of the AgreementTransition.
func (AgreementTransition) Policy() ent.Policy {
	return privacy.Policy{
		Query: privacy.QueryPolicy{
			rule.FilterAgreementTransitions(),
			privacy.AlwaysAllowRule(),
		},
		Mutation: privacy.MutationPolicy{
			rule.AllowRoles(auth.RoleSecretariat),
			rule.DenyMutation("agreement history"),
		},
	}
}
