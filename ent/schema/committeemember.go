package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
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

// CommitteeMember is an agency's seat on a committee, with its role.
type CommitteeMember struct{ ent.Schema }

// Mixin of the CommitteeMember.
func (CommitteeMember) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("CB"), TimeMixin{}, revision.Mixin{}, AuditMixin{}}
}

// Fields of the CommitteeMember.
func (CommitteeMember) Fields() []ent.Field {
	return []ent.Field{
		field.Enum("role").
			Annotations(Meanings{
				"CHAIR":       "Chairs the committee.",
				"CO_CHAIR":    "Chairs the committee with another agency.",
				"MEMBER":      "Sits on the committee (the default).",
				"SECRETARIAT": "Holds the committee's secretariat: its accounts record the committee's meetings, attendance and minutes.",
			}).
			NamedValues("Chair", "CHAIR", "CoChair", "CO_CHAIR", "Member", "MEMBER", "Secretariat", "SECRETARIAT").
			Default("MEMBER").
			Comment("The agency's role on the committee."),
	}
}

// Edges of the CommitteeMember.
func (CommitteeMember) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("committee", Committee.Type).Ref("members").Unique().Required().Immutable().
			Comment("The committee."),
		edge.To("agency", Agency.Type).Unique().Required().Immutable().
			Comment("The agency that sits on it."),
	}
}

// Indexes of the CommitteeMember: an agency sits on a committee once.
func (CommitteeMember) Indexes() []ent.Index {
	return []ent.Index{index.Edges("committee", "agency").Unique(), index.Edges("agency")}
}

// Annotations of the CommitteeMember.
func (CommitteeMember) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("An agency's seat on a committee: chair, co-chair, member or secretariat."),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}

// Policy of the CommitteeMember: read with its committee, written by the secretariat.
func (CommitteeMember) Policy() ent.Policy {
	return privacy.Policy{
		Query: privacy.QueryPolicy{
			rule.FilterCommitteeMembers(),
			privacy.AlwaysAllowRule(),
		},
		Mutation: privacy.MutationPolicy{
			rule.AllowRoles(auth.RoleSecretariat),
			rule.DenyMutation("committee members"),
		},
	}
}
