package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"

	"github.com/palabre/palabre/ent/privacy"
	"github.com/palabre/palabre/ent/schema/rule"
)

// AuditHead is the single row that holds the end of the audit chain. Writers
// update it first, which locks it until they commit: two transactions can never
// chain their events to the same predecessor.
type AuditHead struct{ ent.Schema }

// Fields of the AuditHead.
func (AuditHead) Fields() []ent.Field {
	return []ent.Field{
		field.Int("id"),
		field.Int64("sequence").Default(0),
		field.String("hash").Default(""),
	}
}

// Annotations of the AuditHead.
func (AuditHead) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}

// Policy of the AuditHead: only the audit hook, as the system, touches it.
func (AuditHead) Policy() ent.Policy {
	return privacy.Policy{
		Query:    privacy.QueryPolicy{rule.DenyQuery("the audit chain")},
		Mutation: privacy.MutationPolicy{rule.DenyMutation("the audit chain")},
	}
}
