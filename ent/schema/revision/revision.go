// Package revision gives editable entities a revision number, so that an edit
// based on an old read is refused (CONFLICT) instead of silently overwriting
// someone else's change.
package revision

import (
	"context"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/dialect/sql"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/mixin"

	"github.com/palabre/palabre"
	gen "github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/schema/pulid"
)

// Field is the name of the revision column.
const Field = "revision"

type expectation struct {
	id       pulid.ID
	revision int
}

type expectKey struct{}

// Expect returns a context in which an update of the entity id succeeds only if
// the entity is still at the given revision: the revision the caller read.
func Expect(ctx context.Context, id pulid.ID, revision int) context.Context {
	return context.WithValue(ctx, expectKey{}, expectation{id: id, revision: revision})
}

// Mixin adds the revision field and the hook that checks and increments it.
type Mixin struct{ mixin.Schema }

// Fields of the Mixin.
func (Mixin) Fields() []ent.Field {
	return []ent.Field{
		field.Int(Field).
			Default(1).Positive().
			Comment("Revision of the object, incremented by every change. Send it back with an update: an update of an older revision is refused with CONFLICT.").
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput, entgql.SkipWhereInput)),
	}
}

// Hooks of the Mixin.
func (Mixin) Hooks() []ent.Hook {
	return []ent.Hook{check}
}

type updateOne interface {
	ent.Mutation
	ID() (pulid.ID, bool)
	WhereP(...func(*sql.Selector))
}

// check bumps the revision of every single-row update, refuses it when the
// caller expected another revision, and guards the write itself with the
// revision it read, so that of two concurrent updates only one can win.
func check(next ent.Mutator) ent.Mutator {
	return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
		u, ok := m.(updateOne)
		if !ok || !m.Op().Is(ent.OpUpdateOne) {
			return next.Mutate(ctx, m)
		}
		id, _ := u.ID()
		old, err := m.OldField(ctx, Field)
		if err != nil {
			return nil, err
		}
		current, _ := old.(int)
		if want, ok := ctx.Value(expectKey{}).(expectation); ok && want.id == id && want.revision != current {
			return nil, stale(m, want.revision)
		}
		u.WhereP(sql.FieldEQ(Field, current))
		if err := m.SetField(Field, current+1); err != nil {
			return nil, err
		}
		v, err := next.Mutate(ctx, m)
		if gen.IsNotFound(err) {
			// The row existed a moment ago: another update won the race.
			return nil, stale(m, current)
		}
		return v, err
	})
}

func stale(m ent.Mutation, sent int) error {
	return palabre.Refuse(palabre.ECONFLICT, palabre.ReasonStaleRevision, "type", m.Type(), "revision", sent).Sayf(
		"this %s was changed by someone else since revision %d, the one you sent: read it again and reapply your change",
		m.Type(), sent)
}
