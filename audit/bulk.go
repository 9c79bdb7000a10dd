package audit

import (
	"context"
	"database/sql/driver"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"entgo.io/ent"
	"entgo.io/ent/dialect"

	"github.com/palabre/palabre/access"
	"github.com/palabre/palabre/auth"
	"github.com/palabre/palabre/clock"
	gen "github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/auditevent"
	"github.com/palabre/palabre/ent/audithead"
	"github.com/palabre/palabre/ent/schema/pulid"
)

// CreateAll stores the records that the creations ms describe (all of one
// audited type), their join-table rows and their creation events, with
// multi-row INSERTs, in client's transaction (or in one of its own, outside
// any): the way to load many records (`palabre seed bench`) in the time a
// few take through the API.
//
// No hook runs. Each mutation carries the record's ID and every field it
// needs, defaults and derived fields (times, search_text) included, and the
// caller answers for what the hooks would have checked. The events are those
// the audit hook would have written (Changes), chained to the head as
// Record chains them, their actor the viewer of ctx: `palabre verify` finds
// the records intact.
func CreateAll(ctx context.Context, client *gen.Client, ms []ent.Mutation) error {
	if len(ms) == 0 {
		return nil
	}
	tx, err := client.Tx(ctx)
	if errors.Is(err, gen.ErrTxStarted) {
		return createAll(ctx, client, ms)
	}
	if err != nil {
		return err
	}
	if err := createAll(ctx, tx.Client(), ms); err != nil {
		return errors.Join(err, tx.Rollback())
	}
	return tx.Commit()
}

// createAll is CreateAll in a transaction.
func createAll(ctx context.Context, client *gen.Client, ms []ent.Mutation) error {
	c, err := schema()
	if err != nil {
		return err
	}
	e, ok := c.entities[ms[0].Type()]
	if !ok {
		return fmt.Errorf("audit: %s is not an audited type", ms[0].Type())
	}
	var (
		groups  []*rowGroup // the records that set the same fields and edges
		byShape = map[string]*rowGroup{}
		joins   = map[*link][][]any{} // the join tables' rows
		events  = make([]Event, 0, len(ms))
	)
	for _, m := range ms {
		if !m.Op().Is(ent.OpCreate) || m.Type() != e.name {
			return fmt.Errorf("audit: CreateAll stores creations of one type: %s %s is not a creation of %s", m.Op(), m.Type(), e.name)
		}
		id, ok := m.(interface{ ID() (pulid.ID, bool) }).ID()
		if !ok {
			return fmt.Errorf("audit: CreateAll needs the ID of every %s", e.name)
		}
		fields, edges := shape(m)
		key := strings.Join(fields, ",") + ";" + strings.Join(edges, ",")
		g := byShape[key]
		if g == nil {
			var err error
			if g, err = e.group(fields, edges); err != nil {
				return err
			}
			byShape[key] = g
			groups = append(groups, g)
		}
		row := []any{id}
		for _, name := range fields {
			v, _ := m.Field(name)
			row = append(row, storable(v))
		}
		for i, name := range edges {
			ids := m.AddedIDs(name)
			if l := g.links[i]; !l.unique {
				for _, target := range ids {
					joins[l] = append(joins[l], []any{id, target})
				}
				continue
			}
			if len(ids) != 1 {
				return fmt.Errorf("audit: %s %s: edge %s points to %d records", e.name, id, name, len(ids))
			}
			row = append(row, ids[0])
		}
		g.rows = append(g.rows, row)

		changes, err := Changes(ctx, m)
		if err != nil {
			return err
		}
		encoded, err := EncodeChanges(changes)
		if err != nil {
			return err
		}
		events = append(events, Event{Operation: "CREATE", EntityType: e.name, EntityID: string(id), Changes: encoded})
	}

	for _, g := range groups {
		if err := insertRows(ctx, client, e.table, g.columns, g.rows); err != nil {
			return fmt.Errorf("audit: storing %d %s: %w", len(g.rows), e.table, err)
		}
	}
	for l, rows := range joins {
		if err := insertRows(ctx, client, l.table, []string{l.column, l.targetOf}, rows); err != nil {
			return fmt.Errorf("audit: storing %s: %w", l.table, err)
		}
	}
	return appendEvents(ctx, client, events)
}

// rowGroup is the records of one CreateAll that set the same fields and
// edges: one INSERT's columns.
type rowGroup struct {
	columns []string
	links   []*link // the storage of each edge, in the order of shape
	rows    [][]any
}

