package input

import (
	"context"
	"strings"
	"time"

	"entgo.io/ent"

	"github.com/palabre/palabre"
)

// Hook applies the rules of this package to every value a mutation writes, of
// every entity, whoever runs it: text is checked (CheckText), times are checked
// (CheckTime) and converted to UTC, the one zone both stores keep. The client
// installs it first (database.NewClient), so the entities' own hooks, the
// audit trail and the answer see the same UTC times as the store.
func Hook() ent.Hook {
	return func(next ent.Mutator) ent.Mutator {
		return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
			for _, name := range m.Fields() {
				v, _ := m.Field(name)
				switch v := v.(type) {
				case string:
					if err := CheckText(v); err != nil {
						return nil, refused(name, err)
					}
				case []string: // a decision's options, say
					for _, x := range v {
						if err := CheckText(x); err != nil {
							return nil, refused(name, err)
						}
					}
				case time.Time:
					if err := CheckTime(v); err != nil {
						return nil, refused(name, err)
					}
					if v.Location() != time.UTC {
						if err := m.SetField(name, v.UTC()); err != nil {
							return nil, err
						}
					}
				}
			}
			return next.Mutate(ctx, m)
		})
	}
}

func refused(field string, err error) error {
	return palabre.Errorf(palabre.EINVALID, "%s: %v", graphQLName(field), err)
}

// graphQLName turns an ent field name (due_date) into its GraphQL name (dueDate).
func graphQLName(name string) string {
	parts := strings.Split(name, "_")
	for i := 1; i < len(parts); i++ {
		if parts[i] != "" {
			parts[i] = strings.ToUpper(parts[i][:1]) + parts[i][1:]
		}
	}
	return strings.Join(parts, "")
}
