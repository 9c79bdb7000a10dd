package audit

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"entgo.io/ent/schema/field"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/access"
	gen "github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/auditevent"
	"github.com/palabre/palabre/ent/audithead"
	"github.com/palabre/palabre/ent/migrate"
)

// Unarchived are the types an archive package leaves out: accounts and their
// credentials belong to the Palabre that made the package. Edges to them are
// left empty in an imported archive.
var Unarchived = []string{"Account", "APIToken", "PasswordLink", "Session"}

// Segment is a run of the chain as a package holds it: the events of some
// records, in the chain's order, with gaps where other records' events were.
type Segment struct {
	First, Last int64  // the sequences of its first and last events
	Head        string // the hash of its last event
	Events      int
	SHA256      string // SegmentSum of its events
}

// SegmentSum is the SHA-256 that pins a segment: over "<sequence> <hash>\n"
// for each event, in order. Each event's hash covers its content and its
// predecessor's hash, so the sum pins every event and which ones there are.
func SegmentSum(events []*gen.AuditEvent) string {
	h := sha256.New()
	for _, e := range events {
		fmt.Fprintf(h, "%d %s\n", e.Sequence, e.Hash)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// CheckSegment checks a segment's events: in increasing order, each matching
// its own hash, and each linked to the one before it when that one is its
// predecessor in the chain. It returns the first break.
func CheckSegment(events []*gen.AuditEvent) *Break {
	for i, ev := range events {
		e := Event{ev.Sequence, ev.At, ev.ActorID, ev.Operation, ev.EntityType, ev.EntityID, ev.Changes}
		switch {
		case i > 0 && ev.Sequence <= events[i-1].Sequence:
			return &Break{ev.Sequence, string(ev.ID), fmt.Sprintf("it comes after event %d: the segment is out of order", events[i-1].Sequence)}
		case i > 0 && ev.Sequence == events[i-1].Sequence+1 && ev.PreviousHash != events[i-1].Hash:
			return &Break{ev.Sequence, string(ev.ID), "it does not point to the previous event's hash"}
		case Hash(ev.PreviousHash, e) != ev.Hash:
			return &Break{ev.Sequence, string(ev.ID), "its content does not match its hash"}
		}
	}
	return nil
}

// Restoring is what Restore needs besides the events.
type Restoring struct {
	// Digested returns a field's value that the trail keeps only the digest
	// of (a version's content); Restore checks it against the digest.
	Digested func(entityType, id, field string) (any, error)
	// Derived returns the values of columns derived from a record's fields
	// (search_text), by column, from its fields as rebuilt.
	Derived func(entityType string, fields map[string]any) map[string]any
}

// Restore loads a segment of the chain into an empty database, in client's
// transaction: the events are stored as they were exported (IDs, sequences,
// hashes), the head moves to the last one, and every record they describe is
// rebuilt by the replay VerifyRecords compares tables with (state.apply), so
// that an imported record is what its events say, by construction. Edges to
// records the segment does not hold (accounts) are left empty; a required
// one refuses the segment. It returns the segment's description.
func Restore(ctx context.Context, client *gen.Client, events []*gen.AuditEvent, r Restoring) (*Segment, error) {
	ctx = access.AsSystem(ctx, "restoring an archived audit trail")
	if len(events) == 0 {
		return nil, palabre.Errorf(palabre.EINVALID, "the package holds no audit event: there is nothing to restore")
	}
	if brk := CheckSegment(events); brk != nil {
		return nil, palabre.Errorf(palabre.EINVALID, "the package's audit trail is broken: %s", strings.TrimPrefix(brk.Error(), "audit chain "))
	}
	c, err := schema()
	if err != nil {
		return nil, err
	}
	head, err := lockHead(ctx, client)
	if err != nil {
		return nil, err
	}
	if head.Sequence != 0 {
		return nil, palabre.Errorf(palabre.ECONFLICT, "the database is not empty (its audit trail holds %d events): an archive is imported into an empty database", head.Sequence)
	}

	// The records, replayed.
	type record struct {
		e      *entity
		id     string
		s      *state
		lastAt time.Time
	}
	byID := map[string]*record{}
	var order []*record
	for _, ev := range events {
		e, ok := c.entities[ev.EntityType]
		if !ok || slices.Contains(Unarchived, ev.EntityType) {
			return nil, palabre.Errorf(palabre.EINVALID, "event %d concerns a %q, which an archive does not hold", ev.Sequence, ev.EntityType)
		}
		rec := byID[ev.EntityID]
		if rec == nil {
			rec = &record{e: e, id: ev.EntityID, s: &state{}}
			byID[ev.EntityID] = rec
			order = append(order, rec)
		} else if rec.e != e {
			return nil, palabre.Errorf(palabre.EINVALID, "event %d gives %s the type %s, earlier events %s", ev.Sequence, ev.EntityID, e.name, rec.e.name)
		}
		rec.s.apply(e, ev.Sequence, ev.Operation, ev.Changes)
		rec.lastAt = ev.At
	}
	exists := func(id string) bool { rec := byID[id]; return rec != nil && rec.s.exists }

	rows := map[*entity][]restoredRow{}
	var later []pendingLink // nullable foreign keys, set once every row is in
	joins := map[*link][][]any{}
	for _, rec := range order {
		if !rec.s.exists {
			continue
		}
		e, s := rec.e, rec.s
		row := restoredRow{id: rec.id, values: map[string]any{}}
		fields := map[string]any{}
		for _, f := range e.fields {
			raw, mentioned := s.values[f.name]
			if f.digest {
				v, err := r.Digested(e.name, rec.id, f.name)
				if err != nil {
					return nil, err
				}
				if want, _ := trailValue(f, raw); Digest(v) != want {
					return nil, palabre.Errorf(palabre.EINVALID, "%s %s: its %s does not match the digest its audit events hold", e.name, rec.id, f.name)
				}
				row.values[f.name], fields[f.name] = v, v
				continue
			}
			if !mentioned && f.initial != nil {
				continue // the column's default, as for the records that were there when it came
			}
			v, err := driverValue(f, raw)
			if err != nil {
				return nil, palabre.Errorf(palabre.EINVALID, "%s %s: field %s: %v", e.name, rec.id, f.name, err)
			}
			row.values[f.name], fields[f.name] = v, v
		}
		if col, ok := e.columns["updated_at"]; ok {
			row.values[col] = rec.lastAt.UTC() // when its last event was recorded
		}
		if r.Derived != nil {
			for col, v := range r.Derived(e.name, fields) {
				row.values[col] = v
			}
		}
		for _, l := range e.edges {
			if !l.unique {
				for _, target := range keys(s.many[l.name]) {
					if exists(target) {
						joins[l] = append(joins[l], []any{rec.id, target})
					}
				}
				continue
			}
			target := s.one[l.name]
			switch {
			case target == "":
			case nullable(l.table, l.column):
				if exists(target) {
					later = append(later, pendingLink{l, rec.id, target})
				}
			case exists(target):
				row.values[l.column] = target
			default:
				return nil, palabre.Errorf(palabre.EINVALID, "%s %s points to %s %s (%s), which the package does not hold", e.name, rec.id, l.target, target, l.name)
			}
		}
		rows[e] = append(rows[e], row)
	}

	stored := make([][]any, len(events))
	for i, ev := range events {
		stored[i] = []any{ev.ID, ev.Sequence, ev.At.UTC(), ev.ActorID, ev.Operation, ev.EntityType, ev.EntityID, ev.Changes, ev.PreviousHash, ev.Hash}
	}
	columns := []string{auditevent.FieldID, auditevent.FieldSequence, auditevent.FieldAt, auditevent.FieldActorID, auditevent.FieldOperation,
		auditevent.FieldEntityType, auditevent.FieldEntityID, auditevent.FieldChanges, auditevent.FieldPreviousHash, auditevent.FieldHash}
	if err := insertRows(ctx, client, auditevent.Table, columns, stored); err != nil {
		return nil, fmt.Errorf("audit: restoring %d events: %w", len(stored), err)
	}
	last := events[len(events)-1]
	if err := client.AuditHead.Update().Where(audithead.ID(headID)).SetSequence(last.Sequence).SetHash(last.Hash).Exec(ctx); err != nil {
		return nil, err
	}

	ordered, err := insertionOrder(c)
	if err != nil {
		return nil, err
	}
	for _, e := range ordered {
		if err := insertRestored(ctx, client, e, rows[e]); err != nil {
			return nil, err
		}
	}
	for _, p := range later {
		query := fmt.Sprintf("UPDATE %s SET %s = %s WHERE id = %s", quote(p.l.table), quote(p.l.column), placeholder(client, 1), placeholder(client, 2))
		if _, err := client.ExecContext(ctx, query, p.target, p.id); err != nil {
			return nil, fmt.Errorf("audit: restoring %s.%s of %s: %w", p.l.table, p.l.column, p.id, err)
		}
	}
	for l, pairs := range joins {
		if err := insertRows(ctx, client, l.table, []string{l.column, l.targetOf}, pairs); err != nil {
			return nil, fmt.Errorf("audit: restoring %s: %w", l.table, err)
		}
	}
	return &Segment{First: events[0].Sequence, Last: last.Sequence, Head: last.Hash, Events: len(events), SHA256: SegmentSum(events)}, nil
}

type restoredRow struct {
	id     string
	values map[string]any // by column
}

type pendingLink struct {
	l          *link
	id, target string
}

// insertRestored inserts the rows of e, grouped by the columns they set.
func insertRestored(ctx context.Context, client *gen.Client, e *entity, list []restoredRow) error {
	groups := map[string][][]any{}
	shapes := map[string][]string{}
	var keysInOrder []string
	for _, row := range list {
		cols := slices.Sorted(func(yield func(string) bool) {
			for c := range row.values {
				if !yield(c) {
					return
				}
			}
		})
		key := strings.Join(cols, ",")
		if _, ok := shapes[key]; !ok {
			shapes[key] = append([]string{"id"}, cols...)
			keysInOrder = append(keysInOrder, key)
		}
		values := []any{row.id}
		for _, c := range cols {
			values = append(values, row.values[c])
		}
		groups[key] = append(groups[key], values)
	}
	for _, key := range keysInOrder {
		if err := insertRows(ctx, client, e.table, shapes[key], groups[key]); err != nil {
			return fmt.Errorf("audit: restoring %d %s: %w", len(groups[key]), e.table, err)
		}
	}
	return nil
}

// insertionOrder orders the audited types so that each comes after the types
// its required foreign keys point to; nullable ones are set afterwards.
func insertionOrder(c *catalogue) ([]*entity, error) {
	names := sortedKeys(c.entities)
	var ordered []*entity
	done := map[string]bool{}
	visiting := map[string]bool{}
	var visit func(name string) error
	visit = func(name string) error {
		if done[name] {
			return nil
		}
		if visiting[name] {
			return fmt.Errorf("audit: the required foreign keys of %s form a cycle: records cannot be restored", name)
		}
		visiting[name] = true
		e := c.entities[name]
		for _, l := range e.edges {
			if l.unique && l.target != name && !nullable(l.table, l.column) {
				if err := visit(l.target); err != nil {
					return err
				}
			}
		}
		visiting[name], done[name] = false, true
		ordered = append(ordered, e)
		return nil
	}
	for _, name := range names {
		if err := visit(name); err != nil {
			return nil, err
		}
	}
	return ordered, nil
}

// nullable reports whether a column of the model may hold NULL.
func nullable(table, column string) bool {
	for _, t := range migrate.Tables {
		if t.Name != table {
			continue
		}
		for _, c := range t.Columns {
			if c.Name == column {
				return c.Nullable
			}
		}
	}
	return false
}

func placeholder(client *gen.Client, i int) string {
	return (&reconciler{dialect: client.Dialect()}).placeholder(i)
}

// driverValue is a field's value, as its events give it, as the driver takes it.
func driverValue(f *column, raw json.RawMessage) (any, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	if f.typ == field.TypeJSON {
		return string(raw), nil
	}
	var v any
	d := json.NewDecoder(strings.NewReader(string(raw)))
	d.UseNumber()
	if err := d.Decode(&v); err != nil {
		return nil, err
	}
	switch f.typ {
	case field.TypeTime:
		s, _ := v.(string)
		t, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			return nil, fmt.Errorf("%s is not a time", raw)
		}
		return t.UTC(), nil
	case field.TypeBool:
		b, ok := v.(bool)
		if !ok {
			return nil, fmt.Errorf("%s is not a boolean", raw)
		}
		return b, nil
	case field.TypeFloat32, field.TypeFloat64:
		n, ok := v.(json.Number)
		if !ok {
			return nil, fmt.Errorf("%s is not a number", raw)
		}
		return strconv.ParseFloat(n.String(), 64)
	}
	if f.typ.Numeric() {
		n, ok := v.(json.Number)
		if !ok {
			return nil, fmt.Errorf("%s is not a number", raw)
		}
		return strconv.ParseInt(n.String(), 10, 64)
	}
	if s, ok := v.(string); ok {
		return s, nil
	}
	return string(raw), nil
}

// References returns the IDs of the records an event's edges point to, but
// for the types archives leave out: the records a package must hold too for
// its records to be restored whole.
func References(entityType, changes string) ([]string, error) {
	c, err := schema()
	if err != nil {
		return nil, err
	}
	e, ok := c.entities[entityType]
	if !ok {
		return nil, nil
	}
	var decoded map[string]rawChange
	if err := json.Unmarshal([]byte(changes), &decoded); err != nil {
		return nil, err
	}
	var ids []string
	for _, l := range e.edges {
		ch, ok := decoded[l.name]
		if !ok || slices.Contains(Unarchived, l.target) {
			continue
		}
		ids = append(ids, idList(ch.After)...)
	}
	return ids, nil
}
