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

// Strategy is a national cybersecurity strategy: its objectives, its action plan
// and where it stands in its lifecycle.
type Strategy struct{ ent.Schema }

// Mixin of the Strategy.
func (Strategy) Mixin() []ent.Mixin {
	return []ent.Mixin{
		pulid.MixinWithPrefix("ST"),
		TimeMixin{},
		revision.Mixin{},
		SearchMixin{Over: []string{"title", "summary"}},
		AuditMixin{},
	}
}

// Fields of the Strategy.
func (Strategy) Fields() []ent.Field {
	return []ent.Field{
		field.String("title").
			Validate(notBlank).MaxLen(500).
			Comment("Title, such as « Stratégie nationale de cybersécurité 2022-2026 ».").
			Annotations(entgql.OrderField("TITLE")),
		field.String("country").
			Validate(validateCountry).
			Comment("Country the strategy is for, as an ISO 3166-1 alpha-2 code."),
		field.Int("start_year").
			Range(1990, 2100).
			Comment("First year of the period the strategy covers.").
			Annotations(entgql.OrderField("START_YEAR")),
		field.Int("end_year").
			Range(1990, 2100).
			Comment("Last year of the period the strategy covers; not before the first.").
			Annotations(entgql.OrderField("END_YEAR")),
		field.Text("summary").
			Default("").MaxLen(20000).
			Comment("Summary of the strategy's vision and intent."),
		field.Enum("status").
			Annotations(Meanings{
				"DRAFTING":          "The secretariat is writing it (the default).",
				"CONSULTATION":      "A version is out for consultation.",
				"CONSOLIDATION":     "The secretariat is answering observations and consolidating the text.",
				"VALIDATION":        "At the validation workshop; open questions go to consensus.",
				"SUBMITTED":         "Submitted to the Council of Ministers.",
				"ADOPTED":           "Adopted: the public may read it.",
				"IN_IMPLEMENTATION": "Adopted and being carried out; its action plan is tracked.",
				"SUPERSEDED":        "Replaced by a later strategy; kept for the record.",
			}).
			NamedValues(
				"Drafting", "DRAFTING",
				"Consultation", "CONSULTATION",
				"Consolidation", "CONSOLIDATION",
				"Validation", "VALIDATION",
				"Submitted", "SUBMITTED",
				"Adopted", "ADOPTED",
				"InImplementation", "IN_IMPLEMENTATION",
				"Superseded", "SUPERSEDED",
			).
			Default("DRAFTING").
			Comment("Where the strategy stands in its lifecycle. The public sees adopted strategies and later.").
			Annotations(entgql.OrderField("STATUS"), entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		field.String("adoption_reference").
			Default("").MaxLen(300).
			Comment("Reference of the act that adopted the strategy, such as « Décret n° 2022-123 du 15 mars 2022 ».").
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		field.Time("adopted_on").
			Optional().Nillable().
			Comment("Date of the act that adopted the strategy.").
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		field.Int("reporting_cadence_days").
			Default(90).Range(1, 3660).
			Comment("Days within which an item under way (in progress or delayed) must have a progress report; past them it is stale. 90 unless set."),
	}
}

// Edges of the Strategy.
func (Strategy) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("owner_agency", Agency.Type).Unique().Required().
			Comment("The agency whose secretariat drafts and owns the strategy."),
		edge.To("implementing_agency", Agency.Type).Unique().
			Comment("The agency that implements the strategy; empty until consensus names it."),
		edge.To("objectives", Objective.Type).
			Comment("Objectives of the strategy.").
			Annotations(entgql.RelayConnection(), entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput), entsql.OnDelete(entsql.Restrict)),
		edge.To("versions", StrategyVersion.Type).
			Comment("Published versions of the strategy.").
			Annotations(entgql.RelayConnection(), entgql.Skip(entgql.SkipWhereInput, entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput), entsql.OnDelete(entsql.Restrict)),
		edge.To("adopted_version", StrategyVersion.Type).Unique().
			Comment("The version the adopting act adopted.").
			Annotations(entgql.Skip(entgql.SkipWhereInput, entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		edge.To("transitions", StrategyTransition.Type).
			Comment("The strategy's moves through its lifecycle, oldest first.").
			Annotations(entgql.Skip(entgql.SkipWhereInput, entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput), entsql.OnDelete(entsql.Restrict)),
		edge.To("consultations", Consultation.Type).
			Comment("Consultation rounds on versions of the strategy.").
			Annotations(entgql.RelayConnection(), entgql.Skip(entgql.SkipWhereInput, entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput), entsql.OnDelete(entsql.Restrict)),
		edge.To("committees", Committee.Type).
			Comment("The committees that follow the strategy.").
			Annotations(entgql.Skip(entgql.SkipWhereInput, entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput), entsql.OnDelete(entsql.Restrict)),
		edge.To("decisions", Decision.Type).
			Comment("Questions put to consensus about the strategy.").
			Annotations(entgql.Skip(entgql.SkipWhereInput, entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput), entsql.OnDelete(entsql.Restrict)),
	}
}

// Indexes of the Strategy.
func (Strategy) Indexes() []ent.Index {
	return []ent.Index{index.Fields("status"), index.Fields("country")}
}

// Annotations of the Strategy.
func (Strategy) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("A national cybersecurity strategy: its objectives, its action plan and where it stands in its lifecycle."),
		entgql.RelayConnection(),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}

// Policy of the Strategy: who may read and write it.
func (Strategy) Policy() ent.Policy {
	return privacy.Policy{
		Query: privacy.QueryPolicy{
			rule.FilterStrategies(),
			privacy.AlwaysAllowRule(),
		},
		Mutation: privacy.MutationPolicy{
			rule.AllowRoles(auth.RoleSecretariat),
			rule.DenyMutation("strategies"),
		},
	}
}
