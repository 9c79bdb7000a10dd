package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"

	"github.com/palabre/palabre/ent/privacy"
	"github.com/palabre/palabre/ent/schema/pulid"
	"github.com/palabre/palabre/ent/schema/rule"
)

// ArchiveImport records that this database was loaded from an archive
// package (`palabre import --read-only`): which package, and the segment of
// the audit chain it brought, pinned by a SHA-256 over its events, so that
// `palabre verify` checks the segment as exported and the events recorded
// since. A database holding one is read-only: `serve` refuses every
// mutation with READ_ONLY. It is written once, by the import, as the system.
type ArchiveImport struct{ ent.Schema }

// Mixin of the ArchiveImport.
func (ArchiveImport) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("XI")}
}

// Fields of the ArchiveImport: all immutable.
func (ArchiveImport) Fields() []ent.Field {
	return []ent.Field{
		field.String("package").Immutable().
			Comment("The package as it was given to the import: its file or folder name."),
		field.Text("bag_info").Immutable().
			Comment("The package's bag-info.txt, as it was."),
		field.Int64("first_sequence").Immutable().
			Comment("Sequence of the first audit event of the package's segment."),
		field.Int64("last_sequence").Immutable().
			Comment("Sequence of the last audit event of the package's segment."),
		field.Int("events").Immutable().
			Comment("How many audit events the segment holds."),
		field.String("head").Immutable().
			Comment("Hash of the segment's last event: the head of the chain after the import."),
		field.String("segment_sha256").Immutable().
			Comment("SHA-256 over the segment's events, one line each as the package wrote them."),
		field.Time("imported_at").Immutable().
			Comment("When the package was imported."),
	}
}

// Annotations of the ArchiveImport.
func (ArchiveImport) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}

// Policy of the ArchiveImport: only the import and verify, as the system,
// read or write it.
func (ArchiveImport) Policy() ent.Policy {
	return privacy.Policy{
		Query:    privacy.QueryPolicy{rule.DenyQuery("archive imports")},
		Mutation: privacy.MutationPolicy{rule.DenyMutation("archive imports")},
	}
}
