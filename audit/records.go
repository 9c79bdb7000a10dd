package audit

import (
	"context"
	stdsql "database/sql"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"entgo.io/ent/dialect"
	"entgo.io/ent/schema/field"

	"github.com/palabre/palabre/access"
	gen "github.com/palabre/palabre/ent"
)

// Mismatch is a record whose stored state is not the state its audit events
// give it: a field, an edge or the record itself changed behind the API.
type Mismatch struct {
	Table    string // the table, such as action_items or action_item_supporting_agencies
	RecordID string
	Field    string // the field or edge; empty when the whole record is concerned
	Reason   string
}

// Error describes the mismatch for a person.
func (m Mismatch) Error() string {
	if m.Field == "" {
		return fmt.Sprintf("table %s, record %s: %s", m.Table, m.RecordID, m.Reason)
	}
	return fmt.Sprintf("table %s, record %s, field %s: %s", m.Table, m.RecordID, m.Field, m.Reason)
}

// VerifyRecords rebuilds every record of every audited table from its audit
// events and compares it with the table, field by field and edge by edge
// (join tables included): a record the trail does not know, one it says was
// deleted or never was, and every value that differs are mismatches. It
// returns the number of records compared and the first limit mismatches (all
// of them when limit is 0), by table and record ID.
//
// It reads in one read-only transaction, so that writers running beside it
// are not mistaken for forgers, and in batches of records in ID order with
// their events: it never holds more than a batch, whatever the size of the
// database. It trusts the events' content: Verify checks their chain.
func VerifyRecords(ctx context.Context, client *gen.Client, limit int) (int64, []Mismatch, error) {
	return verifyRecords(ctx, client, limit, recordBatch)
}

func verifyRecords(ctx context.Context, client *gen.Client, limit, batch int) (int64, []Mismatch, error) {
	c, err := schema()
	if err != nil {
		return 0, nil, err
	}
	opts := &stdsql.TxOptions{ReadOnly: true}
	if client.Dialect() == dialect.Postgres {
		opts.Isolation = stdsql.LevelRepeatableRead // one snapshot for every query
	}
	tx, err := client.BeginTx(ctx, opts)
	if err != nil {
		return 0, nil, err
	}
	defer tx.Rollback()
	r := &reconciler{client: tx.Client(), dialect: client.Dialect(), limit: limit, batch: batch}
	if err := r.archived(ctx); err != nil {
		return 0, nil, err
	}
	entities := slices.Collect(maps.Values(c.entities))
	slices.SortFunc(entities, func(a, b *entity) int { return strings.Compare(a.table, b.table) })
	for _, e := range entities {
		if err := r.entity(ctx, e); err != nil || r.full() {
			return r.checked, r.found, err
		}
	}
	return r.checked, r.found, nil
}

// recordBatch is how many records VerifyRecords compares at a time.
const recordBatch = 500

type reconciler struct {
	client  *gen.Client
	dialect string
	limit   int
	batch   int
	checked int64
	found   []Mismatch
	pending []Mismatch // those of the range being compared, in no order yet
	// known is, in a database imported from an archive, every ID the trail
	// speaks of: an edge to any other record (an account, which archives
	// leave out) is empty there by design. Nil elsewhere.
	known map[string]bool
}

// archived loads known when the database holds an imported archive.
func (r *reconciler) archived(ctx context.Context) error {
	n, err := r.client.ArchiveImport.Query().Count(access.AsSystem(ctx, "verifying an imported archive"))
	if err != nil || n == 0 {
		return err
	}
	ids, err := r.rows(ctx, "SELECT DISTINCT entity_id FROM audit_events", nil, 1)
	if err != nil {
		return err
	}
	r.known = make(map[string]bool, len(ids))
	for _, id := range ids {
		r.known[text(id[0])] = true
	}
	return nil
}

