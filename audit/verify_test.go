package audit_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/access"
	"github.com/palabre/palabre/audit"
	"github.com/palabre/palabre/database/dbtest"
	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/auditevent"
)

// trail returns a database holding a chain of n events, as the system.
func trail(t *testing.T, n int) (context.Context, *ent.Client) {
	t.Helper()
	ctx := access.SystemContext(context.Background())
	client := dbtest.Open(t)
	for i := 1; i <= n; i++ {
		changes := map[string]audit.Change{"title": {Before: fmt.Sprintf("Version %d", i-1), After: fmt.Sprintf("Version %d — révisée", i)}}
		if err := audit.Record(ctx, client, "UPDATE", "Strategy", "ST01JSTRATEGIE000000000000", changes); err != nil {
			t.Fatal(err)
		}
	}
	return ctx, client
}

// exec runs raw SQL behind the API's back, as someone with access to the
// database would.
func exec(t *testing.T, client *ent.Client, query string) {
	t.Helper()
	if _, err := client.ExecContext(context.Background(), query); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
}

func eventID(t *testing.T, ctx context.Context, client *ent.Client, sequence int64) string {
	t.Helper()
	id, err := client.AuditEvent.Query().Where(auditevent.Sequence(sequence)).OnlyID(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return string(id)
}

func TestAnIntactChainVerifies(t *testing.T) {
	t.Parallel()
	for _, n := range []int{0, 1, 7} {
		ctx, client := trail(t, n)
		checked, brk, err := audit.Verify(ctx, client)
		if err != nil || brk != nil || checked != int64(n) {
			t.Errorf("a chain of %d events: checked %d, break %v, error %v", n, checked, brk, err)
		}
	}
}

func TestVerifyNamesTheFirstBrokenLink(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name     string
		tamper   func(t *testing.T, ctx context.Context, client *ent.Client)
		sequence int64
		named    bool // the break names an event that is there
		reason   string
	}{
		{"an event's changes rewritten", func(t *testing.T, ctx context.Context, client *ent.Client) {
			exec(t, client, `UPDATE audit_events SET changes = '{"title":{"after":"Version falsifiée"}}' WHERE sequence = 3`)
		}, 3, true, "content"},
		{"an event's actor rewritten", func(t *testing.T, ctx context.Context, client *ent.Client) {
			exec(t, client, `UPDATE audit_events SET actor_id = 'AC01JQUELQUUNDAUTRE00000000' WHERE sequence = 2`)
		}, 2, true, "content"},
		{"an event and its hash rewritten together", func(t *testing.T, ctx context.Context, client *ent.Client) {
			exec(t, client, `UPDATE audit_events SET changes = '{}', hash = 'abc' WHERE sequence = 4`)
		}, 4, true, ""}, // its own hash no longer matches, or the next event no longer points to it
		{"an event in the middle deleted", func(t *testing.T, ctx context.Context, client *ent.Client) {
			exec(t, client, `DELETE FROM audit_events WHERE sequence = 3`)
		}, 3, false, "missing"},
		{"the first event deleted", func(t *testing.T, ctx context.Context, client *ent.Client) {
			exec(t, client, `DELETE FROM audit_events WHERE sequence = 1`)
		}, 1, false, "missing"},
		{"the last event deleted", func(t *testing.T, ctx context.Context, client *ent.Client) {
			exec(t, client, `DELETE FROM audit_events WHERE sequence = 5`)
		}, 5, false, "head"},
		{"the last two events deleted", func(t *testing.T, ctx context.Context, client *ent.Client) {
			exec(t, client, `DELETE FROM audit_events WHERE sequence >= 4`)
		}, 4, false, "head"},
		{"a forged event appended, chained to the last one", func(t *testing.T, ctx context.Context, client *ent.Client) {
			last, err := client.AuditEvent.Query().Where(auditevent.Sequence(5)).Only(ctx)
			if err != nil {
				t.Fatal(err)
			}
			forged := audit.Event{Sequence: 6, At: last.At, Operation: "DELETE", EntityType: "Observation", EntityID: "OS01JGENANTE000000000000000", Changes: "{}"}
			// The system may create events: only Record is meant to, but
			// privacy lets the system through, so the chain must catch it.
			err = client.AuditEvent.Create().SetSequence(6).SetAt(forged.At).SetOperation(forged.Operation).
				SetEntityType(forged.EntityType).SetEntityID(forged.EntityID).SetChanges(forged.Changes).
				SetPreviousHash(last.Hash).SetHash(audit.Hash(last.Hash, forged)).Exec(ctx)
			if err != nil {
				t.Fatal(err)
			}
		}, 6, true, "outside"},
		{"a forged event with a made-up hash", func(t *testing.T, ctx context.Context, client *ent.Client) {
			last, err := client.AuditEvent.Query().Where(auditevent.Sequence(5)).Only(ctx)
			if err != nil {
				t.Fatal(err)
			}
			err = client.AuditEvent.Create().SetSequence(6).SetAt(last.At).SetOperation("CREATE").
				SetEntityType("Observation").SetEntityID("OS01JGENANTE000000000000000").SetChanges("{}").
				SetPreviousHash(last.Hash).SetHash(strings.Repeat("0", 64)).Exec(ctx)
			if err != nil {
				t.Fatal(err)
			}
		}, 6, true, "content"},
		{"the head moved back", func(t *testing.T, ctx context.Context, client *ent.Client) {
			exec(t, client, `UPDATE audit_heads SET sequence = 3`)
		}, 4, true, "outside"},
		{"the head's hash replaced", func(t *testing.T, ctx context.Context, client *ent.Client) {
			exec(t, client, `UPDATE audit_heads SET hash = 'abc'`)
		}, 5, true, "head"},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			ctx, client := trail(t, 5)
			ids := map[int64]string{}
			for seq := int64(1); seq <= 5; seq++ {
				ids[seq] = eventID(t, ctx, client, seq)
			}
			c.tamper(t, ctx, client)
			checked, brk, err := audit.Verify(ctx, client)
			if err != nil {
				t.Fatal(err)
			}
			if brk == nil {
				t.Fatalf("the tampering went unnoticed (%d events checked)", checked)
			}
			if brk.Sequence != c.sequence || !strings.Contains(brk.Reason, c.reason) {
				t.Fatalf("break at %d (%s), want one at %d mentioning %q", brk.Sequence, brk.Error(), c.sequence, c.reason)
			}
			if c.named != (brk.EventID != "") || (brk.EventID != "" && ids[brk.Sequence] != "" && brk.EventID != ids[brk.Sequence]) {
				t.Fatalf("the break names event %q: %s", brk.EventID, brk.Error())
			}
			if !strings.Contains(brk.Error(), fmt.Sprintf("event %d", c.sequence)) {
				t.Errorf("the message does not say where: %s", brk.Error())
			}
		})
	}
}

func TestEventsAreAppendOnlyEvenForTheSystem(t *testing.T) {
	t.Parallel()
	ctx, client := trail(t, 2)
	id, err := client.AuditEvent.Query().Where(auditevent.Sequence(1)).OnlyID(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for name, change := range map[string]func() error{
		// Every field is immutable, so ent offers no setter: an update of
		// nothing is still an update.
		"update one": func() error { return client.AuditEvent.UpdateOneID(id).Exec(ctx) },
		"update all": func() error { _, err := client.AuditEvent.Update().Save(ctx); return err },
		"delete one": func() error { return client.AuditEvent.DeleteOneID(id).Exec(ctx) },
		"delete all": func() error { _, err := client.AuditEvent.Delete().Exec(ctx); return err },
	} {
		if err := change(); palabre.ErrorCode(err) != palabre.ECONFLICT {
			t.Errorf("%s: want CONFLICT, got %v", name, err)
		}
	}
	if checked, brk, err := audit.Verify(ctx, client); checked != 2 || brk != nil || err != nil {
		t.Fatalf("the chain changed: %d, %v, %v", checked, brk, err)
	}
}
