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
	"github.com/palabre/palabre/ent/schema/rule"
)

// StrategyVersion is an immutable, numbered snapshot of a strategy's whole
// content: what consultations consult and what adoption adopts.
type StrategyVersion struct{ ent.Schema }

// Mixin of the StrategyVersion.
func (StrategyVersion) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("SV"), TimeMixin{}, AuditMixin{Digest: []string{"content"}}}
}

// Fields of the StrategyVersion: all immutable, a published version never changes.
func (StrategyVersion) Fields() []ent.Field {
	return []ent.Field{
		field.Int("number").
			Positive().Immutable().
			Comment("Number of the version within its strategy: 1, 2, 3…").
			Annotations(entgql.OrderField("NUMBER")),
		field.String("label").
			Validate(notBlank).MaxLen(200).Immutable().
			Comment("Label, such as « Draft 2020 » or « Post-workshop v2 »."),
		field.Text("changelog").
			Default("").MaxLen(20000).Immutable().
			Comment("What changed since the previous version."),
		field.Text("content").
			Immutable().
			Comment("The strategy's whole content at publication (objectives, items, agencies, indicators), as canonical JSON."),
		field.String("sha256").
			Immutable().
			Comment("SHA-256 of content, in hexadecimal: anyone can check that a version is the one published."),
	}
}

// Edges of the StrategyVersion.
func (StrategyVersion) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("strategy", Strategy.Type).Ref("versions").Unique().Required().Immutable().
			Comment("The strategy the version is a snapshot of."),
		edge.To("published_by", Account.Type).Unique().Immutable().
			Comment("Who published the version.").
			Annotations(entgql.Skip(entgql.SkipWhereInput)),
		edge.From("consultations", Consultation.Type).Ref("version").
			Annotations(entgql.Skip(entgql.SkipAll)),
		edge.To("attachments", Attachment.Type).
			Comment("Files annexed to the version, oldest first.").
			Annotations(entgql.Skip(entgql.SkipWhereInput, entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput), entsql.OnDelete(entsql.Restrict)),
		edge.From("adopting_strategy", Strategy.Type).Ref("adopted_version").Unique().
			Comment("The strategy that adopted this version, if it was adopted.").
			Annotations(entgql.Skip(entgql.SkipWhereInput)),
	}
}

// Indexes of the StrategyVersion.
func (StrategyVersion) Indexes() []ent.Index {
	return []ent.Index{index.Fields("number").Edges("strategy").Unique()}
}

// Annotations of the StrategyVersion.
func (StrategyVersion) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("An immutable, numbered snapshot of a strategy's whole content, with its SHA-256: what consultations consult and what adoption adopts."),
		entgql.RelayConnection(),
		entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput),
	}
}

// Policy of the StrategyVersion.
func (StrategyVersion) Policy() ent.Policy {
	return privacy.Policy{
		Query: privacy.QueryPolicy{
			rule.FilterVersions(),
			privacy.AlwaysAllowRule(),
		},
		Mutation: privacy.MutationPolicy{
			rule.AllowRoles(auth.RoleSecretariat),
			rule.DenyMutation("versions"),
		},
	}
}
