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

// ProgressReport is what an item's lead agency reports on it as of a date: how
// far it has come, where it stands, what was done, what stands in the way and
// what comes next. Reports are never changed: a correction is a new report,
// and the item's progress and status are those of its latest one.
type ProgressReport struct{ ent.Schema }

// Mixin of the ProgressReport.
func (ProgressReport) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("PR"), TimeMixin{}, AuditMixin{}}
}

// Fields of the ProgressReport. Every field is immutable: a report is filed
// once (plan.File) and stays as filed.
func (ProgressReport) Fields() []ent.Field {
	return []ent.Field{
		field.Time("as_of").
			Immutable().
			Comment("The date the report describes the item at; not in the future.").
			Annotations(entgql.OrderField("AS_OF")),
		field.Int("progress").
			Immutable().Range(0, 100).
			Comment("Progress of the item on that date, in percent from 0 to 100."),
		field.Enum("status").
			Annotations(itemStatusMeanings).
			NamedValues(
				"NotStarted", "NOT_STARTED",
				"InProgress", "IN_PROGRESS",
				"Completed", "COMPLETED",
				"Delayed", "DELAYED",
				"Cancelled", "CANCELLED",
			).
			Immutable().
			Comment("Where the item stood on that date."),
		field.Enum("status_before").
			Annotations(itemStatusMeanings).
			NamedValues(
				"NotStarted", "NOT_STARTED",
				"InProgress", "IN_PROGRESS",
				"Completed", "COMPLETED",
				"Delayed", "DELAYED",
				"Cancelled", "CANCELLED",
			).
			Optional().Nillable().Immutable().
			Comment("The item's status when the report was filed; the report changed the item's status when it differs from status. Null for reports filed before it was recorded.").
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		field.Text("narrative").
			Immutable().Validate(notBlank).MaxLen(20000).
			Comment("What was done since the previous report."),
		field.Text("difficulties").
			Immutable().Default("").MaxLen(20000).
			Comment("What stands in the way, if anything."),
		field.Text("next_steps").
			Immutable().Default("").MaxLen(20000).
			Comment("What comes next."),
		field.String("idempotency_key").
			Optional().Nillable().Immutable().MaxLen(200).
			Comment("Key chosen by the client so that a retried filing returns the first report instead of a second one.").
			Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

// Edges of the ProgressReport.
func (ProgressReport) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("action_item", ActionItem.Type).Ref("progress_reports").Unique().Required().Immutable().
			Comment("The item reported on.").
			Annotations(entgql.Skip(entgql.SkipWhereInput)),
		edge.To("agency", Agency.Type).Unique().Required().Immutable().
			Comment("The agency that filed the report: the item's lead agency when it was filed.").
			Annotations(entgql.Skip(entgql.SkipWhereInput)),
		edge.To("author", Account.Type).Unique().Immutable().
			Comment("The person who filed it.").
			Annotations(entgql.Skip(entgql.SkipAll)),
		edge.To("measurements", Measurement.Type).
			Comment("Indicator measurements filed with the report.").
			Annotations(entgql.Skip(entgql.SkipWhereInput)),
	}
}

// Indexes of the ProgressReport.
func (ProgressReport) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("as_of").Edges("action_item"),
		index.Edges("action_item"),
		index.Edges("agency"),
		index.Fields("idempotency_key").Edges("agency").Unique(),
	}
}

// Annotations of the ProgressReport.
func (ProgressReport) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("What an action item's lead agency reports on it as of a date. Reports are immutable: a correction is a new report."),
		entgql.RelayConnection(),
	}
}

// Policy of the ProgressReport: who may read and write it. Reports are
// created by plan.File only, which checks who files; nothing updates or
// deletes one.
func (ProgressReport) Policy() ent.Policy {
	return privacy.Policy{
		Query: privacy.QueryPolicy{
			rule.FilterProgressReports(),
			privacy.AlwaysAllowRule(),
		},
		Mutation: privacy.MutationPolicy{
			rule.AllowLeadAgencyReports(),
			rule.DenyMutation("progress reports"),
		},
	}
}
