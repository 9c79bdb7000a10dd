package audit_test

import (
	"context"
	"sync"
	"testing"

	"github.com/palabre/palabre/access"
	"github.com/palabre/palabre/audit"
	"github.com/palabre/palabre/auth"
	"github.com/palabre/palabre/database/dbtest"
	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/auditevent"
)

func TestAnEventCommitsOrRollsBackWithItsChange(t *testing.T) {
	t.Parallel()
	ctx := access.SystemContext(context.Background())
	client := dbtest.Open(t)
	record := func(commit bool) {
		tx, err := client.Tx(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if err := audit.Record(ctx, tx.Client(), "CREATE", "Agency", "AG01JAGENCE0000000000000000", nil); err != nil {
			t.Fatal(err)
		}
		if commit {
			err = tx.Commit()
		} else {
			err = tx.Rollback()
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	record(false)
	if n, _ := client.AuditEvent.Query().Count(ctx); n != 0 {
		t.Fatalf("a rolled-back transaction left %d events", n)
	}
	record(true)
	record(false)
	record(true)
	events, err := client.AuditEvent.Query().Order(ent.Asc(auditevent.FieldSequence)).All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(events) != 2 || events[0].Sequence != 1 || events[1].Sequence != 2 || events[1].PreviousHash != events[0].Hash {
		t.Fatalf("two committed events should be 1 and 2, chained: %+v", events)
	}
	if checked, brk, err := audit.Verify(ctx, client); checked != 2 || brk != nil || err != nil {
		t.Fatalf("verify: %d, %v, %v", checked, brk, err)
	}
}

func TestTheEventNamesTheViewerAndTheChanges(t *testing.T) {
	t.Parallel()
	client := dbtest.Open(t)
	ctx := auth.NewContext(context.Background(), &auth.Viewer{AccountID: "AC01JSECRETARIAT00000000000", Role: auth.RoleSecretariat})
	changes := map[string]audit.Change{"title": {Before: "Stratégie 2020", After: "Stratégie nationale de cybersécurité"}, "progress": {Before: 10, After: 40}}
	if err := audit.Record(ctx, client, "UPDATE", "Strategy", "ST01JSTRATEGIE000000000000", changes); err != nil {
		t.Fatal(err)
	}
	ev, err := client.AuditEvent.Query().Only(access.SystemContext(ctx))
	if err != nil {
		t.Fatal(err)
	}
	want := `{"progress":{"before":10,"after":40},"title":{"before":"Stratégie 2020","after":"Stratégie nationale de cybersécurité"}}`
	if ev.ActorID != "AC01JSECRETARIAT00000000000" || ev.Operation != "UPDATE" || ev.EntityType != "Strategy" ||
		ev.EntityID != "ST01JSTRATEGIE000000000000" || ev.Changes != want || ev.PreviousHash != "" || ev.Sequence != 1 {
		t.Fatalf("event = %+v", ev)
	}
}

// TestConcurrentWritersChainOneAfterTheOther: transactions that record at the
// same time queue on the head, so no two events share a predecessor.
func TestConcurrentWritersChainOneAfterTheOther(t *testing.T) {
	t.Parallel()
	ctx := access.SystemContext(context.Background())
	client := dbtest.Open(t)
	const writers, each = 8, 5
	var wg sync.WaitGroup
	errs := make(chan error, writers)
	for w := 0; w < writers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs <- func() error {
				tx, err := client.Tx(ctx)
				if err != nil {
					return err
				}
				for i := 0; i < each; i++ {
					if err := audit.Record(ctx, tx.Client(), "UPDATE", "ActionItem", "AI01JACTION0000000000000000", nil); err != nil {
						tx.Rollback()
						return err
					}
				}
				return tx.Commit()
			}()
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	checked, brk, err := audit.Verify(ctx, client)
	if checked != writers*each || brk != nil || err != nil {
		t.Fatalf("verify: %d, %v, %v", checked, brk, err)
	}
	events, err := client.AuditEvent.Query().Order(ent.Asc(auditevent.FieldSequence)).All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	previous := map[string]bool{}
	for _, e := range events {
		if previous[e.PreviousHash] {
			t.Fatalf("two events follow %q", e.PreviousHash)
		}
		previous[e.PreviousHash] = true
	}
}
