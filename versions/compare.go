package versions

import (
	"bytes"
	"context"
	"encoding/json"
	"reflect"
	"sort"
	"strings"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/schema/pulid"
	"github.com/palabre/palabre/ent/strategy"
	"github.com/palabre/palabre/ent/strategyversion"
)

// Comparison is what changed from one version of a strategy to another.
type Comparison struct {
	From, To *ent.StrategyVersion
	// Strategy lists the fields of the strategy itself that changed.
	Strategy    []FieldChange
	Objectives  EntityChanges
	ActionItems EntityChanges
}

// EntityChanges are the objectives or action items added, removed and changed,
// matched by ID: an item that changed its code is the same item, changed.
type EntityChanges struct {
	Added   []Entity // in the newer version's order
	Removed []Entity // in the older version's order
	Changed []ChangedEntity
}

// Entity names an objective or action item as a version holds it.
type Entity struct {
	ID    pulid.ID `json:"id"`
	Code  string   `json:"code"`
	Title string   `json:"title"`
}

// ChangedEntity is an objective or action item present in both versions with
// different fields; its code and title are the newer ones.
type ChangedEntity struct {
	Entity
	Fields []FieldChange
}

// FieldChange is one field's value in both versions, as JSON text; nil when a
// version has no such field (one published before the field existed).
type FieldChange struct {
	Field         string
	Before, After *string
}

// objectiveField is the field under which an action item's objective is
// compared: a snapshot says it by nesting, a comparison by a code.
const objectiveField = "objective"

// Compare compares two versions of one strategy, as the caller may read them:
// a version the caller may not read is not found.
func Compare(ctx context.Context, client *ent.Client, fromID, toID pulid.ID) (*Comparison, error) {
	found, err := client.StrategyVersion.Query().
		Where(strategyversion.IDIn(fromID, toID)).
		WithStrategy(func(q *ent.StrategyQuery) { q.Select(strategy.FieldID) }).
		All(ctx)
	if err != nil {
		return nil, err
	}
	byID := map[pulid.ID]*ent.StrategyVersion{}
	for _, v := range found {
		if v.Edges.Strategy != nil {
			byID[v.ID] = v
		}
	}
	for _, id := range []pulid.ID{fromID, toID} {
		if byID[id] == nil {
			return nil, palabre.Errorf(palabre.ENOTFOUND, "version %s not found", id)
		}
	}
	from, to := byID[fromID], byID[toID]
	if from.Edges.Strategy.ID != to.Edges.Strategy.ID {
		return nil, palabre.Errorf(palabre.EINVALID, "versions %d and %d belong to different strategies: only versions of one strategy can be compared", from.Number, to.Number)
	}
	before, err := readContent(from.Content)
	if err != nil {
		return nil, err
	}
	after, err := readContent(to.Content)
	if err != nil {
		return nil, err
	}
	return &Comparison{
		From:        from,
		To:          to,
		Strategy:    diffFields(strategyFields, before.strategy, after.strategy),
		Objectives:  diffEntities(objectiveFields, before.objectives, after.objectives),
		ActionItems: diffEntities(actionItemFields, before.actionItems, after.actionItems),
	}, nil
}

// The fields of each kind of document, in the order a comparison lists them:
// the order of the snapshot's structs.
var (
	strategyFields   = jsonFields(StrategyDoc{})
	objectiveFields  = jsonFields(ObjectiveDoc{})
	actionItemFields = append(jsonFields(ActionItemDoc{}), objectiveField)
)

func jsonFields(doc any) []string {
	t := reflect.TypeOf(doc)
	names := make([]string, 0, t.NumField())
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		if name != "" && name != "-" {
			names = append(names, name)
		}
	}
	return names
}

// fields are a document's fields as the version stores them.
type fields map[string]json.RawMessage

// entry is an objective or action item of a version, with its fields.
type entry struct {
	Entity
	fields fields
}

// content is a version's content read for comparison: stored JSON, not
// decoded into today's structs, so that a field an older version lacks shows
// as absent rather than as a zero value.
type content struct {
	strategy                fields
	objectives, actionItems []entry
}

func readContent(text string) (*content, error) {
	var raw struct {
		Strategy   fields   `json:"strategy"`
		Objectives []fields `json:"objectives"`
	}
	if err := json.Unmarshal([]byte(text), &raw); err != nil {
		return nil, err
	}
	c := &content{strategy: raw.Strategy}
	for _, o := range raw.Objectives {
		objective, err := newEntry(o)
		if err != nil {
			return nil, err
		}
		var items []fields
		if list, ok := o["actionItems"]; ok {
			if err := json.Unmarshal(list, &items); err != nil {
				return nil, err
			}
		}
		// Items are compared on their own, not as a field of their objective.
		delete(objective.fields, "actionItems")
		c.objectives = append(c.objectives, objective)
		for _, it := range items {
			item, err := newEntry(it)
			if err != nil {
				return nil, err
			}
			item.fields[objectiveField] = o["code"]
			c.actionItems = append(c.actionItems, item)
		}
	}
	return c, nil
}

func newEntry(f fields) (entry, error) {
	e := entry{fields: f}
	for name, into := range map[string]any{"id": &e.ID, "code": &e.Code, "title": &e.Title} {
		if v, ok := f[name]; ok {
			if err := json.Unmarshal(v, into); err != nil {
				return entry{}, err
			}
		}
	}
	return e, nil
}

func diffEntities(order []string, before, after []entry) EntityChanges {
	changes := EntityChanges{Added: []Entity{}, Removed: []Entity{}, Changed: []ChangedEntity{}}
	old := make(map[pulid.ID]entry, len(before))
	for _, e := range before {
		old[e.ID] = e
	}
	kept := make(map[pulid.ID]bool, len(after))
	for _, e := range after {
		previous, ok := old[e.ID]
		if !ok {
			changes.Added = append(changes.Added, e.Entity)
			continue
		}
		kept[e.ID] = true
		if f := diffFields(order, previous.fields, e.fields); len(f) > 0 {
			changes.Changed = append(changes.Changed, ChangedEntity{Entity: e.Entity, Fields: f})
		}
	}
	for _, e := range before {
		if !kept[e.ID] {
			changes.Removed = append(changes.Removed, e.Entity)
		}
	}
	return changes
}

// diffFields lists the fields whose JSON differs, the known ones in order,
// then any others by name.
func diffFields(order []string, before, after fields) []FieldChange {
	names := append([]string{}, order...)
	known := make(map[string]bool, len(order))
	for _, n := range order {
		known[n] = true
	}
	var others []string
	for _, f := range []fields{before, after} {
		for n := range f {
			if !known[n] {
				known[n] = true
				others = append(others, n)
			}
		}
	}
	sort.Strings(others)
	changes := []FieldChange{}
	for _, n := range append(names, others...) {
		b, inBefore := before[n]
		a, inAfter := after[n]
		if inBefore == inAfter && (!inBefore || sameJSON(b, a)) {
			continue
		}
		changes = append(changes, FieldChange{Field: n, Before: jsonText(b, inBefore), After: jsonText(a, inAfter)})
	}
	return changes
}

func sameJSON(a, b json.RawMessage) bool {
	var ca, cb bytes.Buffer
	if json.Compact(&ca, a) != nil || json.Compact(&cb, b) != nil {
		return bytes.Equal(a, b)
	}
	return bytes.Equal(ca.Bytes(), cb.Bytes())
}

func jsonText(v json.RawMessage, present bool) *string {
	if !present {
		return nil
	}
	s := string(v)
	return &s
}
