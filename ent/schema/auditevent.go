package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/palabre/palabre/auth"
	"github.com/palabre/palabre/ent/privacy"
	"github.com/palabre/palabre/ent/schema/pulid"
	"github.com/palabre/palabre/ent/schema/rule"
)

// AuditEvent is one change made to Palabre: who, what, which entity, the
// changed fields before and after, when. Events are append-only and chained:
// each carries the hash of the previous one, so a changed or removed row shows.
type AuditEvent struct{ ent.Schema }

// Mixin of the AuditEvent.
func (AuditEvent) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("AU")}
}

// Fields of the AuditEvent: all immutable.
func (AuditEvent) Fields() []ent.Field {
	return []ent.Field{
		field.Int64("sequence").
			Positive().Immutable().Unique().
			Comment("Position of the event in the chain: 1, 2, 3…").
			Annotations(entgql.OrderField("SEQUENCE")),
		field.Time("at").
			Immutable().
			Comment("When the change was made.").
			Annotations(entgql.OrderField("AT")),
		field.String("actor_id").
			Default("").Immutable().
			Comment("ID of the account that made the change; empty for the system (command line, start-up)."),
		field.String("operation").
			Immutable().
			Comment("CREATE, UPDATE or DELETE."),
		field.String("entity_type").
			Immutable().
			Comment("Type of the changed entity, such as « ActionItem »."),
		field.String("entity_id").
			Immutable().
			Comment("ID of the changed entity."),
		field.Text("changes").
			Immutable().
			Comment("The changed fields as a JSON object: each field name maps to {\"before\": …, \"after\": …}."),
		field.String("previous_hash").
			Immutable().
			Comment("Hash of the previous event in the chain; empty for the first."),
		field.String("hash").
			Immutable().
			Comment("SHA-256 of this event's content and of the previous hash, in hexadecimal."),
	}
}

// Indexes of the AuditEvent.
func (AuditEvent) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("entity_id"),
		index.Fields("actor_id"),
		// verify reads each entity type's events by ranges of IDs, in order.
		index.Fields("entity_type", "entity_id", "sequence"),
	}
}

// Annotations of the AuditEvent.
func (AuditEvent) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("One change made to Palabre: who, what, which entity, the changed fields before and after, when. Append-only and chained by hash."),
		entgql.RelayConnection(),
		entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput),
	}
}

// Policy of the AuditEvent: reviewers, the secretariat and administrators read
// the trail; nobody writes it but the audit hook, and nobody changes it.
func (AuditEvent) Policy() ent.Policy {
	return privacy.Policy{
		Query: privacy.QueryPolicy{
			rule.AllowRoles(auth.RoleReviewer, auth.RoleSecretariat, auth.RoleAdmin),
			rule.DenyQuery("the audit trail"),
		},
		Mutation: privacy.MutationPolicy{
			rule.DenyMutation("the audit trail"),
		},
	}
}
