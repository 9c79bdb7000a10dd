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

// StrategyTransition records one move of a strategy through its lifecycle.
type StrategyTransition struct{ ent.Schema }

// Mixin of the StrategyTransition.
func (StrategyTransition) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("TR"), TimeMixin{}, AuditMixin{}}
}

// Fields of the StrategyTransition.
func (StrategyTransition) Fields() []ent.Field {
	return []ent.Field{
		// The states are stored as text and shown as StrategyStatus values by the
		// GraphQL layer, so that the lifecycle has one enum.
		field.String("from_status").Immutable().Annotations(entgql.Skip(entgql.SkipAll)),
		field.String("to_status").Immutable().Annotations(entgql.Skip(entgql.SkipAll)),
		field.Text("comment").
			Default("").MaxLen(5000).Immutable().
			Comment("Why the strategy moved, in the words of who moved it."),
	}
}

// Edges of the StrategyTransition.
func (StrategyTransition) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("strategy", Strategy.Type).Ref("transitions").Unique().Required().Immutable().
			Comment("The strategy that moved."),
		edge.To("actor", Account.Type).Unique().Immutable().
			Comment("Who moved it.").
			Annotations(entgql.Skip(entgql.SkipWhereInput)),
	}
}

// Annotations of the StrategyTransition.
func (StrategyTransition) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("One move of a strategy through its lifecycle: from which state to which, who, when and why."),
		entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput, entgql.SkipWhereInput),
	}
}

// Policy of the StrategyTransition.
func (StrategyTransition) Policy() ent.Policy {
	return privacy.Policy{
		Query: privacy.QueryPolicy{
			rule.FilterTransitions(),
			privacy.AlwaysAllowRule(),
		},
		Mutation: privacy.MutationPolicy{
			rule.AllowRoles(auth.RoleSecretariat),
			rule.DenyMutation("lifecycle history"),
		},
	}
}
