package schema

import (
	"context"
	"slices"

	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/mixin"

	"github.com/palabre/palabre/audit"
	gen "github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/schema/pulid"
)

// AuditMixin writes an audit event for every change of the entity, in the
// change's transaction: who, what, which entity, the fields before and after.
// The events carry enough to rebuild every audited field and edge of the row,
// which is what `palabre verify` compares the table with.
type AuditMixin struct {
	mixin.Schema
	// Ignore names fields that are not worth an event of their own (a token's
	// last use); verify does not compare them.
	Ignore []string
	// Digest names fields that must not be copied into the trail (a token's
	// hash) or are too large for it (a version's content): the trail keeps
	// their SHA-256, which verify compares.
	Digest []string
}

// Hooks of the AuditMixin.
func (a AuditMixin) Hooks() []ent.Hook {
	return []ent.Hook{a.record}
}

// AuditAnnotation tells code generation that an entity is audited, and what
// its trail leaves out or digests (ent.AuditedTypes).
type AuditAnnotation struct {
	Ignore []string
	Digest []string
}

// Name implements the ent Annotation interface.
func (AuditAnnotation) Name() string { return "Audit" }

// Annotations of the AuditMixin.
func (a AuditMixin) Annotations() []schema.Annotation {
	ignore := slices.Concat(unaudited, a.Ignore)
	slices.Sort(ignore)
	return []schema.Annotation{AuditAnnotation{Ignore: ignore, Digest: append([]string{}, a.Digest...)}}
}

// unaudited fields are bookkeeping that every change touches (updated_at) or
// text derived from audited fields (search_text).
var unaudited = []string{"search_text", "updated_at"}

type auditable interface {
	ent.Mutation
	Client() *gen.Client
	ID() (pulid.ID, bool)
	IDs(context.Context) ([]pulid.ID, error)
}

// record takes the head of the audit chain, reads what the change will do to
// other records (audit.Effects), lets the change through, and then writes its
// event, one per row for a bulk change, and the events of the other records
// it changed. A change that fails writes nothing, and its transaction takes
// the rest back.
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
		if id, ok := am.ID(); ok && len(ids) == 0 {
			ids = []pulid.ID{id}
		}
		// What the change does to other records (an edge stored on their
		// side, rows a deletion takes with it or unlinks) can only be read
		// before it happens; it is written to their trail after it.
		effects, err := audit.Effects(ctx, am.Client(), m, idStrings(ids))
		if err != nil {
			return nil, err
		}
		v, err := next.Mutate(ctx, m)
		if err != nil {
			return nil, err
		}
		// Changes are read after the inner hooks, which may set fields and
		// edges of their own (an item's strategy, say).
		changes, err := audit.Changes(ctx, m)
		if err != nil {
			return nil, err
		}
		// An update of nothing but ignored fields writes no event of its own.
		if !m.Op().Is(ent.OpUpdateOne) || len(changes) > 0 {
			for _, id := range ids {
				if err := audit.Record(ctx, am.Client(), operation(m.Op()), m.Type(), string(id), changes); err != nil {
					return nil, err
				}
			}
		}
		links, err := audit.Links(m, idStrings(ids))
		if err != nil {
			return nil, err
		}
		for _, e := range slices.Concat(effects, links) {
			if err := audit.Record(ctx, am.Client(), e.Operation, e.EntityType, e.EntityID, e.Changes); err != nil {
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

// skip reports whether a field stays out of the trail.
func (a AuditMixin) skip(field string) bool {
	return slices.Contains(unaudited, field) || slices.Contains(a.Ignore, field)
}

func idStrings(ids []pulid.ID) []string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = string(id)
	}
	return s
}
