package schema

import (
	"context"
	"reflect"
	"slices"
	"time"

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

// record takes the head of the audit chain, lets the change through, and then
// writes its event: one per row for a bulk change. A change that fails writes
// nothing, and its transaction takes the rest back.
func (a AuditMixin) record(next ent.Mutator) ent.Mutator {
	return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
		am, ok := m.(auditable)
		if !ok || a.onlyIgnored(m) {
			return next.Mutate(ctx, m)
		}
		if err := audit.Lock(ctx, am.Client()); err != nil {
			return nil, err
		}
		var (
			ids []pulid.ID
			err error
		)
		switch op := m.Op(); {
		case op.Is(ent.OpUpdate | ent.OpDelete): // bulk: one event per row
			ids, err = am.IDs(ctx)
		case op.Is(ent.OpUpdateOne):
			// Load the old row now: once the mutation is done it can no
			// longer be read. The mutation keeps it for every OldField, so
			// all the values before cost this one query (or none, when the
			// revision check loaded it already).
			if f := slices.Concat(m.Fields(), m.ClearedFields()); len(f) > 0 {
				_, err = m.OldField(ctx, f[0])
			}
		}
		if err != nil {
			return nil, err
		}
		v, err := next.Mutate(ctx, m)
		if err != nil {
			return nil, err
		}
		// Changes are read after the inner hooks, which may set fields and
		// edges of their own (an item's strategy, say).
		changes, err := a.changes(ctx, m)
		if err != nil {
			return nil, err
		}
		if m.Op().Is(ent.OpUpdateOne) && len(changes) == 0 {
			return v, nil // nothing but ignored fields changed
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

// onlyIgnored reports whether an update sets nothing but ignored fields (a
// token's last use): such an update writes no event and takes no lock.
func (a AuditMixin) onlyIgnored(m ent.Mutation) bool {
	if !m.Op().Is(ent.OpUpdate|ent.OpUpdateOne) || len(m.AddedEdges())+len(m.RemovedEdges())+len(m.ClearedEdges()) > 0 {
		return false
	}
	for _, f := range slices.Concat(m.Fields(), m.ClearedFields()) {
		if !a.skip(f) {
			return false
		}
	}
	return true
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
	changes := map[string]audit.Change{}
	for _, f := range m.Fields() {
		if a.skip(f) {
			continue
		}
		after, _ := m.Field(f)
		c := audit.Change{After: plain(after)}
		if m.Op().Is(ent.OpUpdateOne) {
			before, err := m.OldField(ctx, f)
			if err != nil {
				return nil, err
			}
			if sameValue(plain(before), plain(after)) {
				continue
			}
			c.Before = plain(before)
		}
		changes[f] = c
	}
	for _, f := range m.ClearedFields() {
		if a.skip(f) {
			continue
		}
		var c audit.Change // after: nothing
		if m.Op().Is(ent.OpUpdateOne) {
			before, err := m.OldField(ctx, f)
			if err != nil {
				return nil, err
			}
			if c.Before = plain(before); c.Before == nil {
				continue // it was empty already
			}
		}
		changes[f] = c
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
		// Which targets the edge had is in the events that added them; a
		// clear followed by additions (replacing the list) is still a clear.
		c := changes[e]
		if c.Before == nil {
			c.Before = "cleared"
		}
		changes[e] = c
	}
	return changes, nil
}

// skip reports whether a field stays out of the trail.
func (a AuditMixin) skip(field string) bool {
	return unaudited[field] || slices.Contains(a.Ignore, field)
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

// sameValue reports whether a field's value before and after are the same: times
// read from the store carry another location than those set by the caller.
func sameValue(a, b any) bool {
	if ta, ok := a.(time.Time); ok {
		tb, ok := b.(time.Time)
		return ok && ta.Equal(tb)
	}
	return reflect.DeepEqual(a, b)
}
