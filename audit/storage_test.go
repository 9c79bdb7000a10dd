package audit

import (
	"slices"
	"testing"

	gen "github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/migrate"
)

// A column that verify neither compares nor knowingly leaves out could be
// changed behind the API unseen: a new field or edge must come with its place
// in the trail.
func TestVerifyComparesEveryColumnOfEveryAuditedTable(t *testing.T) {
	c, err := schema()
	if err != nil {
		t.Fatal(err)
	}
	joins := map[string]bool{}
	for _, e := range c.entities {
		for _, l := range e.edges {
			if !l.unique {
				joins[l.table] = true
			}
		}
	}
	for _, table := range migrate.Tables {
		var e *entity
		for _, candidate := range c.entities {
			if candidate.table == table.Name {
				e = candidate
			}
		}
		switch {
		case e != nil:
			for _, col := range table.Columns {
				compared := col.Name == "id" ||
					slices.ContainsFunc(e.fields, func(f *column) bool { return f.name == col.Name }) ||
					slices.ContainsFunc(e.edges, func(l *link) bool { return l.unique && l.column == col.Name }) ||
					slices.Contains(gen.AuditedTypes[e.name].Ignore, col.Name)
				if !compared {
					t.Errorf("column %s of %s is neither compared with the trail nor left out on purpose", col.Name, table.Name)
				}
			}
		case joins[table.Name]:
		case table.Name == "audit_events" || table.Name == "audit_heads":
		case table.Name == "archive_imports": // written once by the import; verify checks the trail against it
		case table.Name == "notifications" || table.Name == "notification_attempts":
			// The notification outbox: consequences of the trail, not records it keeps.
		default:
			t.Errorf("table %s is not compared with the audit trail", table.Name)
		}
	}
	// What is left out on purpose, and why: bookkeeping every change
	// touches, text derived from audited fields, a token's last use, a
	// session's last use (recorded to the minute, for its idle expiry).
	for typ, a := range gen.AuditedTypes {
		for _, f := range a.Ignore {
			if !slices.Contains([]string{"updated_at", "search_text", "last_used_at", "last_seen_at"}, f) {
				t.Errorf("%s leaves %s out of its trail: say why here", typ, f)
			}
		}
	}
}
