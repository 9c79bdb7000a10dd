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

// Committee is a coordination committee that follows one agreement or one
// strategy: its member agencies with their roles, its mandate, how often it
// meets, and its meetings.
type Committee struct{ ent.Schema }

// Mixin of the Committee.
func (Committee) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("CT"), TimeMixin{}, revision.Mixin{}, AuditMixin{}}
}

// Fields of the Committee.
func (Committee) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").
			Validate(notBlank).MaxLen(500).
			Comment("Name of the committee, such as « Comité mixte de coordination Sénégal – Côte d'Ivoire ».").
			Annotations(entgql.OrderField("NAME")),
		field.Enum("kind").
			Annotations(Meanings{
				"BILATERAL_COORDINATION_COMMITTEE":    "A bilateral coordination committee: the parties of an agreement follow its implementation.",
				"INTERMINISTERIAL_STEERING_COMMITTEE": "An interministerial steering committee: the ministries follow a strategy or an agreement.",
				"TECHNICAL_WORKING_GROUP":             "A technical working group: experts follow part of a plan.",
			}).
			NamedValues(
				"BilateralCoordinationCommittee", "BILATERAL_COORDINATION_COMMITTEE",
				"InterministerialSteeringCommittee", "INTERMINISTERIAL_STEERING_COMMITTEE",
				"TechnicalWorkingGroup", "TECHNICAL_WORKING_GROUP",
			).
			Comment("What kind of committee it is."),
		field.Text("mandate").
			Default("").MaxLen(20000).
			Comment("What the committee is charged with."),
		field.Int("meeting_every").
			Default(3).Range(1, 3660).
			Comment("How often the committee meets: every so many meetingEveryUnit (every 3 months unless set)."),
		field.Enum("meeting_every_unit").
			Annotations(Meanings{
				"DAYS":   "The cadence counts days.",
				"MONTHS": "The cadence counts calendar months (the default).",
			}).
			NamedValues("Days", "DAYS", "Months", "MONTHS").
			Default("MONTHS").
			Comment("The unit of meetingEvery."),
	}
}

// Edges of the Committee.
func (Committee) Edges() []ent.Edge {
	return []ent.Edge{
		// What it follows: exactly one of agreement and strategy (followsOnePlan).
		edge.From("agreement", Agreement.Type).Ref("committees").Unique().Immutable().
			Comment("The agreement the committee follows; null when it follows a strategy."),
		edge.From("strategy", Strategy.Type).Ref("committees").Unique().Immutable().
			Comment("The strategy the committee follows; null when it follows an agreement."),
		edge.To("members", CommitteeMember.Type).
			Comment("The member agencies, each with its role.").
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput), entsql.OnDelete(entsql.Restrict)),
		edge.To("meetings", Meeting.Type).
			Comment("The committee's meetings (the public reads the held ones only).").
			// The public reads a committee but not its scheduled meetings: no filter through them.
			Annotations(entgql.RelayConnection(), entgql.Skip(entgql.SkipWhereInput, entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput), entsql.OnDelete(entsql.Restrict)),
	}
}

// Indexes of the Committee: the committees of an agreement or a strategy.
func (Committee) Indexes() []ent.Index {
	return []ent.Index{index.Edges("agreement"), index.Edges("strategy")}
}

// Annotations of the Committee.
func (Committee) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("A coordination committee following an agreement or a strategy: its member agencies with their roles, its mandate, its meeting cadence and its meetings."),
		entgql.RelayConnection(),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}

// Policy of the Committee: read with what it follows, written by the secretariat.
func (Committee) Policy() ent.Policy {
	return privacy.Policy{
		Query: privacy.QueryPolicy{
			rule.FilterCommittees(),
			privacy.AlwaysAllowRule(),
		},
		Mutation: privacy.MutationPolicy{
			rule.AllowRoles(auth.RoleSecretariat),
			rule.DenyMutation("committees"),
		},
	}
}