// unarchived reports whether an edge's target was left out of the archive
// this database was imported from.
func (r *reconciler) unarchived(id string) bool { return r.known != nil && id != "" && !r.known[id] }

func (r *reconciler) full() bool { return r.limit > 0 && len(r.found) >= r.limit }

// later notes a mismatch of the range being compared. Only the first ones
// by record ID can be reported: the others are let go as they come, so that
// a range full of forgeries takes no more memory than a clean one.
func (r *reconciler) later(m Mismatch) {
	r.pending = append(r.pending, m)
	if r.limit > 0 && len(r.pending) > 2*r.limit {
		r.sortPending()
		r.pending = r.pending[:r.limit]
	}
}

func (r *reconciler) sortPending() {
	slices.SortStableFunc(r.pending, func(a, b Mismatch) int { return strings.Compare(a.RecordID, b.RecordID) })
}

// flush reports the mismatches of a range by record ID, as many as the
// limit leaves room for.
func (r *reconciler) flush() {
	r.sortPending()
	for _, m := range r.pending {
		if !r.full() {
			r.found = append(r.found, m)
		}
	}
	r.pending = r.pending[:0]
}

// entity compares the records of e's table, a batch at a time: the rows of
// a range of IDs, their join-table rows, then the events of that range,
// streamed in ID order and rebuilt one record at a time. The events of IDs
// the range has no row for are records deleted behind the API, or deleted
// through it.
func (r *reconciler) entity(ctx context.Context, e *entity) error {
	columns := []string{"id"}
	for _, f := range e.fields {
		columns = append(columns, f.name)
	}
	for _, l := range e.edges {
		if l.unique {
			columns = append(columns, l.column)
		}
	}
	after := "" // the range starts after this ID; "" before the first
	for !r.full() {
		query := fmt.Sprintf("SELECT %s FROM %s", quoteAll(columns), quote(e.table))
		var args []any
		if after != "" {
			query += " WHERE id > " + r.placeholder(1)
			args = append(args, after)
		}
		query += fmt.Sprintf(" ORDER BY id LIMIT %d", r.batch)
		records, err := r.rows(ctx, query, args, len(columns))
		if err != nil {
			return err
		}
		// The last batch's range runs to the end, to meet the events of
		// records deleted after the last row.
		through := ""
		if len(records) == r.batch {
			through = text(records[len(records)-1][0])
		}
		if err := r.compareRange(ctx, e, after, through, records); err != nil || through == "" {
			return err
		}
		after = through
	}
	return nil
}

// compareRange compares the records of e whose IDs are after after and up to
// through ("" for no bound) with their events; records holds the range's rows.
func (r *reconciler) compareRange(ctx context.Context, e *entity, after, through string, records [][]any) error {
	rows := make(map[string][]any, len(records))
	for _, rec := range records {
		rows[text(rec[0])] = rec[1:]
	}
	joined := map[*link]map[string][]string{}
	for _, l := range e.edges {
		if l.unique {
			continue
		}
		j, err := r.joined(ctx, l, after, through)
		if err != nil {
			return err
		}
		for owner := range j {
			if _, ok := rows[owner]; !ok {
				r.later(Mismatch{Table: l.table, RecordID: owner, Field: l.name, Reason: fmt.Sprintf("the join table links a record that is not in %s", e.table)})
			}
		}
		joined[l] = j
	}

	query, args := r.rangeQuery("SELECT entity_id, sequence, operation, changes FROM audit_events WHERE entity_type = "+r.placeholder(1), []any{e.name}, "entity_id", after, through)
	events, err := r.client.QueryContext(ctx, query+" ORDER BY entity_id, sequence", args...)
	if err != nil {
		return err
	}
	defer events.Close()
	var (
		id string
		s  *state
	)
	done := func() {
		if s == nil {
			return
		}
		if stored, ok := rows[id]; ok {
			r.compare(e, id, stored, s, joined)
			r.checked++
			delete(rows, id)
		} else if s.exists {
			r.later(Mismatch{Table: e.table, RecordID: id, Reason: fmt.Sprintf("the record is missing: the audit trail says it exists (last changed at event %d)", s.last)})
		}
	}
	for events.Next() {
		var (
			entityID, operation, changes string
			sequence                     int64
		)
		if err := events.Scan(&entityID, &sequence, &operation, &changes); err != nil {
			return err
		}
		if s == nil || entityID != id {
			done()
			id, s = entityID, &state{}
		}
		s.apply(e, sequence, operation, changes)
	}
	if err := events.Err(); err != nil {
		return err
	}
	done()
	for _, rec := range records { // rows no event speaks of
		if stored, ok := rows[text(rec[0])]; ok {
			r.compare(e, text(rec[0]), stored, nil, joined)
			r.checked++
		}
	}
	r.flush()
	return nil
}

