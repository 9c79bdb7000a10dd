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

// Measurement is one dated value of an indicator.
type Measurement struct{ ent.Schema }

// Mixin of the Measurement.
func (Measurement) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("ME"), TimeMixin{}, AuditMixin{}}
}

// Fields of the Measurement.
func (Measurement) Fields() []ent.Field {
	return []ent.Field{
		field.Float("value").
			Comment("The measured value, in the indicator's unit."),
		field.Time("measured_at").
			Comment("When the value was measured.").
			Annotations(entgql.OrderField("MEASURED_AT")),
		field.Text("note").
			Default("").MaxLen(5000).
			Comment("Source or remark about the value."),
	}
}

// Edges of the Measurement.
func (Measurement) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("indicator", Indicator.Type).Ref("measurements").Unique().Required().Immutable().
			Comment("The indicator measured."),
		edge.From("progress_report", ProgressReport.Type).Ref("measurements").Unique().Immutable().
			Comment("The progress report the measurement was filed with, if any.").
			Annotations(entgql.Skip(entgql.SkipWhereInput, entgql.SkipMutationCreateInput)),
	}
}

// Annotations of the Measurement.
func (Measurement) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("One dated value of an indicator."),
		entgql.RelayConnection(),
		entgql.Mutations(entgql.MutationCreate()),
	}
}

// Policy of the Measurement: who may read and write it.
func (Measurement) Policy() ent.Policy {
	return privacy.Policy{
		Query: privacy.QueryPolicy{
			rule.FilterMeasurements(),
			privacy.AlwaysAllowRule(),
		},
		Mutation: privacy.MutationPolicy{
			rule.AllowRoles(auth.RoleSecretariat),
			rule.DenyMutation("measurements"),
		},
	}
}
