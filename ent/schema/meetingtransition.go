package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/palabre/palabre/ent/privacy"
	"github.com/palabre/palabre/ent/schema/pulid"
	"github.com/palabre/palabre/ent/schema/rule"
)

// MeetingTransition records one move of a meeting from one status to another:
// who, when and why.
type MeetingTransition struct{ ent.Schema }

// Mixin of the MeetingTransition.
func (MeetingTransition) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("MX"), TimeMixin{}, AuditMixin{}}
}

// Fields of the MeetingTransition.
func (MeetingTransition) Fields() []ent.Field {
	return []ent.Field{
		// Stored as text, shown as MeetingStatus values by the GraphQL layer.
		field.String("from_status").Immutable().Annotations(entgql.Skip(entgql.SkipAll)),
		field.String("to_status").Immutable().Annotations(entgql.Skip(entgql.SkipAll)),
		field.Text("comment").
			Default("").MaxLen(5000).Immutable().
			Comment("Why the meeting moved, in the words of who moved it."),
	}
}

// Edges of the MeetingTransition.
func (MeetingTransition) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("meeting", Meeting.Type).Ref("transitions").Unique().Required().Immutable().
			Comment("The meeting that moved."),
		edge.To("actor", Account.Type).Unique().Immutable().
			Comment("Who moved it.").
			Annotations(entgql.Skip(entgql.SkipWhereInput)),
	}
}

// Indexes of the MeetingTransition.
func (MeetingTransition) Indexes() []ent.Index {
	return []ent.Index{index.Edges("meeting")}
}

// Annotations of the MeetingTransition.
func (MeetingTransition) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("One move of a meeting from one status to another: from which to which, who, when and why."),
		entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput, entgql.SkipWhereInput),
	}
}

// Policy of the MeetingTransition: read with its meeting, written by coordination.Move.
func (MeetingTransition) Policy() ent.Policy {
	return privacy.Policy{
		Query: privacy.QueryPolicy{
			rule.FilterMeetingTransitions(),
			privacy.AlwaysAllowRule(),
		},
		Mutation: privacy.MutationPolicy{
			rule.AllowCommitteeSecretariat(),
			rule.DenyMutation("meeting history"),
		},
	}
}
