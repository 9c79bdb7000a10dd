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
	"github.com/palabre/palabre/ent/schema/revision"
	"github.com/palabre/palabre/ent/schema/rule"
)

// Minutes is one version of a meeting's minutes. A draft is edited; approval
// freezes it and stores the SHA-256 of its canonical text; a correction is a
// new version, approved in turn, never an edit.
type Minutes struct{ ent.Schema }

// Mixin of the Minutes.
func (Minutes) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("MN"), TimeMixin{}, revision.Mixin{}, AuditMixin{}}
}

// Fields of the Minutes.
func (Minutes) Fields() []ent.Field {
	return []ent.Field{
		field.Int("number").
			Positive().Immutable().
			Comment("The version's number within the meeting: 1, 2, 3…").
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		field.Text("text").
			Validate(notBlank).MaxLen(200000).
			Comment("The minutes' text. Editable while a draft; frozen once approved."),
		field.Enum("status").
			Annotations(Meanings{
				"DRAFT":    "Being written: editable, read by the secretariat and reviewers only (the default).",
				"APPROVED": "Approved: frozen, hashed, and readable by whoever reads the meeting.",
			}).
			NamedValues("Draft", "DRAFT", "Approved", "APPROVED").
			Default("DRAFT").
			Comment("Draft or approved. It changes by approveMinutes only.").
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		field.Time("approved_at").
			Optional().Nillable().
			Comment("When the minutes were approved.").
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		field.String("sha256").
			Optional().Nillable().
			Comment("SHA-256 of the canonical text (coordination.CanonicalText), in hexadecimal, stored on approval: `palabre verify` checks it.").
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
	}
}

// Edges of the Minutes.
func (Minutes) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("meeting", Meeting.Type).Ref("minutes").Unique().Required().Immutable().
			Comment("The meeting the minutes record."),
		edge.To("approved_by", Account.Type).Unique().
			Comment("Who approved them.").
			Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

// Indexes of the Minutes: a meeting's versions are numbered once each.
func (Minutes) Indexes() []ent.Index {
	return []ent.Index{index.Fields("number").Edges("meeting").Unique(), index.Edges("meeting")}
}

// Annotations of the Minutes.
func (Minutes) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("One version of a meeting's minutes: a draft, editable, or approved, frozen and hashed. A correction is a new version."),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}

// Policy of the Minutes: approved minutes are read with their meeting, drafts
// by the secretariat, reviewers and the committee's secretariat agency only.
func (Minutes) Policy() ent.Policy {
	return privacy.Policy{
		Query: privacy.QueryPolicy{
			rule.FilterMinutes(),
			privacy.AlwaysAllowRule(),
		},
		Mutation: privacy.MutationPolicy{
			rule.AllowCommitteeSecretariat(),
			rule.DenyMutation("minutes"),
		},
	}
}
