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

// ActionItem is a concrete action of a plan: who leads it, who supports and
// funds it, when it is due and how far it has come. It belongs to exactly one
// plan, an objective of a strategy or a commitment of an agreement, and its
// plan's strategy or agreement is copied onto it (strategy, agreement) so that
// visibility and code uniqueness are one join away whatever the plan; every
// view of action items reads the one table, both plans together.
type ActionItem struct{ ent.Schema }

// Mixin of the ActionItem.
func (ActionItem) Mixin() []ent.Mixin {
	return []ent.Mixin{
		pulid.MixinWithPrefix("AI"),
		TimeMixin{},
		revision.Mixin{},
		SearchMixin{Over: []string{"title", "description"}},
		AuditMixin{},
	}
}

// Fields of the ActionItem.
func (ActionItem) Fields() []ent.Field {
	return []ent.Field{
		field.String("code").
			Validate(validateCode).
			Comment("Reference code, unique within the strategy or agreement, such as « A1.3 ».").
			Annotations(entgql.OrderField("CODE")),
		field.String("title").
			Validate(notBlank).MaxLen(500).
			Comment("Title of the action.").
			Annotations(entgql.OrderField("TITLE")),
		field.Text("description").
			Default("").MaxLen(20000).
			Comment("What the action consists of."),
		field.Enum("priority").
			Annotations(Meanings{
				"HIGH":   "To be done first.",
				"MEDIUM": "The usual priority (the default).",
				"LOW":    "To be done when the higher priorities allow.",
			}).
			NamedValues("High", "HIGH", "Medium", "MEDIUM", "Low", "LOW").
			Default("MEDIUM").
			Comment("Priority of the action in the plan."),
		field.Enum("status").
			Annotations(itemStatusMeanings).
			NamedValues(
				"NotStarted", "NOT_STARTED",
				"InProgress", "IN_PROGRESS",
				"Completed", "COMPLETED",
				"Delayed", "DELAYED",
				"Cancelled", "CANCELLED",
			).
			Default("NOT_STARTED").
			Comment("Where the action stands.").
			Annotations(entgql.OrderField("STATUS")),
		field.Int("progress").
			Default(0).Range(0, 100).
			Comment("Progress of the action, in percent from 0 to 100.").
			Annotations(entgql.OrderField("PROGRESS")),
		field.Time("last_reported_at").
			Optional().Nillable().
			Comment("The date of the item's latest progress report (its asOf), if any; set with progress and status when a report is filed.").
			Annotations(entgql.OrderField("LAST_REPORTED_AT"), entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		field.Time("start_date").
			Optional().Nillable().
			Comment("When the action starts or started.").
			Annotations(entgql.OrderField("START_DATE")),
		field.Time("due_date").
			Optional().Nillable().
			Comment("When the action is due; not before its start date.").
			Annotations(entgql.OrderField("DUE_DATE")),
		field.Int64("estimated_budget").
			Optional().Nillable().NonNegative().
			Comment("Estimated budget, in whole units of budgetCurrency.").
			Annotations(entgql.OrderField("ESTIMATED_BUDGET")),
		field.String("budget_currency").
			Optional().Nillable().
			Validate(validateCurrency).
			Comment("Currency of the estimated budget, as an ISO 4217 code such as « XOF »; required with a budget."),
		field.Bool("pilot").
			Default(false).
			Comment("True when the action is a pilot: a first, limited run meant to be extended."),
	}
}

// Edges of the ActionItem.
func (ActionItem) Edges() []ent.Edge {
	return []ent.Edge{
		// The plan: exactly one of objective and commitment (placeInPlan).
		edge.From("objective", Objective.Type).Ref("action_items").Unique().
			Comment("The objective of a strategy the action implements, when its plan is a strategy's; null for an agreement's action."),
		edge.From("commitment", Commitment.Type).Ref("action_items").Unique().
			Comment("The commitment of an agreement the action carries out, when its plan is an agreement's; null for a strategy's action."),
		// The strategy or agreement is the plan's, copied here so that visibility
		// and code uniqueness are one join away; a hook keeps it in step.
		edge.To("strategy", Strategy.Type).Unique().Immutable().
			Comment("The strategy the action belongs to; null for an agreement's action.").
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		edge.To("agreement", Agreement.Type).Unique().Immutable().
			Comment("The agreement the action belongs to; null for a strategy's action.").
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		// The link to the other side. A confidential agreement's commitments are
		// hidden where the strategy's items are not: no filter through it.
		edge.To("implements", Commitment.Type).Unique().
			Comment("The commitment of an agreement that this strategy's action also implements; null when none (or when the caller may not read it).").
			Annotations(entgql.Skip(entgql.SkipWhereInput)),
		edge.From("meeting", Meeting.Type).Ref("follow_ups").Unique().
			Comment("The committee meeting that decided the action as a follow-up, if any; its committee follows the action's plan.").
			// A public item may follow up a meeting the caller may not read (a scheduled one): no filter through it.
			Annotations(entgql.Skip(entgql.SkipWhereInput)),
		edge.To("lead_agency", Agency.Type).Unique().Required().
			Comment("The agency that leads the action and reports on its progress."),
		edge.To("supporting_agencies", Agency.Type).
			Comment("Agencies that support the action."),
		edge.To("funding_partners", Agency.Type).
			Comment("Agencies and partners that fund the action."),
		edge.To("depends_on", ActionItem.Type).
			Comment("Actions that must be done before this one.").
			Annotations(entgql.Skip(entgql.SkipWhereInput)).
			From("dependents").
			Comment("Actions that wait for this one.").
			Annotations(entgql.Skip(entgql.SkipWhereInput, entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		edge.To("indicators", Indicator.Type).
			Comment("Indicators that measure the action.").
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput), entsql.OnDelete(entsql.Restrict)),
		edge.To("progress_reports", ProgressReport.Type).
			Comment("Progress reports filed on the action, the latest giving its progress and status.").
			Annotations(entgql.RelayConnection(), entgql.Skip(entgql.SkipWhereInput, entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput), entsql.OnDelete(entsql.Restrict)),
	}
}

// Indexes of the ActionItem.
func (ActionItem) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("code").Edges("strategy").Unique(),
		index.Fields("code").Edges("agreement").Unique(),
		index.Edges("meeting"),
		index.Fields("status"),
		index.Fields("priority"),
		index.Fields("due_date"),
		// The screens' filters with their order: by status, soonest due
		// first; overdue items (due before a date, status neither completed
		// nor cancelled). Those that start with a foreign key (an agency's
		// items by status) are in database/migrategen/indexes.go: ent puts
		// an edge's column last.
		index.Fields("status", "due_date"),
		index.Fields("due_date", "status"),
	}
}

// Annotations of the ActionItem.
func (ActionItem) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("A concrete action of a plan, a strategy's objective or an agreement's commitment: who leads it, who supports and funds it, when it is due and how far it has come."),
		entgql.RelayConnection(),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}

// Policy of the ActionItem: who may read and write it.
func (ActionItem) Policy() ent.Policy {
	return privacy.Policy{
		Query: privacy.QueryPolicy{
			rule.FilterActionItems(),
			privacy.AlwaysAllowRule(),
		},
		Mutation: privacy.MutationPolicy{
			rule.AllowRoles(auth.RoleSecretariat),
			rule.RefuseAgencyProgressEdits(),
			rule.DenyMutation("action items"),
		},
	}
}

// itemStatusMeanings describes where an action item stands, for the item and
// for the progress reports that set it.
var itemStatusMeanings = Meanings{
	"NOT_STARTED": "Work has not begun (the default).",
	"IN_PROGRESS": "Work is under way.",
	"COMPLETED":   "Done.",
	"DELAYED":     "Behind its schedule.",
	"CANCELLED":   "Abandoned: it will not be done.",
}
