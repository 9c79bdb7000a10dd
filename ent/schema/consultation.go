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

// Consultation is a round in which invited agencies comment on one published
// version of a strategy. Its status follows the clock (opensAt, closesAt) and
// the secretariat's actions (open now, extend, close now, consolidate).
type Consultation struct{ ent.Schema }

// Mixin of the Consultation.
func (Consultation) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("CO"), TimeMixin{}, revision.Mixin{}, AuditMixin{}}
}

// Fields of the Consultation.
func (Consultation) Fields() []ent.Field {
	return []ent.Field{
		field.String("title").
			Validate(notBlank).MaxLen(500).
			Comment("Title, such as « Consultation écrite des ministères ».").
			Annotations(entgql.OrderField("TITLE")),
		field.Enum("kind").
			Annotations(Meanings{
				"WRITTEN":  "Observations are sent in writing while the round is open.",
				"WORKSHOP": "Observations are gathered at a workshop, at its place and dates.",
				"PUBLIC":   "Open to the public as well as the invited agencies.",
			}).
			NamedValues("Written", "WRITTEN", "Workshop", "WORKSHOP", "Public", "PUBLIC").
			Comment("How the round is held: in writing, at a workshop, or open to the public."),
		field.String("place").
			Default("").MaxLen(300).
			Comment("Where a workshop is held, such as « Dakar, CICAD »."),
		field.Time("opens_at").
			Comment("When the round opens for observations.").
			Annotations(entgql.OrderField("OPENS_AT"), entgql.Skip(entgql.SkipMutationUpdateInput)),
		field.Time("closes_at").
			Comment("When the round closes; after it, observations can no longer be submitted, edited or withdrawn.").
			Annotations(entgql.OrderField("CLOSES_AT"), entgql.Skip(entgql.SkipMutationUpdateInput)),
		field.Time("consolidated_at").
			Optional().Nillable().
			Comment("When the secretariat consolidated the round: its response matrix is then shared with every invited agency.").
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
	}
}

// Edges of the Consultation.
func (Consultation) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("version", StrategyVersion.Type).Unique().Required().Immutable().
			Comment("The published version consulted on."),
		edge.From("strategy", Strategy.Type).Ref("consultations").Unique().Required().Immutable().
			Comment("The strategy consulted on: the version's.").
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput)),
		edge.To("invited_agencies", Agency.Type).
			Comment("The agencies invited to submit observations.").
			Annotations(entgql.Skip(entgql.SkipWhereInput)),
		edge.To("observations", Observation.Type).
			Comment("Observations submitted in the round.").
			Annotations(entgql.RelayConnection(), entsql.OnDelete(entsql.Restrict),
				entgql.Skip(entgql.SkipWhereInput, entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput),
				// observation_counts, kept by triggers (database/migrategen/counts.go);
				// read by rule.CountObservations.
				Counted{Table: "observation_counts"}),
	}
}

// Indexes of the Consultation.
func (Consultation) Indexes() []ent.Index {
	return []ent.Index{index.Fields("opens_at"), index.Fields("closes_at")}
}

// Annotations of the Consultation.
func (Consultation) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("A consultation round on one published version of a strategy: who is invited, when it is open, and the observations received."),
		entgql.RelayConnection(),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}

// Policy of the Consultation.
func (Consultation) Policy() ent.Policy {
	return privacy.Policy{
		Query: privacy.QueryPolicy{
			rule.FilterConsultations(),
			privacy.AlwaysAllowRule(),
		},
		Mutation: privacy.MutationPolicy{
			rule.AllowRoles(auth.RoleSecretariat),
			rule.DenyMutation("consultations"),
		},
	}
}