// group returns the columns and links of records of e that set the given
// fields and edges.
func (e *entity) group(fields, edges []string) (*rowGroup, error) {
	g := &rowGroup{columns: []string{"id"}}
	for _, f := range fields {
		col, ok := e.columns[f]
		if !ok {
			return nil, fmt.Errorf("audit: %s has no field %s", e.name, f)
		}
		g.columns = append(g.columns, col)
	}
	for _, name := range edges {
		i := slices.IndexFunc(e.edges, func(l *link) bool { return l.name == name })
		if i < 0 {
			return nil, fmt.Errorf("audit: edge %s.%s is stored by the records it points to: CreateAll stores only its own type's rows", e.name, name)
		}
		g.links = append(g.links, e.edges[i])
		if e.edges[i].unique {
			g.columns = append(g.columns, e.edges[i].column)
		}
	}
	return g, nil
}

// appendEvents chains events to the head, in their order, and moves the head
// to the last one: Record's work for many events, in a few statements.
func appendEvents(ctx context.Context, client *gen.Client, events []Event) error {
	ctx = access.AsSystem(ctx, "writing the audit trail, which nobody may write but this function")
	var actor string
	if v := auth.FromContext(ctx); v != nil {
		actor = string(v.AccountID)
	}
	head, err := lockHead(ctx, client)
	if err != nil {
		return err
	}
	at := clock.Now(ctx).Truncate(time.Microsecond) // what both stores keep
	sequence, previous := head.Sequence, head.Hash
	rows := make([][]any, len(events))
	appended := make([]*gen.AuditEvent, len(events))
	for i, e := range events {
		sequence++
		e.Sequence, e.At, e.ActorID = sequence, at, actor
		hash := Hash(previous, e)
		id := pulid.MustNew("AU")
		rows[i] = []any{id, e.Sequence, e.At, e.ActorID, e.Operation, e.EntityType, e.EntityID, e.Changes, previous, hash}
		appended[i] = &gen.AuditEvent{ID: id, Sequence: e.Sequence, At: e.At, ActorID: e.ActorID, Operation: e.Operation,
			EntityType: e.EntityType, EntityID: e.EntityID, Changes: e.Changes, PreviousHash: previous, Hash: hash}
		previous = hash
	}
	columns := []string{auditevent.FieldID, auditevent.FieldSequence, auditevent.FieldAt, auditevent.FieldActorID, auditevent.FieldOperation,
		auditevent.FieldEntityType, auditevent.FieldEntityID, auditevent.FieldChanges, auditevent.FieldPreviousHash, auditevent.FieldHash}
	if err := insertRows(ctx, client, auditevent.Table, columns, rows); err != nil {
		return fmt.Errorf("audit: appending %d events: %w", len(rows), err)
	}
	if err := followed(ctx, client, appended); err != nil {
		return err
	}
	return client.AuditHead.Update().Where(audithead.ID(headID)).SetSequence(sequence).SetHash(previous).Exec(ctx)
}

// shape is what a creation sets: its fields and its edges, sorted.
func shape(m ent.Mutation) (fields, edges []string) {
	fields, edges = slices.Clone(m.Fields()), slices.Clone(m.AddedEdges())
	slices.Sort(fields)
	slices.Sort(edges)
	return fields, edges
}

// maxParameters keeps a statement under the parameters both stores accept
// (PostgreSQL: 65535; SQLite as built by modernc: 32766).
const maxParameters = 30000

// insertRows inserts rows into table, as many per statement as the stores
// accept (at most 1000).
func insertRows(ctx context.Context, client *gen.Client, table string, columns []string, rows [][]any) error {
	per := max(1, min(1000, maxParameters/len(columns)))
	for chunk := range slices.Chunk(rows, per) {
		var b strings.Builder
		fmt.Fprintf(&b, "INSERT INTO %s (%s) VALUES ", quote(table), quoteAll(columns))
		args := make([]any, 0, len(chunk)*len(columns))
		for i, row := range chunk {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteByte('(')
			for j, v := range row {
				if j > 0 {
					b.WriteString(", ")
				}
				args = append(args, v)
				if client.Dialect() == dialect.Postgres {
					b.WriteString("$" + strconv.Itoa(len(args)))
				} else {
					b.WriteByte('?')
				}
			}
			b.WriteByte(')')
		}
		if _, err := client.ExecContext(ctx, b.String(), args...); err != nil {
			return err
		}
	}
	return nil
}

// storable is a field's value as the driver takes it: the generated enum
// types as their strings, times in UTC, JSON as text.
func storable(v any) any {
	switch v := v.(type) {
	case nil, driver.Valuer, string, int64, float64, bool, []byte:
		return v
	case time.Time:
		return v.UTC()
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.String:
		return rv.String()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return rv.Int()
	case reflect.Uint8, reflect.Uint16, reflect.Uint32:
		return int64(rv.Uint())
	case reflect.Float32:
		return rv.Float()
	case reflect.Slice, reflect.Map, reflect.Struct: // JSON fields, stored as ent stores them
		b, err := json.Marshal(v)
		if err != nil {
			return v
		}
		return string(b)
	}
	return v
}
