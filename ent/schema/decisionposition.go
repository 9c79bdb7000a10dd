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

// DecisionPosition is one agency's stated position on a decision.
type DecisionPosition struct{ ent.Schema }

// Mixin of the DecisionPosition.
func (DecisionPosition) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("DP"), TimeMixin{}, AuditMixin{}}
}

// Fields of the DecisionPosition.
func (DecisionPosition) Fields() []ent.Field {
	return []ent.Field{
		field.String("option").
			Default("").MaxLen(500).
			Comment("The option the agency favours, one of the decision's options; empty if none."),
		field.Text("statement").
			Default("").MaxLen(5000).
			Comment("The agency's position in its own words."),
	}
}

// Edges of the DecisionPosition.
func (DecisionPosition) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("decision", Decision.Type).Ref("positions").Unique().Required().Immutable().
			Comment("The decision."),
		edge.To("agency", Agency.Type).Unique().Required().Immutable().
			Comment("The agency that stated the position."),
	}
}

// Indexes of the DecisionPosition: one position per agency and decision.
func (DecisionPosition) Indexes() []ent.Index {
	return []ent.Index{index.Edges("decision", "agency").Unique()}
}

// Annotations of the DecisionPosition.
func (DecisionPosition) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("One agency's stated position on a decision."),
		entgql.Skip(entgql.SkipWhereInput, entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput),
	}
}

// Policy of the DecisionPosition.
func (DecisionPosition) Policy() ent.Policy {
	return privacy.Policy{
		Query: privacy.QueryPolicy{
			rule.FilterPositions(),
			privacy.AlwaysAllowRule(),
		},
		Mutation: privacy.MutationPolicy{
			rule.AllowRoles(auth.RoleSecretariat),
			rule.DenyMutation("decision positions"),
		},
	}
}
