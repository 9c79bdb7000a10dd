package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"

	"github.com/palabre/palabre/auth"
	"github.com/palabre/palabre/ent/privacy"
	"github.com/palabre/palabre/ent/schema/pulid"
	"github.com/palabre/palabre/ent/schema/revision"
	"github.com/palabre/palabre/ent/schema/rule"
)

// Indicator measures an objective or an action item against a target.
type Indicator struct{ ent.Schema }

// Mixin of the Indicator.
func (Indicator) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("IN"), TimeMixin{},
		revision.Mixin{}, AuditMixin{}}
}

// Fields of the Indicator.
func (Indicator) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").
			Validate(notBlank).MaxLen(500).
			Comment("What is measured, such as « Nombre d'incidents traités par le CERT ».").
			Annotations(entgql.OrderField("NAME")),
		field.String("unit").
			Default("").MaxLen(50).
			Comment("Unit of the values, such as « % » or « incidents »."),
		field.Float("baseline").
			Optional().Nillable().
			Comment("Value when the strategy started."),
		field.Float("target").
			Optional().Nillable().
			Comment("Value to reach by the target date."),
		field.Time("target_date").
			Optional().Nillable().
			Comment("When the target should be reached.").
			Annotations(entgql.OrderField("TARGET_DATE")),
	}
}

// Edges of the Indicator: exactly one of objective and action item is set.
func (Indicator) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("objective", Objective.Type).Ref("indicators").Unique().Immutable().
			Comment("The objective the indicator measures, if it measures an objective."),
		edge.From("action_item", ActionItem.Type).Ref("indicators").Unique().Immutable().
			Comment("The action item the indicator measures, if it measures an action item."),
		edge.To("measurements", Measurement.Type).
			Comment("Dated values of the indicator.").
			Annotations(entgql.RelayConnection(), entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput), entsql.OnDelete(entsql.Cascade)),
	}
}

// Annotations of the Indicator.
func (Indicator) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("A measure of an objective or an action item against a target."),
		entgql.RelayConnection(),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}

// Policy of the Indicator: who may read and write it.
func (Indicator) Policy() ent.Policy {
	return privacy.Policy{
		Query: privacy.QueryPolicy{
			rule.FilterIndicators(),
			privacy.AlwaysAllowRule(),
		},
		Mutation: privacy.MutationPolicy{
			rule.AllowRoles(auth.RoleSecretariat),
			rule.DenyMutation("indicators"),
		},
	}
}
