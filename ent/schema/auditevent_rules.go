package schema

import (
	"context"

	"entgo.io/ent"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/ent/hook"
)

// Hooks of the AuditEvent.
func (AuditEvent) Hooks() []ent.Hook {
	return []ent.Hook{
		hook.On(appendOnly, ent.OpUpdate|ent.OpUpdateOne|ent.OpDelete|ent.OpDeleteOne),
	}
}

// appendOnly refuses to change or remove an audit event, whoever asks: the
// privacy policy lets the system through, and a trail the system could
// rewrite would prove nothing.
func appendOnly(ent.Mutator) ent.Mutator {
	return ent.MutateFunc(func(context.Context, ent.Mutation) (ent.Value, error) {
		return nil, palabre.Errorf(palabre.ECONFLICT, "audit events are append-only: they can be neither changed nor deleted")
	})
}
