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

// Commitment is what an agreement says its parties will do: share expertise,
// fund, train, co-organise events, run a pilot. Action items carry it out:
// the commitment is their plan, as an objective is for a strategy's items.
type Commitment struct{ ent.Schema }

// Mixin of the Commitment.
func (Commitment) Mixin() []ent.Mixin {
	return []ent.Mixin{
		pulid.MixinWithPrefix("CM"),
		TimeMixin{},
		revision.Mixin{},
		SearchMixin{Over: []string{"title", "description"}},
		AuditMixin{},
	}
}

// Fields of the Commitment.
func (Commitment) Fields() []ent.Field {
	return []ent.Field{
		field.String("code").
			Validate(validateCode).
			Comment("Reference code, unique within the agreement, such as « E1 »; the agreement's action items are coded within it.").
			Annotations(entgql.OrderField("CODE")),
		field.String("title").
			Validate(notBlank).MaxLen(500).
			Comment("What is undertaken, in a line.").
			Annotations(entgql.OrderField("TITLE")),
		field.Text("description").
			Default("").MaxLen(20000).
			Comment("What is undertaken, as the agreement words it."),
		field.Enum("kind").
			Annotations(Meanings{
				"SHARE_EXPERTISE":    "Share expertise or information.",
				"FUND":               "Fund activities.",
				"TRAIN":              "Train people.",
				"CO_ORGANISE_EVENTS": "Co-organise events, workshops or exercises.",
				"RUN_PILOT":          "Run a pilot.",
				"OTHER":              "Any other undertaking (the default).",
			}).
			NamedValues(
				"ShareExpertise", "SHARE_EXPERTISE",
				"Fund", "FUND",
				"Train", "TRAIN",
				"CoOrganiseEvents", "CO_ORGANISE_EVENTS",
				"RunPilot", "RUN_PILOT",
				"Other", "OTHER",
			).
			Default("OTHER").
			Comment("What kind of undertaking it is."),
		field.Time("due_date").
			Optional().Nillable().
			Comment("When the commitment is due, if the agreement says.").
			Annotations(entgql.OrderField("DUE_DATE")),
		field.Int("position").
			Default(0).
			Comment("Rank of the commitment in the agreement.").
			Annotations(entgql.OrderField("POSITION")),
	}
}

// Edges of the Commitment.
func (Commitment) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("agreement", Agreement.Type).Ref("commitments").Unique().Required().Immutable().
			Comment("The agreement that contains the commitment."),
		edge.To("responsible_parties", Agency.Type).
			Comment("The agencies responsible for the commitment; each must be party to the agreement."),
		edge.To("action_items", ActionItem.Type).
			Comment("The action items that carry the commitment out: its plan.").
			Annotations(entgql.RelayConnection(), entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput), entsql.OnDelete(entsql.Restrict)),
		// Items of strategies that also carry the commitment out. A strategy's
		// items may be hidden where the agreement is not: no filter through them.
		edge.From("implemented_by", ActionItem.Type).Ref("implements").
			Comment("Action items of strategies that also implement the commitment.").
			Annotations(entgql.Skip(entgql.SkipWhereInput, entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
	}
}

// Indexes of the Commitment.
func (Commitment) Indexes() []ent.Index {
	return []ent.Index{index.Fields("code").Edges("agreement").Unique()}
}

// Annotations of the Commitment.
func (Commitment) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("What an agreement says its parties will do (share expertise, fund, train, co-organise events, run a pilot), with its responsible parties, due date and the action items that carry it out."),
		entgql.RelayConnection(),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}

// Policy of the Commitment: read with its agreement, written by the secretariat.
func (Commitment) Policy() ent.Policy {
	return privacy.Policy{
		Query: privacy.QueryPolicy{
			rule.FilterCommitments(),
			privacy.AlwaysAllowRule(),
		},
		Mutation: privacy.MutationPolicy{
			rule.AllowRoles(auth.RoleSecretariat),
			rule.DenyMutation("commitments"),
		},
	}
}
