package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/palabre/palabre/ent/privacy"
	"github.com/palabre/palabre/ent/schema/pulid"
	"github.com/palabre/palabre/ent/schema/revision"
	"github.com/palabre/palabre/ent/schema/rule"
)

// Observation is what an agency says in a consultation round, on the strategy
// as a whole, one objective or one action item of the consulted version, and
// the secretariat's reasoned answer to it.
type Observation struct{ ent.Schema }

// Mixin of the Observation.
func (Observation) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("OS"), TimeMixin{}, revision.Mixin{}, AuditMixin{}}
}

// Fields of the Observation.
func (Observation) Fields() []ent.Field {
	return []ent.Field{
		field.Enum("target_kind").
			Annotations(Meanings{
				"STRATEGY":    "The strategy as a whole.",
				"OBJECTIVE":   "One objective of the consulted version.",
				"ACTION_ITEM": "One action item of the consulted version.",
			}).
			NamedValues("Strategy", "STRATEGY", "Objective", "OBJECTIVE", "ActionItem", "ACTION_ITEM").
			Immutable().
			Comment("What the observation is about: the strategy as a whole, an objective or an action item."),
		// The target is named by the ID it has in the consulted version, not by a
		// foreign key: the working copy may later change or lose it.
		field.String("target_id").
			GoType(pulid.ID("")).Optional().Immutable().
			Comment("ID of the objective or action item in the consulted version; empty for the whole strategy.").
			Annotations(entgql.Type("ID")),
		field.String("target_code").
			Default("").Immutable().
			Comment("Code of the target in the consulted version, such as « A1.3 »; empty for the whole strategy.").
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput)),
		field.String("target_title").
			Default("").Immutable().
			Comment("Title of the target in the consulted version.").
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput)),
		field.Enum("kind").
			Annotations(Meanings{
				"COMMENT":   "A remark on the text, with no change proposed.",
				"AMENDMENT": "A change to the text, proposed in proposedText.",
				"OBJECTION": "A disagreement with the text as it stands.",
				"SUPPORT":   "Agreement with the text as it stands.",
				"QUESTION":  "A question to the secretariat about the text.",
			}).
			NamedValues("Comment", "COMMENT", "Amendment", "AMENDMENT", "Objection", "OBJECTION", "Support", "SUPPORT", "Question", "QUESTION").
			Comment("What kind of observation it is."),
		field.Text("body").
			Validate(notBlank).MaxLen(20000).
			Comment("The observation itself."),
		field.Text("proposed_text").
			Default("").MaxLen(20000).
			Comment("For an amendment, the text proposed instead."),
		field.Enum("status").
			Annotations(Meanings{
				"DRAFT":              "Being written: only its agency sees it; submit it before the round closes.",
				"SUBMITTED":          "Sent to the secretariat, awaiting its answer.",
				"ACCEPTED":           "Taken into account as proposed.",
				"PARTIALLY_ACCEPTED": "Taken into account in part; the response says how.",
				"REJECTED":           "Not taken into account; the response says why.",
				"OUT_OF_SCOPE":       "Outside what the strategy covers; the response says why.",
				"WITHDRAWN":          "Withdrawn by its agency while the round was open.",
			}).
			NamedValues(
				"Draft", "DRAFT",
				"Submitted", "SUBMITTED",
				"Accepted", "ACCEPTED",
				"PartiallyAccepted", "PARTIALLY_ACCEPTED",
				"Rejected", "REJECTED",
				"OutOfScope", "OUT_OF_SCOPE",
				"Withdrawn", "WITHDRAWN",
			).
			Default("DRAFT").
			Comment("Where the observation stands: a draft only its agency sees, submitted, answered (accepted, partially accepted, rejected, out of scope), or withdrawn.").
			Annotations(entgql.OrderField("STATUS"), entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		field.String("idempotency_key").
			Optional().Nillable().Immutable().MaxLen(200).
			Comment("Key chosen by the client so that a retried submission returns the first observation instead of a second one.").
			Annotations(entgql.Skip(entgql.SkipAll)),
		field.Time("submitted_at").
			Optional().Nillable().
			Comment("When the observation was submitted.").
			Annotations(entgql.OrderField("SUBMITTED_AT"), entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		field.Text("response").
			Default("").MaxLen(20000).
			Comment("The secretariat's reasoned answer; required for anything but acceptance.").
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		field.Time("responded_at").
			Optional().Nillable().
			Comment("When the secretariat answered.").
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
	}
}

// Edges of the Observation.
func (Observation) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("consultation", Consultation.Type).Ref("observations").Unique().Required().Immutable().
			Comment("The round the observation was made in."),
		edge.To("agency", Agency.Type).Unique().Required().Immutable().
			Comment("The agency whose observation it is.").
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput)),
		edge.To("author", Account.Type).Unique().Immutable().
			Comment("The person who wrote it.").
			Annotations(entgql.Skip(entgql.SkipWhereInput, entgql.SkipMutationCreateInput)),
		edge.To("responded_by", Account.Type).Unique().
			Comment("Who answered it for the secretariat.").
			Annotations(entgql.Skip(entgql.SkipWhereInput, entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		edge.To("attachments", Attachment.Type).
			Comment("Files the agency attached to its observation (an annotated draft, say), oldest first; as private as the observation.").
			Annotations(entgql.Skip(entgql.SkipWhereInput, entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput), entsql.OnDelete(entsql.Restrict)),
		edge.To("taken_into", StrategyVersion.Type).Unique().
			Comment("The version in which the observation was taken into account.").
			Annotations(entgql.Skip(entgql.SkipWhereInput, entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
	}
}

// Indexes of the Observation.
func (Observation) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("idempotency_key").Edges("agency").Unique(),
		index.Fields("status"),
		// A round's observations and an agency's by status (the privacy
		// filter's): in database/migrategen/indexes.go, since ent puts an
		// edge's column last.
	}
}

// Annotations of the Observation.
func (Observation) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("What an agency says in a consultation round, on the strategy, an objective or an action item of the consulted version, with the secretariat's reasoned answer."),
		entgql.RelayConnection(),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}

// Policy of the Observation: see rule/observation.go.
func (Observation) Policy() ent.Policy {
	return privacy.Policy{
		Query: privacy.QueryPolicy{
			rule.FilterObservations(),
			privacy.AlwaysAllowRule(),
		},
		Mutation: privacy.MutationPolicy{
			rule.AllowObservationWrites(),
			rule.DenyMutation("observations"),
		},
	}
}
