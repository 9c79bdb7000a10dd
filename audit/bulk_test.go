package audit_test

import (
	"context"
	"testing"
	"time"

	"github.com/palabre/palabre/access"
	"github.com/palabre/palabre/audit"
	"github.com/palabre/palabre/clock"
	"github.com/palabre/palabre/database/dbtest"
	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/actionitem"
	"github.com/palabre/palabre/ent/auditevent"
	"github.com/palabre/palabre/ent/schema/pulid"
	"github.com/palabre/palabre/internal/apitest"
	"github.com/palabre/palabre/search"
)

// A record stored in bulk gets the creation event the audit hook writes for
// the same record created through ent, chained to the others: verify finds
// both intact.
func TestCreateAllWritesTheEventTheHookWrites(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC)
	ctx := clock.NewContext(access.SystemContext(context.Background()), clock.NewFake(now))
	client := dbtest.Open(t)
	w := apitest.Build(t, client)
	due := now.AddDate(1, 0, 0)
	item := func(create *ent.ActionItemCreate) *ent.ActionItemCreate {
		return create.SetObjectiveID(w.DraftLegal.ID).SetTitle("Réviser le code pénal").SetLeadAgencyID(w.Justice.ID).
			AddSupportingAgencyIDs(w.Ministry.ID).SetDueDate(due).SetEstimatedBudget(5000000).SetBudgetCurrency("XOF")
	}
	hooked, err := item(client.ActionItem.Create().SetCode("B1")).Save(ctx)
	if err != nil {
		t.Fatal(err)
	}
	bulkID := pulid.MustNew("AI")
	bulk := item(client.ActionItem.Create().SetCode("B2")).SetID(bulkID).
		SetCreatedAt(now).SetUpdatedAt(now).SetRevision(1).SetSearchText(search.Fold("Réviser le code pénal ")).
		SetDescription("").SetPriority(actionitem.PriorityMedium).SetStatus(actionitem.StatusNotStarted).SetProgress(0).SetPilot(false).
		SetStrategyID(w.Draft.ID)
	if err := audit.CreateAll(ctx, client, []ent.Mutation{bulk.Mutation()}); err != nil {
		t.Fatal(err)
	}

	changes := func(id pulid.ID) string {
		e := client.AuditEvent.Query().Where(auditevent.EntityID(string(id))).OnlyX(ctx)
		return e.Changes
	}
	want, got := changes(hooked.ID), changes(bulkID)
	if want = replace(want, `"B1"`, `"B2"`); got != want {
		t.Errorf("stored in bulk, the event says\n%s\nthrough the hook,\n%s", got, want)
	}
	stored := client.ActionItem.GetX(ctx, bulkID)
	if stored.SearchText != hooked.SearchText || stored.Title != hooked.Title || !stored.DueDate.Equal(*hooked.DueDate) {
		t.Errorf("stored %+v, through the hook %+v", stored, hooked)
	}
	if _, brk, err := audit.Verify(ctx, client); brk != nil || err != nil {
		t.Fatalf("chain: %v, %v", brk, err)
	}
	if _, found, err := audit.VerifyRecords(ctx, client, 20); len(found) > 0 || err != nil {
		t.Fatalf("records: %v, %v", found, err)
	}
}

func replace(s, old, new string) string {
	for i := 0; i+len(old) <= len(s); i++ {
		if s[i:i+len(old)] == old {
			return s[:i] + new + s[i+len(old):]
		}
	}
	return s
}