// rangeQuery adds to query, whose args are given, the bounds of a range of
// column: after (excluded) and through (included), each "" for none.
func (r *reconciler) rangeQuery(query string, args []any, column, after, through string) (string, []any) {
	if after != "" {
		args = append(args, after)
		query += fmt.Sprintf(" AND %s > %s", quote(column), r.placeholder(len(args)))
	}
	if through != "" {
		args = append(args, through)
		query += fmt.Sprintf(" AND %s <= %s", quote(column), r.placeholder(len(args)))
	}
	return query, args
}

// state is a record as its events left it.
type state struct {
	exists    bool
	deletedAt int64                      // the sequence of the event that deleted it
	last      int64                      // the sequence of its last event
	values    map[string]json.RawMessage // fields, as JSON; null or absent for nothing
	one       map[string]string          // foreign keys; "" for none
	many      map[string]map[string]bool // join tables: the targets of each edge
}

// rawChange is a Change as stored, decoded once its field is known.
type rawChange struct {
	Before json.RawMessage `json:"before"`
	After  json.RawMessage `json:"after"`
}

// apply plays one event of the record: a creation starts it afresh, a
// deletion ends it, and each change sets a field or an edge.
func (s *state) apply(e *entity, sequence int64, operation, changes string) {
	s.last = sequence
	switch operation {
	case "CREATE":
		*s = state{exists: true, last: sequence}
	case "DELETE":
		*s = state{deletedAt: sequence, last: sequence}
		return
	}
	if s.values == nil {
		s.values, s.one, s.many = map[string]json.RawMessage{}, map[string]string{}, map[string]map[string]bool{}
	}
	var decoded map[string]rawChange
	_ = json.Unmarshal([]byte(changes), &decoded) // a change the chain vouches for; unreadable, it sets nothing
	for name, c := range decoded {
		if slices.ContainsFunc(e.fields, func(f *column) bool { return f.name == name }) {
			s.values[name] = c.After
			continue
		}
		i := slices.IndexFunc(e.edges, func(l *link) bool { return l.name == name })
		if i < 0 {
			continue // an edge stored on the other side, or a field no longer audited
		}
		before, after := idList(c.Before), idList(c.After)
		if e.edges[i].unique {
			switch {
			case len(after) > 0:
				s.one[name] = after[len(after)-1]
			case len(c.Before) > 0:
				s.one[name] = ""
			}
			continue
		}
		set := s.many[name]
		if set == nil || string(c.Before) == `"cleared"` {
			set = map[string]bool{}
			s.many[name] = set
		}
		for _, id := range before {
			delete(set, id)
		}
		for _, id := range after {
			set[id] = true
		}
	}
}

