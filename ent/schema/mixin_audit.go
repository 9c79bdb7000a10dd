package schema

import (
	"context"
	"reflect"

	"entgo.io/ent"
	"entgo.io/ent/schema/mixin"

	"github.com/palabre/palabre/audit"
	gen "github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/schema/pulid"
)

// AuditMixin writes an audit event for every change of the entity, in the
// change's transaction: who, what, which entity, the fields before and after.
type AuditMixin struct {
	mixin.Schema
	// Ignore names fields that are not worth an event of their own (a token's
	// last use) or must not be copied into the trail (a token's hash).
	Ignore []string
}

// Hooks of the AuditMixin.
func (a AuditMixin) Hooks() []ent.Hook {
	return []ent.Hook{a.record}
}

// unaudited fields are bookkeeping that every change touches.
var unaudited = map[string]bool{"updated_at": true, "search_text": true}

type auditable interface {
	ent.Mutation
	Client() *gen.Client
	ID() (pulid.ID, bool)
	IDs(context.Context) ([]pulid.ID, error)
}

func (a AuditMixin) record(next ent.Mutator) ent.Mutator {
	return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
		am, ok := m.(auditable)
		if !ok {
			return next.Mutate(ctx, m)
		}
		changes, err := a.changes(ctx, m)
		if err != nil {
			return nil, err
		}
		var ids []pulid.ID
		if m.Op().Is(ent.OpUpdate | ent.OpDelete) { // bulk: one event per row
			if ids, err = am.IDs(ctx); err != nil {
				return nil, err
			}
		}
		v, err := next.Mutate(ctx, m)
		if err != nil {
			return nil, err
		}
		if m.Op().Is(ent.OpUpdateOne) && len(changes) == 0 {
			return v, nil // only ignored fields changed
		}
		if id, ok := am.ID(); ok && len(ids) == 0 {
			ids = []pulid.ID{id}
		}
		for _, id := range ids {
			if err := audit.Record(ctx, am.Client(), operation(m.Op()), m.Type(), string(id), changes); err != nil {
				return nil, err
			}
		}
		return v, nil
	})
}

func operation(op ent.Op) string {
	switch {
	case op.Is(ent.OpCreate):
		return "CREATE"
	case op.Is(ent.OpDelete | ent.OpDeleteOne):
		return "DELETE"
	}
	return "UPDATE"
}

// changes lists the fields and edges the mutation sets, with their values
// before (for single-row updates) and after.
func (a AuditMixin) changes(ctx context.Context, m ent.Mutation) (map[string]audit.Change, error) {
	skip := func(f string) bool { return unaudited[f] || contains(a.Ignore, f) }
	changes := map[string]audit.Change{}
	for _, f := range m.Fields() {
		if skip(f) {
			continue
		}
		after, _ := m.Field(f)
		c := audit.Change{After: plain(after)}
		if m.Op().Is(ent.OpUpdateOne) {
			before, err := m.OldField(ctx, f)
			if err != nil {
				return nil, err
			}
			if reflect.DeepEqual(plain(before), plain(after)) {
				continue
			}
			c.Before = plain(before)
		}
		changes[f] = c
	}
	for _, f := range m.ClearedFields() {
		if !skip(f) {
			changes[f] = audit.Change{After: nil}
		}
	}
	for _, e := range m.AddedEdges() {
		c := changes[e]
		c.After = m.AddedIDs(e)
		changes[e] = c
	}
	for _, e := range m.RemovedEdges() {
		c := changes[e]
		c.Before = m.RemovedIDs(e)
		changes[e] = c
	}
	for _, e := range m.ClearedEdges() {
		if _, ok := changes[e]; !ok {
			changes[e] = audit.Change{Before: "cleared"}
		}
	}
	return changes, nil
}

// plain dereferences pointers so that a *time.Time and a time.Time compare and
// encode alike.
func plain(v any) any {
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.Pointer {
		if rv.IsNil() {
			return nil
		}
		return rv.Elem().Interface()
	}
	return v
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
