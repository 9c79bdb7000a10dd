package audit

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"time"

	"entgo.io/ent"

	gen "github.com/palabre/palabre/ent"
)

// Changes lists what the trail records of mutation m, the change of one
// audited record (or of each record of a bulk change): the fields it sets,
// with their values before (for single-row updates) and after, and the edges
// it adds, removes or clears. The fields the type's annotation ignores stay
// out; those it digests are kept as their SHA-256 (gen.AuditedTypes).
//
// The audit hook (ent/schema/mixin_audit.go) records this, once the change
// is done; CreateAll records it for records stored in bulk, so that both
// describe a creation the same way.
func Changes(ctx context.Context, m ent.Mutation) (map[string]Change, error) {
	t, ok := gen.AuditedTypes[m.Type()]
	if !ok {
		return nil, fmt.Errorf("audit: %s is not an audited type", m.Type())
	}
	skip := func(field string) bool { return slices.Contains(t.Ignore, field) }
	value := func(field string, v any) any {
		v = plain(v)
		if v != nil && slices.Contains(t.Digest, field) {
			return Digest(v)
		}
		return v
	}
	changes := map[string]Change{}
	for _, f := range m.Fields() {
		if skip(f) {
			continue
		}
		after, _ := m.Field(f)
		c := Change{After: value(f, after)}
		if m.Op().Is(ent.OpUpdateOne) {
			before, err := m.OldField(ctx, f)
			if err != nil {
				return nil, err
			}
			if sameValue(plain(before), plain(after)) {
				continue
			}
			c.Before = value(f, before)
		}
		changes[f] = c
	}
	for _, f := range m.ClearedFields() {
		if skip(f) {
			continue
		}
		var c Change // after: nothing
		if m.Op().Is(ent.OpUpdateOne) {
			before, err := m.OldField(ctx, f)
			if err != nil {
				return nil, err
			}
			if c.Before = value(f, before); c.Before == nil {
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