// compare reports how the stored record differs from its rebuilt state.
func (r *reconciler) compare(e *entity, id string, stored []any, s *state, joined map[*link]map[string][]string) {
	switch {
	case s == nil:
		r.later(Mismatch{Table: e.table, RecordID: id, Reason: "the record has no audit event: it was written behind the API"})
		return
	case !s.exists && s.deletedAt > 0:
		r.later(Mismatch{Table: e.table, RecordID: id, Reason: fmt.Sprintf("the record is still there: the audit trail says it was deleted at event %d", s.deletedAt)})
		return
	case !s.exists:
		r.later(Mismatch{Table: e.table, RecordID: id, Reason: "the record has no creation event: it was written behind the API"})
		return
	}
	i := 0
	for _, f := range e.fields {
		raw, mentioned := s.values[f.name]
		got, gotNull := storedValue(f, stored[i])
		i++
		if !mentioned && f.initial != nil {
			// No event ever set it: the column came with a migration after
			// the record, which holds its default, or nothing.
			if initial, _ := trailValue(f, f.initial); gotNull || same(f.typ, initial, got) {
				continue
			}
		}
		want, wantNull := trailValue(f, raw)
		if !same(f.typ, want, got) || wantNull != gotNull {
			r.later(Mismatch{Table: e.table, RecordID: id, Field: f.name, Reason: differs(show(want, wantNull), show(got, gotNull))})
		}
	}
	for _, l := range e.edges {
		if l.unique {
			want := s.one[l.name]
			got := text(stored[i])
			i++
			if got == "" && r.unarchived(want) {
				continue
			}
			if want != got {
				r.later(Mismatch{Table: e.table, RecordID: id, Field: l.column, Reason: differs(show(want, want == ""), show(got, got == ""))})
			}
			continue
		}
		want := slices.DeleteFunc(keys(s.many[l.name]), r.unarchived)
		if len(want) == 0 {
			want = nil
		}
		got := joined[l][id]
		if !slices.Equal(want, got) {
			r.later(Mismatch{Table: l.table, RecordID: id, Field: l.name, Reason: differs(showList(want), showList(got))})
		}
	}
}

// joined returns the targets that join table l pairs with each owner of a
// range of IDs.
func (r *reconciler) joined(ctx context.Context, l *link, after, through string) (map[string][]string, error) {
	query, args := r.rangeQuery(fmt.Sprintf("SELECT %s, %s FROM %s WHERE 1 = 1", quote(l.column), quote(l.targetOf), quote(l.table)), nil, l.column, after, through)
	pairs, err := r.rows(ctx, query, args, 2)
	if err != nil {
		return nil, err
	}
	joined := map[string][]string{}
	for _, p := range pairs {
		joined[text(p[0])] = append(joined[text(p[0])], text(p[1]))
	}
	for _, targets := range joined {
		slices.Sort(targets)
	}
	return joined, nil
}

// rows runs query and returns its rows as driver values.
func (r *reconciler) rows(ctx context.Context, query string, args []any, width int) ([][]any, error) {
	rows, err := r.client.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var all [][]any
	for rows.Next() {
		values := make([]any, width)
		pointers := make([]any, width)
		for i := range values {
			pointers[i] = &values[i]
		}
		if err := rows.Scan(pointers...); err != nil {
			return nil, err
		}
		all = append(all, values)
	}
	return all, rows.Err()
}

func (r *reconciler) placeholder(i int) string {
	if r.dialect == dialect.Postgres {
		return "$" + strconv.Itoa(i)
	}
	return "?"
}

// trailValue is the value a field's events give it, in the form storedValue
// gives the stored one: times in UTC, numbers and JSON in one spelling.
func trailValue(f *column, raw json.RawMessage) (string, bool) {
	if len(raw) == 0 || string(raw) == "null" {
		return "", true
	}
	var v any
	d := json.NewDecoder(strings.NewReader(string(raw)))
	d.UseNumber()
	if err := d.Decode(&v); err != nil {
		return string(raw), false
	}
	if f.typ == field.TypeJSON {
		return canonicalJSON(raw), false
	}
	if n, ok := v.(json.Number); ok {
		v = n.String()
	}
	return normal(f.typ, v)
}

