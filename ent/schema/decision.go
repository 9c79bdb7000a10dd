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

// Decision is a contested question put to consensus, such as which ministry
// anchors the national cybersecurity agency: the options, each agency's
// stated position, and the outcome.
type Decision struct{ ent.Schema }

// Mixin of the Decision.
func (Decision) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("DE"), TimeMixin{}, revision.Mixin{}, AuditMixin{}}
}

// Fields of the Decision.
func (Decision) Fields() []ent.Field {
	return []ent.Field{
		field.Text("question").
			Validate(notBlank).MaxLen(2000).
			Comment("The question, such as « Quel ministère assure la tutelle de l'agence nationale ? »."),
		field.Strings("options").
			Default([]string{}).
			Comment("The options put to the participants."),
		field.Enum("status").
			Annotations(Meanings{
				"OPEN":    "The question is being discussed; the strategy cannot be submitted yet.",
				"SETTLED": "The outcome is recorded.",
			}).
			NamedValues("Open", "OPEN", "Settled", "SETTLED").
			Default("OPEN").
			Comment("Open while the question is discussed; settled once the outcome is recorded. A strategy cannot be submitted while a decision is open.").
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		field.Text("outcome").
			Default("").MaxLen(5000).
			Comment("What was decided.").
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		field.Enum("body").
			Annotations(Meanings{
				"VALIDATION_WORKSHOP":        "The validation workshop of the strategy.",
				"INTERMINISTERIAL_COMMITTEE": "The interministerial committee.",
				"COUNCIL_OF_MINISTERS":       "The Council of Ministers.",
				"STEERING_COMMITTEE":         "The strategy's steering committee.",
			}).
			NamedValues(
				"ValidationWorkshop", "VALIDATION_WORKSHOP",
				"InterministerialCommittee", "INTERMINISTERIAL_COMMITTEE",
				"CouncilOfMinisters", "COUNCIL_OF_MINISTERS",
				"SteeringCommittee", "STEERING_COMMITTEE",
			).
			Optional().Nillable().
			Comment("The body that decided.").
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		field.Time("decided_on").
			Optional().Nillable().
			Comment("When it was decided.").
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
	}
}

// Edges of the Decision.
func (Decision) Edges() []ent.Edge {
	return []ent.Edge{
		// The body's record: exactly one of strategy and meeting (decidedByOneBody).
		edge.From("strategy", Strategy.Type).Ref("decisions").Unique().Immutable().
			Comment("The strategy the question is about; null for a decision taken at a committee's meeting."),
		edge.From("meeting", Meeting.Type).Ref("decisions").Unique().Immutable().
			Comment("The committee meeting that took the decision; null for a question about a strategy put to its own bodies."),
		edge.To("positions", DecisionPosition.Type).
			Comment("Each consulted agency's stated position.").
			Annotations(entsql.OnDelete(entsql.Cascade), entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		edge.To("implementing_agency", Agency.Type).Unique().
			Comment("The implementing agency the outcome names, if the question was which agency implements the strategy.").
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
	}
}

// Indexes of the Decision: the decisions of a meeting.
func (Decision) Indexes() []ent.Index {
	return []ent.Index{index.Edges("meeting")}
}

// Annotations of the Decision.
func (Decision) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("A contested question put to consensus: the options, each agency's stated position, the outcome, the body that decided and when."),
		entgql.RelayConnection(),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}

// Policy of the Decision.
func (Decision) Policy() ent.Policy {
	return privacy.Policy{
		Query: privacy.QueryPolicy{
			rule.FilterDecisions(),
			privacy.AlwaysAllowRule(),
		},
		Mutation: privacy.MutationPolicy{
			rule.AllowRoles(auth.RoleSecretariat),
			rule.DenyMutation("decisions"),
		},
	}
}
