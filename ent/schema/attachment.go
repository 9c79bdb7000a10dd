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

// Attachment is a file attached to a record (a strategy version's annex, an
// agency's annotated draft on its observation, an agreement's signed text),
// stored once under its SHA-256 (package attachment) and never changed.
//
// Its owner is exactly one of its owner edges (checked by a hook): each owner
// kind is one optional edge, so a new kind (a meeting's minutes) is one more
// edge here, one more case in rule.FilterAttachments and in
// attachment.ownerOf. It is read exactly when its owner is.
type Attachment struct{ ent.Schema }

// Mixin of the Attachment.
func (Attachment) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("AT"), TimeMixin{}, AuditMixin{}}
}

// Fields of the Attachment: all immutable, a file never changes.
func (Attachment) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").
			Validate(notBlank).MaxLen(255).Immutable().
			Comment("The file's name as it was uploaded, made safe: no folders, no control characters, at most 255 bytes.").
			Annotations(entgql.OrderField("NAME")),
		field.String("content_type").
			Immutable().
			Comment("The file's media type, detected from its bytes (never the one the client sent), such as « application/pdf »."),
		field.Int64("size").
			NonNegative().Immutable().
			Comment("The file's size in bytes."),
		field.String("sha256").
			MinLen(64).MaxLen(64).Immutable().
			Comment("SHA-256 of the file's bytes, in hexadecimal: the name it is stored under, checked on every download and by `palabre verify`."),
	}
}

// Edges of the Attachment: its uploader and its owner, one edge per owner kind.
func (Attachment) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("uploaded_by", Account.Type).Unique().Immutable().
			Comment("Who uploaded the file.").
			Annotations(entgql.Skip(entgql.SkipWhereInput)),
		edge.From("strategy_version", StrategyVersion.Type).Ref("attachments").Unique().Immutable().
			Comment("The strategy version the file is an annex of, when it belongs to one.").
			Annotations(entgql.Skip(entgql.SkipWhereInput)),
		edge.From("observation", Observation.Type).Ref("attachments").Unique().Immutable().
			Comment("The observation the file belongs to (an agency's annotated draft), when it belongs to one.").
			Annotations(entgql.Skip(entgql.SkipWhereInput)),
		edge.From("agreement", Agreement.Type).Ref("attachments").Unique().Immutable().
			Comment("The agreement the file belongs to (its signed text), when it belongs to one.").
			Annotations(entgql.Skip(entgql.SkipWhereInput)),
		edge.From("meeting", Meeting.Type).Ref("attachments").Unique().Immutable().
			Comment("The meeting the file belongs to (signed minutes, an attendance sheet), when it belongs to one.").
			Annotations(entgql.Skip(entgql.SkipWhereInput)),
	}
}

// Indexes of the Attachment: an owner's files, by owner kind (ent makes no
// index on foreign keys on PostgreSQL), and the files stored under one hash.
func (Attachment) Indexes() []ent.Index {
	return []ent.Index{
		index.Edges("strategy_version"),
		index.Edges("observation"),
		index.Edges("agreement"),
		index.Edges("meeting"),
		index.Fields("sha256"),
	}
}

// Annotations of the Attachment.
func (Attachment) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("A file attached to a strategy version, an observation, an agreement or a meeting: stored once under its SHA-256, immutable, read by whoever reads the record it belongs to."),
		entgql.RelayConnection(),
		entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput),
	}
}

// Policy of the Attachment: see rule/attachment.go.
func (Attachment) Policy() ent.Policy {
	return privacy.Policy{
		Query: privacy.QueryPolicy{
			rule.FilterAttachments(),
			privacy.AlwaysAllowRule(),
		},
		Mutation: privacy.MutationPolicy{
			rule.AllowAttaching(),
			// A meeting's files are attached by whoever records the meeting.
			rule.AllowCommitteeSecretariat(),
			rule.DenyMutation("attachments"),
		},
	}
}
