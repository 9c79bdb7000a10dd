package schema

import (
	"context"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/mixin"

	"github.com/palabre/palabre/clock"
)

// TimeMixin gives an entity its created_at and updated_at fields.
type TimeMixin struct{ mixin.Schema }

// Fields of the TimeMixin.
func (TimeMixin) Fields() []ent.Field {
	return []ent.Field{
		field.Time("created_at").
			Default(clock.System.Now).
			Immutable().
			Comment("When the object was created.").
			Annotations(entgql.OrderField("CREATED_AT"), entgql.Skip(entgql.SkipMutationCreateInput)),
		field.Time("updated_at").
			Default(clock.System.Now).
			UpdateDefault(clock.System.Now).
			Comment("When the object was last changed.").
			Annotations(entgql.OrderField("UPDATED_AT"), entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
	}
}

// Hooks of the TimeMixin: the times are the request's clock's (clock.Now), so
// that they agree with every other time a request records and a test can set
// them; the defaults above only let builders be saved without them.
func (TimeMixin) Hooks() []ent.Hook {
	return []ent.Hook{
		func(next ent.Mutator) ent.Mutator {
			return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
				now := clock.Now(ctx)
				if m.Op().Is(ent.OpCreate) {
					if err := m.SetField("created_at", now); err != nil {
						return nil, err
					}
				}
				if err := m.SetField("updated_at", now); err != nil {
					return nil, err
				}
				return next.Mutate(ctx, m)
			})
		},
	}
}
