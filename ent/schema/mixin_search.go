package schema

import (
	"context"
	"fmt"
	"strings"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/mixin"

	"github.com/palabre/palabre/search"
)

// SearchMixin keeps a folded copy of an entity's text fields (lower case, no
// accents) in search_text, so that « securite » finds « Sécurité » with a plain
// LIKE on SQLite and PostgreSQL alike.
type SearchMixin struct {
	mixin.Schema
	// Over names the text fields to search, in the order they are joined.
	Over []string
}

// Fields of the SearchMixin.
func (SearchMixin) Fields() []ent.Field {
	return []ent.Field{
		field.Text("search_text").
			Default("").
			Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

// Hooks of the SearchMixin.
func (m SearchMixin) Hooks() []ent.Hook {
	return []ent.Hook{
		func(next ent.Mutator) ent.Mutator {
			return ent.MutateFunc(func(ctx context.Context, mut ent.Mutation) (ent.Value, error) {
				if mut.Op().Is(ent.OpDelete|ent.OpDeleteOne) || !m.touches(mut) {
					return next.Mutate(ctx, mut)
				}
				text, err := m.text(ctx, mut)
				if err != nil {
					return nil, err
				}
				if err := mut.SetField("search_text", search.Fold(text)); err != nil {
					return nil, err
				}
				return next.Mutate(ctx, mut)
			})
		},
	}
}

func (m SearchMixin) touches(mut ent.Mutation) bool {
	for _, f := range m.Over {
		if _, ok := mut.Field(f); ok || mut.FieldCleared(f) {
			return true
		}
	}
	return mut.Op().Is(ent.OpCreate)
}

// text joins the searchable fields as they will be after the mutation.
func (m SearchMixin) text(ctx context.Context, mut ent.Mutation) (string, error) {
	parts := make([]string, 0, len(m.Over))
	for _, f := range m.Over {
		v, ok := mut.Field(f)
		switch {
		case ok, mut.FieldCleared(f), mut.Op().Is(ent.OpCreate):
		case mut.Op().Is(ent.OpUpdateOne):
			old, err := mut.OldField(ctx, f)
			if err != nil {
				return "", err
			}
			v = old
		default:
			return "", fmt.Errorf("search: bulk update of %s.%s is not supported", mut.Type(), f)
		}
		if s, ok := v.(string); ok {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, " "), nil
}
