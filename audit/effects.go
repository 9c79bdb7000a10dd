package audit

import (
	"context"
	"fmt"
	"slices"

	"entgo.io/ent"
	"entgo.io/ent/dialect/sql"
	entschema "entgo.io/ent/dialect/sql/schema"

	gen "github.com/palabre/palabre/ent"
)

// Pending is an event a change causes on another record than its own.
type Pending struct {
	Operation, EntityType, EntityID string
	Changes                         map[string]Change
}

// Effects returns the events that mutation m, about to change the records
// ids, causes on other records, so that each record's trail rebuilds it:
//
//   - an edge cleared or removed from the side that does not store it (an
//     agency's children, stored as each child's parent) changes the records
//     that store it (Links gives the edges added);
//   - a deletion deletes the records whose foreign key cascades (an
//     indicator's measurements), and unlinks those that point to it through a
//     join table (the items it supported) or a key set to null.
//
// It reads what it needs now, before the change; the caller records the
// events once the change is done, in its transaction.
func Effects(ctx context.Context, client *gen.Client, m ent.Mutation, ids []string) ([]Pending, error) {
	c, err := schema()
	if err != nil {
		return nil, err
	}
	if _, ok := c.entities[m.Type()]; !ok || len(ids) == 0 {
		return nil, nil
	}
	p := &pending{index: map[[2]string]int{}, own: map[[2]string]bool{}}
	if m.Op().Is(ent.OpDelete | ent.OpDeleteOne) {
		for _, id := range ids {
			p.own[[2]string{m.Type(), id}] = true
		}
		if err := c.deletion(ctx, client, m.Type(), ids, p); err != nil {
			return nil, err
		}
		return p.list, nil
	}
	for _, name := range m.ClearedEdges() {
		if l := c.foreign[m.Type()+"."+name]; l != nil {
			pairs, err := linked(ctx, client, l, ids, nil)
			if err != nil {
				return nil, err
			}
			for _, pair := range pairs {
				p.unlink(l, pair[0], pair[1])
			}
		}
	}
	for _, name := range m.RemovedEdges() {
		if l := c.foreign[m.Type()+"."+name]; l != nil {
			pairs, err := linked(ctx, client, l, ids, values(m.RemovedIDs(name)))
			if err != nil {
				return nil, err
			}
			for _, pair := range pairs {
				p.unlink(l, pair[0], pair[1])
			}
		}
	}
	return p.list, nil
}

// Links returns the events that mutation m, done on the records ids, causes
// by adding edges from the side that does not store them: each record now
// pointed to stores the link. Unlike Effects, it is called after the change,
// so that edges its hooks added are counted.
func Links(m ent.Mutation, ids []string) ([]Pending, error) {
	c, err := schema()
	if err != nil {
		return nil, err
	}
	p := &pending{index: map[[2]string]int{}, own: map[[2]string]bool{}}
	if _, ok := c.entities[m.Type()]; !ok || m.Op().Is(ent.OpDelete|ent.OpDeleteOne) {
		return nil, nil
	}
	for _, name := range m.AddedEdges() {
		if l := c.foreign[m.Type()+"."+name]; l != nil {
			for _, owner := range values(m.AddedIDs(name)) {
				for _, id := range ids {
					p.link(l, owner, id)
				}
			}
		}
	}
	return p.list, nil
}

// deletion adds to p what deleting the records ids of type typ does to the
// records that point to them.
func (c *catalogue) deletion(ctx context.Context, client *gen.Client, typ string, ids []string, p *pending) error {
	for _, l := range c.targets[typ] {
		if l.unique && l.onDelete != string(entschema.Cascade) && l.onDelete != string(entschema.SetNull) {
			continue // the database refuses the deletion while they point to it
		}
		pairs, err := linked(ctx, client, l, ids, nil)
		if err != nil {
			return err
		}
		var cascaded []string
		for _, pair := range pairs {
			switch {
			case p.deleted(l.owner.name, pair[0]):
			case l.unique && l.onDelete == string(entschema.Cascade):
				p.delete(l.owner.name, pair[0])
				cascaded = append(cascaded, pair[0])
			default:
				p.unlink(l, pair[0], pair[1])
			}
		}
		if len(cascaded) > 0 {
			if err := c.deletion(ctx, client, l.owner.name, cascaded, p); err != nil {
				return err
			}
		}
	}
	return nil
}

// linked returns the pairs (owner, target) that l stores for the targets,
// restricted to the given owners unless owners is nil.
func linked(ctx context.Context, client *gen.Client, l *link, targets, owners []string) ([][2]string, error) {
	ownerColumn, targetColumn := l.column, l.targetOf
	if l.unique {
		ownerColumn, targetColumn = "id", l.column
	}
	var pairs [][2]string
	for chunk := range slices.Chunk(targets, 500) {
		where := sql.In(targetColumn, anys(chunk)...)
		if owners != nil {
			where = sql.And(where, sql.In(ownerColumn, anys(owners)...))
		}
		query, args := sql.Dialect(client.Dialect()).
			Select(ownerColumn, targetColumn).From(sql.Table(l.table)).Where(where).
			OrderBy(ownerColumn, targetColumn).Query()
		rows, err := client.QueryContext(ctx, query, args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var pair [2]string
			if err := rows.Scan(&pair[0], &pair[1]); err != nil {
				rows.Close()
				return nil, err
			}
			pairs = append(pairs, pair)
		}
		if err := rows.Close(); err != nil {
			return nil, err
		}
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return pairs, nil
}

// pending gathers the events of other records, one per record.
type pending struct {
	list  []Pending
	index map[[2]string]int
	own   map[[2]string]bool // the records the change deletes itself
}

func (p *pending) of(typ, id string) *Pending {
	k := [2]string{typ, id}
	i, ok := p.index[k]
	if !ok {
		i = len(p.list)
		p.index[k] = i
		p.list = append(p.list, Pending{Operation: "UPDATE", EntityType: typ, EntityID: id, Changes: map[string]Change{}})
	}
	return &p.list[i]
}

// deleted reports whether the record goes with the change.
func (p *pending) deleted(typ, id string) bool {
	i, ok := p.index[[2]string{typ, id}]
	return p.own[[2]string{typ, id}] || ok && p.list[i].Operation == "DELETE"
}

// delete records that the record goes with the change.
func (p *pending) delete(typ, id string) {
	e := p.of(typ, id)
	e.Operation, e.Changes = "DELETE", map[string]Change{}
}

// unlink records that the owner no longer points to target through l.
func (p *pending) unlink(l *link, owner, target string) {
	if p.deleted(l.owner.name, owner) {
		return
	}
	e := p.of(l.owner.name, owner)
	c := e.Changes[l.name]
	before, _ := c.Before.([]string)
	c.Before = append(before, target)
	e.Changes[l.name] = c
}

// link records that the owner now points to target through l.
func (p *pending) link(l *link, owner, target string) {
	if p.deleted(l.owner.name, owner) {
		return
	}
	e := p.of(l.owner.name, owner)
	c := e.Changes[l.name]
	after, _ := c.After.([]string)
	c.After = append(after, target)
	e.Changes[l.name] = c
}

func values(vs []ent.Value) []string {
	s := make([]string, 0, len(vs))
	for _, v := range vs {
		s = append(s, fmt.Sprint(v))
	}
	return s
}

func anys(s []string) []any {
	a := make([]any, len(s))
	for i, v := range s {
		a[i] = v
	}
	return a
}
