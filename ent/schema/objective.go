package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/palabre/palabre/auth"
	"github.com/palabre/palabre/ent/privacy"
	"github.com/palabre/palabre/ent/schema/pulid"
	"github.com/palabre/palabre/ent/schema/revision"
	"github.com/palabre/palabre/ent/schema/rule"
)

// Objective is a strategic objective of a strategy, under one of the pillars of
// the ITU Global Cybersecurity Index.
type Objective struct{ ent.Schema }

// Mixin of the Objective.
func (Objective) Mixin() []ent.Mixin {
	return []ent.Mixin{
		pulid.MixinWithPrefix("OB"),
		TimeMixin{},
		revision.Mixin{},
		SearchMixin{Over: []string{"title", "description"}},
		AuditMixin{},
	}
}

// Fields of the Objective.
func (Objective) Fields() []ent.Field {
	return []ent.Field{
		field.String("code").
			Validate(validateCode).
			Comment("Reference code, unique within the strategy, such as « OS1 ».").
			Annotations(entgql.OrderField("CODE")),
		field.String("title").
			Validate(notBlank).MaxLen(500).
			Comment("Title of the objective.").
			Annotations(entgql.OrderField("TITLE")),
		field.Text("description").
			Default("").MaxLen(20000).
			Comment("What the objective means to achieve."),
		field.Enum("pillar").
			Annotations(Meanings{
				"LEGAL":                "Legal measures: laws and regulations on cybercrime, data protection and cybersecurity.",
				"TECHNICAL":            "Technical measures: CERTs, standards, protection of infrastructures.",
				"ORGANISATIONAL":       "Organisational measures: strategy, governance, responsible agencies.",
				"CAPACITY_DEVELOPMENT": "Capacity development: awareness, training, education, research.",
				"COOPERATION":          "Cooperation: national, regional and international agreements and partnerships.",
			}).
			NamedValues(
				"Legal", "LEGAL",
				"Technical", "TECHNICAL",
				"Organisational", "ORGANISATIONAL",
				"CapacityDevelopment", "CAPACITY_DEVELOPMENT",
				"Cooperation", "COOPERATION",
			).
			Comment("Pillar of the ITU Global Cybersecurity Index the objective belongs to.").
			Annotations(entgql.OrderField("PILLAR")),
		field.Int("position").
			Default(0).NonNegative().
			Comment("Rank of the objective in the strategy's text, from 0.").
			Annotations(entgql.OrderField("POSITION")),
	}
}

// Edges of the Objective.
func (Objective) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("strategy", Strategy.Type).Ref("objectives").Unique().Required().Immutable().
			Comment("The strategy the objective belongs to."),
		edge.To("children", Objective.Type).
			Comment("Sub-objectives.").
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput), entsql.OnDelete(entsql.Restrict)).
			From("parent").Unique().
			Comment("The objective this one details, if any."),
		edge.To("action_items", ActionItem.Type).
			Comment("Action items that implement the objective.").
			Annotations(entgql.RelayConnection(), entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput), entsql.OnDelete(entsql.Restrict)),
		edge.To("indicators", Indicator.Type).
			Comment("Indicators that measure the objective.").
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput), entsql.OnDelete(entsql.Restrict)),
	}
}

// Indexes of the Objective.
func (Objective) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("code").Edges("strategy").Unique(),
		index.Fields("pillar"),
	}
}

// Annotations of the Objective.
func (Objective) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("A strategic objective of a strategy, under one pillar of the ITU Global Cybersecurity Index."),
		entgql.RelayConnection(),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}

// Policy of the Objective: who may read and write it.
func (Objective) Policy() ent.Policy {
	return privacy.Policy{
		Query: privacy.QueryPolicy{
			rule.FilterObjectives(),
			privacy.AlwaysAllowRule(),
		},
		Mutation: privacy.MutationPolicy{
			rule.AllowRoles(auth.RoleSecretariat),
			rule.DenyMutation("objectives"),
		},
	}
}
