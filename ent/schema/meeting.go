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

// Meeting is a meeting of a committee: when and where, its status, agenda,
// attendance, minutes, the decisions taken and the follow-up actions decided.
type Meeting struct{ ent.Schema }

// Mixin of the Meeting.
func (Meeting) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("MG"), TimeMixin{}, revision.Mixin{}, AuditMixin{}}
}

// Fields of the Meeting.
func (Meeting) Fields() []ent.Field {
	return []ent.Field{
		field.Time("scheduled_at").
			Comment("When the meeting takes or took place.").
			Annotations(entgql.OrderField("SCHEDULED_AT")),
		field.String("place").
			Default("").MaxLen(300).
			Comment("Where the meeting takes place, such as « Dakar, Sphère ministérielle de Diamniadio »; empty when online only."),
		field.Bool("online").
			Default(false).
			Comment("True when the meeting is held online, alone or beside a place."),
		field.Enum("status").
			Annotations(Meanings{
				"SCHEDULED": "Planned (the default).",
				"HELD":      "Took place: its attendance and minutes can be recorded.",
				"POSTPONED": "Put off; it may be scheduled again.",
				"CANCELLED": "Will not take place.",
			}).
			NamedValues("Scheduled", "SCHEDULED", "Held", "HELD", "Postponed", "POSTPONED", "Cancelled", "CANCELLED").
			Default("SCHEDULED").
			Comment("Where the meeting stands. It changes by moveMeeting only, which records each move.").
			Annotations(entgql.OrderField("STATUS"), entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		field.Text("agenda").
			Default("").MaxLen(20000).
			Comment("The agenda."),
	}
}

// Edges of the Meeting.
func (Meeting) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("committee", Committee.Type).Ref("meetings").Unique().Required().Immutable().
			Comment("The committee that meets."),
		edge.To("attendees", Agency.Type).
			Comment("The member agencies that were present; only members of the committee.").
			Annotations(entgql.Skip(entgql.SkipWhereInput)),
		edge.To("minutes", Minutes.Type).
			Comment("The versions of the meeting's minutes, oldest first: drafts, then approved versions (frozen); the latest approved is the record.").
			Annotations(entgql.Skip(entgql.SkipWhereInput, entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput), entsql.OnDelete(entsql.Restrict)),
		edge.To("decisions", Decision.Type).
			Comment("The decisions taken at the meeting.").
			Annotations(entgql.Skip(entgql.SkipWhereInput, entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput), entsql.OnDelete(entsql.Restrict)),
		edge.To("follow_ups", ActionItem.Type).
			Comment("The follow-up actions decided at the meeting: action items of the plan the committee follows.").
			Annotations(entgql.RelayConnection(), entgql.Skip(entgql.SkipWhereInput, entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput), entsql.OnDelete(entsql.Restrict)),
		edge.To("transitions", MeetingTransition.Type).
			Comment("The meeting's moves from one status to another, oldest first.").
			Annotations(entgql.Skip(entgql.SkipWhereInput, entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput), entsql.OnDelete(entsql.Restrict)),
		edge.To("attachments", Attachment.Type).
			Comment("Files of the meeting (its signed minutes, the attendance sheet), oldest first; read by whoever reads the meeting.").
			Annotations(entgql.Skip(entgql.SkipWhereInput, entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput), entsql.OnDelete(entsql.Restrict)),
	}
}

// Indexes of the Meeting: a committee's meetings by date.
func (Meeting) Indexes() []ent.Index {
	return []ent.Index{index.Fields("scheduled_at").Edges("committee"), index.Edges("committee"), index.Fields("status")}
}

// Annotations of the Meeting.
func (Meeting) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("A meeting of a committee: date, place or online, status, agenda, attendance, minutes, decisions and follow-up actions."),
		entgql.RelayConnection(),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}

// Policy of the Meeting: read with its committee (the public its held
// meetings only); recorded by the secretariat and by the agency holding the
// committee's secretariat.
func (Meeting) Policy() ent.Policy {
	return privacy.Policy{
		Query: privacy.QueryPolicy{
			rule.FilterMeetings(),
			privacy.AlwaysAllowRule(),
		},
		Mutation: privacy.MutationPolicy{
			rule.AllowCommitteeSecretariat(),
			rule.DenyMutation("meetings"),
		},
	}
}