// storedValue is a column's value as the driver read it, in the form of
// trailValue.
func storedValue(f *column, v any) (string, bool) {
	if v == nil {
		return "", true
	}
	if f.digest {
		return Digest(text(v)), false
	}
	if f.typ == field.TypeJSON {
		return canonicalJSON([]byte(text(v))), false
	}
	return normal(f.typ, v)
}

// normal spells a value of type t one way, whatever store or encoding it
// came from.
func normal(t field.Type, v any) (string, bool) {
	switch {
	case t == field.TypeTime:
		if tm, ok := v.(time.Time); ok {
			return tm.UTC().Format(time.RFC3339Nano), false
		}
		s := text(v)
		for _, layout := range []string{time.RFC3339Nano, "2006-01-02 15:04:05.999999999-07:00", "2006-01-02 15:04:05.999999999Z07:00", "2006-01-02 15:04:05.999999999"} {
			if tm, err := time.Parse(layout, s); err == nil {
				return tm.UTC().Format(time.RFC3339Nano), false
			}
		}
		return s, false
	case t == field.TypeBool:
		switch b := v.(type) {
		case bool:
			return strconv.FormatBool(b), false
		case int64:
			return strconv.FormatBool(b != 0), false
		}
		if b, err := strconv.ParseBool(text(v)); err == nil {
			return strconv.FormatBool(b), false
		}
	case t == field.TypeFloat32 || t == field.TypeFloat64:
		if f, err := strconv.ParseFloat(text(v), 64); err == nil {
			return strconv.FormatFloat(f, 'g', -1, 64), false
		}
	case t.Numeric():
		if n, err := strconv.ParseInt(text(v), 10, 64); err == nil {
			return strconv.FormatInt(n, 10), false
		}
	}
	return text(v), false
}

// same reports whether two values of type t, as normal spells them, are the
// same: times written with nanoseconds are kept to the nearest microsecond by
// PostgreSQL (and to the nanosecond by SQLite), so times less than a
// microsecond apart are the same.
func same(t field.Type, a, b string) bool {
	if a == b {
		return true
	}
	if t != field.TypeTime {
		return false
	}
	ta, errA := time.Parse(time.RFC3339Nano, a)
	tb, errB := time.Parse(time.RFC3339Nano, b)
	d := ta.Sub(tb)
	return errA == nil && errB == nil && d < time.Microsecond && d > -time.Microsecond
}

// text spells a driver or JSON value as text.
func text(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	case []byte:
		return string(v)
	case float64:
		return strconv.FormatFloat(v, 'g', -1, 64)
	case time.Time:
		return v.UTC().Format(time.RFC3339Nano)
	}
	return fmt.Sprint(v)
}

func canonicalJSON(raw []byte) string {
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return string(raw)
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// idList decodes the IDs of an edge change; "cleared" lists none.
func idList(raw json.RawMessage) []string {
	var ids []string
	_ = json.Unmarshal(raw, &ids)
	return ids
}

func keys(set map[string]bool) []string {
	if len(set) == 0 {
		return nil
	}
	return sortedKeys(set)
}

func differs(trail, stored string) string {
	return fmt.Sprintf("the audit trail says %s, the table holds %s", trail, stored)
}

// show quotes a value for a report, cut short when long.
func show(v string, null bool) string {
	if null {
		return "nothing"
	}
	if utf8.RuneCountInString(v) > 80 {
		v = string([]rune(v)[:80]) + "…"
	}
	return strconv.Quote(v)
}

func showList(ids []string) string {
	if len(ids) == 0 {
		return "none"
	}
	return "[" + strings.Join(ids, ", ") + "]"
}

func quote(identifier string) string { return `"` + identifier + `"` }

func quoteAll(identifiers []string) string {
	q := make([]string, len(identifiers))
	for i, id := range identifiers {
		q[i] = quote(id)
	}
	return strings.Join(q, ", ")
}
