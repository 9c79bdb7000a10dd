package graph_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"entgo.io/ent/dialect"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/access"
	"github.com/palabre/palabre/clock"
	"github.com/palabre/palabre/database/dbtest"
	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/actionitem"
	"github.com/palabre/palabre/ent/objective"
	"github.com/palabre/palabre/ent/schema/pulid"
	"github.com/palabre/palabre/internal/apitest"
	"github.com/palabre/palabre/server"
)

const fileReportMutation = `mutation($in: FileProgressReportInput!) { fileProgressReport(input: $in) {
	progressReport { id asOf progress status narrative difficulties nextSteps agency { acronym } measurements { value indicator { id } } }
	actionItem { id progress status lastReportedAt revision } } }`

type filed struct {
	FileProgressReport struct {
		ProgressReport struct {
			ID                                         pulid.ID
			AsOf                                       time.Time
			Progress                                   int
			Status, Narrative, Difficulties, NextSteps string
			Agency                                     struct{ Acronym string }
			Measurements                               []struct {
				Value     float64
				Indicator struct{ ID pulid.ID }
			}
		}
		ActionItem struct {
			ID             pulid.ID
			Progress       int
			Status         string
			LastReportedAt *time.Time
			Revision       int
		}
	}
}

// progressWorld is the test world with a clock set on Today and one more item
// of the adopted strategy, « A1.2 », led by the security agency, in progress
// since 2026-01-01 and due on 2026-12-31, with a budget and an indicator.
type progressWorld struct {
	*apitest.Server
	clock     *clock.Fake
	item      *ent.ActionItem
	indicator *ent.Indicator
}

func newProgressWorld(t *testing.T) *progressWorld {
	t.Helper()
	fake := clock.NewFake(apitest.Today)
	s := apitest.NewWithConfig(t, []func(*server.Config){func(c *server.Config) { c.Clock = fake }})
	ctx := systemContext()
	item, err := s.Client.ActionItem.Create().SetObjective(s.World.AdoptedCooperation).SetCode("A1.2").
		SetTitle("Mettre en place le point de contact 24/7").SetLeadAgency(s.World.Security).
		SetStatus(actionitem.StatusInProgress).SetProgress(10).
		SetStartDate(day("2026-01-01")).SetDueDate(day("2026-12-31")).
		SetEstimatedBudget(1_000_000).SetBudgetCurrency("XOF").Save(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ix, err := s.Client.Indicator.Create().SetActionItem(item).SetName("Demandes traitées").SetUnit("%").Save(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return &progressWorld{Server: s, clock: fake, item: item, indicator: ix}
}

func day(s string) time.Time {
	d, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return d
}

func report(item pulid.ID, asOf string, progress int, status string, more ...any) map[string]any {
	in := map[string]any{"actionItemID": item, "asOf": asOf, "progress": progress, "status": status,
		"narrative": "Le point de contact répond aux demandes de la région."}
	for i := 0; i+1 < len(more); i += 2 {
		in[more[i].(string)] = more[i+1]
	}
	return map[string]any{"in": in}
}

func (p *progressWorld) file(t *testing.T, token string, vars map[string]any) filed {
	t.Helper()
	var out filed
	p.OK(t, token, fileReportMutation, vars, &out)
	return out
}

func TestTheLeadAgencyFilesAReportThatSetsItsItemsProgress(t *testing.T) {
	t.Parallel()
	p := newProgressWorld(t)
	w := p.World
	got := p.file(t, w.SecurityAgent, report(p.item.ID, "2026-11-20T00:00:00Z", 45, "DELAYED",
		"difficulties", "Recrutement des analystes en retard.", "nextSteps", "Former l'équipe de nuit.",
		"measurements", []any{map[string]any{"indicatorID": p.indicator.ID, "value": 62.5, "note": "Registre du CERT"}}))
	r, item := got.FileProgressReport.ProgressReport, got.FileProgressReport.ActionItem
	if r.Progress != 45 || r.Status != "DELAYED" || r.Agency.Acronym != "ANSSI" || r.Difficulties != "Recrutement des analystes en retard." ||
		r.NextSteps != "Former l'équipe de nuit." || !r.AsOf.Equal(day("2026-11-20")) {
		t.Errorf("report as filed: %+v", r)
	}
	if len(r.Measurements) != 1 || r.Measurements[0].Value != 62.5 || r.Measurements[0].Indicator.ID != p.indicator.ID {
		t.Errorf("measurements filed with the report: %+v", r.Measurements)
	}
	if item.Progress != 45 || item.Status != "DELAYED" || item.LastReportedAt == nil || !item.LastReportedAt.Equal(day("2026-11-20")) ||
		item.Revision != p.item.Revision+1 {
		t.Errorf("the item does not show its latest report: %+v", item)
	}
	// The indicator's measurements include the one filed, dated as the report.
	var ix struct {
		Node struct {
			Measurements struct {
				Edges []struct {
					Node struct {
						Value      float64
						MeasuredAt time.Time
					}
				}
			}
		}
	}
	p.OK(t, w.Reviewer, `query($id: ID!) { node(id: $id) { ... on Indicator { measurements { edges { node { value measuredAt } } } } } }`,
		map[string]any{"id": p.indicator.ID}, &ix)
	if e := ix.Node.Measurements.Edges; len(e) != 1 || e[0].Node.Value != 62.5 || !e[0].Node.MeasuredAt.Equal(day("2026-11-20")) {
		t.Errorf("the indicator's measurements: %+v", e)
	}
}

// The item's progress and status are those of its latest report by date: a
// report dated before the latest joins the history without changing them; one
// of the same date corrects the latest. Every report stays readable.
func TestTheItemShowsItsLatestReportAndKeepsTheHistory(t *testing.T) {
	t.Parallel()
	p := newProgressWorld(t)
	w := p.World
	p.file(t, w.SecurityAgent, report(p.item.ID, "2026-10-01T00:00:00Z", 30, "IN_PROGRESS"))
	late := p.file(t, w.SecurityAgent, report(p.item.ID, "2026-09-01T00:00:00Z", 20, "IN_PROGRESS"))
	if i := late.FileProgressReport.ActionItem; i.Progress != 30 || !i.LastReportedAt.Equal(day("2026-10-01")) {
		t.Errorf("a report dated before the latest changed the item: %+v", i)
	}
	fix := p.file(t, w.SecurityAgent, report(p.item.ID, "2026-10-01T00:00:00Z", 35, "DELAYED", "narrative", "Correction : 35 %."))
	if i := fix.FileProgressReport.ActionItem; i.Progress != 35 || i.Status != "DELAYED" {
		t.Errorf("a correction of the latest report did not change the item: %+v", i)
	}
	var out struct {
		Node struct {
			Progress     int
			LatestReport struct {
				ID        pulid.ID
				Narrative string
			}
			ProgressReports struct {
				TotalCount int
				Edges      []struct{ Node struct{ Progress int } }
			}
		}
	}
	for _, token := range []string{w.Reviewer, w.JusticeAgent, ""} {
		p.OK(t, token, `query($id: ID!) { node(id: $id) { ... on ActionItem { progress latestReport { id narrative }
			progressReports(orderBy: {field: AS_OF, direction: ASC}) { totalCount edges { node { progress } } } } } }`,
			map[string]any{"id": p.item.ID}, &out)
		n := out.Node
		if n.Progress != 35 || n.LatestReport.ID != fix.FileProgressReport.ProgressReport.ID || n.ProgressReports.TotalCount != 3 ||
			n.ProgressReports.Edges[0].Node.Progress != 20 {
			t.Errorf("caller %q reads %+v", token, n)
		}
	}
}

func TestWhoMayFileAProgressReport(t *testing.T) {
	t.Parallel()
	p := newProgressWorld(t)
	w := p.World
	other, err := p.Client.Indicator.Create().SetActionItem(w.Budapest).SetName("Ratification").SetUnit("étape").Save(systemContext())
	if err != nil {
		t.Fatal(err)
	}
	valid := func(more ...any) map[string]any {
		return report(p.item.ID, "2026-11-20T00:00:00Z", 50, "IN_PROGRESS", more...)
	}
	for _, c := range []struct {
		name  string
		token string
		vars  map[string]any
		code  string
	}{
		{"an agency that does not lead the item", w.JusticeAgent, valid(), palabre.EFORBIDDEN},
		{"the secretariat", w.Secretariat, valid(), palabre.EFORBIDDEN},
		{"a reviewer", w.Reviewer, valid(), palabre.EFORBIDDEN},
		{"an administrator", w.Admin, valid(), palabre.EFORBIDDEN},
		{"the public", "", valid(), palabre.EUNAUTHENTICATED},
		{"the public, on an item it cannot read", "", report(w.Incidents.ID, "2026-11-20T00:00:00Z", 50, "IN_PROGRESS"), palabre.EUNAUTHENTICATED},
		{"the public, with a bad progress", "", report(p.item.ID, "2026-11-20T00:00:00Z", 150, "IN_PROGRESS"), palabre.EUNAUTHENTICATED},
		{"progress above 100", w.SecurityAgent, report(p.item.ID, "2026-11-20T00:00:00Z", 101, "IN_PROGRESS"), palabre.EINVALID},
		{"negative progress", w.SecurityAgent, report(p.item.ID, "2026-11-20T00:00:00Z", -1, "IN_PROGRESS"), palabre.EINVALID},
		{"a date in the future", w.SecurityAgent, report(p.item.ID, apitest.Today.Add(time.Second).Format(time.RFC3339), 50, "IN_PROGRESS"), palabre.EINVALID},
		{"no narrative", w.SecurityAgent, valid("narrative", "  "), palabre.EINVALID},
		{"another item's indicator", w.SecurityAgent, valid("measurements", []any{map[string]any{"indicatorID": other.ID, "value": 1}}), palabre.EINVALID},
		{"an item the agency cannot read", w.SecurityAgent, report(w.Incidents.ID, "2026-11-20T00:00:00Z", 50, "IN_PROGRESS"), palabre.ENOTFOUND},
		{"an item that does not exist", w.SecurityAgent, report("AI01JZZZZZZZZZZZZZZZZZZZZZZZ", "2026-11-20T00:00:00Z", 50, "IN_PROGRESS"), palabre.ENOTFOUND},
	} {
		t.Run(c.name, func(t *testing.T) {
			before := p.Fingerprint(t)
			p.Fails(t, c.token, fileReportMutation, c.vars, c.code)
			if after := p.Fingerprint(t); after != before {
				t.Errorf("a refused report stored something: %s → %s", before, after)
			}
		})
	}
	// The instant itself is not the future.
	p.file(t, w.SecurityAgent, report(p.item.ID, apitest.Today.Format(time.RFC3339), 50, "IN_PROGRESS"))
}

func TestARetriedReportIsFiledOnce(t *testing.T) {
	t.Parallel()
	p := newProgressWorld(t)
	w := p.World
	key := []any{"idempotencyKey", "rapport-2026-11", "measurements", []any{map[string]any{"indicatorID": p.indicator.ID, "value": 40}}}
	first := p.file(t, w.SecurityAgent, report(p.item.ID, "2026-11-20T00:00:00Z", 50, "IN_PROGRESS", key...))
	before := p.Fingerprint(t)
	again := p.file(t, w.SecurityAgent, report(p.item.ID, "2026-11-20T00:00:00Z", 50, "IN_PROGRESS", key...))
	if again.FileProgressReport.ProgressReport.ID != first.FileProgressReport.ProgressReport.ID {
		t.Errorf("a retry filed a second report")
	}
	if after := p.Fingerprint(t); after != before {
		t.Errorf("a retry stored something: %s → %s", before, after)
	}
	for name, vars := range map[string]map[string]any{
		"other progress":     report(p.item.ID, "2026-11-20T00:00:00Z", 55, "IN_PROGRESS", key...),
		"other date":         report(p.item.ID, "2026-11-21T00:00:00Z", 50, "IN_PROGRESS", key...),
		"other measurements": report(p.item.ID, "2026-11-20T00:00:00Z", 50, "IN_PROGRESS", "idempotencyKey", "rapport-2026-11"),
	} {
		t.Run(name, func(t *testing.T) {
			msg := p.Fails(t, w.SecurityAgent, fileReportMutation, vars, palabre.ECONFLICT)
			if after := p.Fingerprint(t); after != before {
				t.Errorf("a conflicting key stored something (%s): %s → %s", msg, before, after)
			}
		})
	}
}

// Reports are immutable: the API has no way to change or delete one, and an
// agency's direct change of its item's progress or status is refused with a
// pointer to the report that sets them.
func TestReportsAreImmutableAndAgenciesReportThroughThem(t *testing.T) {
	t.Parallel()
	p := newProgressWorld(t)
	w := p.World
	got := p.file(t, w.SecurityAgent, report(p.item.ID, "2026-11-20T00:00:00Z", 50, "IN_PROGRESS"))
	for _, m := range []string{"updateProgressReport", "deleteProgressReport"} {
		r := p.Do(t, w.SecurityAgent, fmt.Sprintf(`mutation($id: ID!) { %s(id: $id) { id } }`, m), map[string]any{"id": got.FileProgressReport.ProgressReport.ID})
		if r.Code() != "GRAPHQL_VALIDATION_FAILED" {
			t.Errorf("%s: %s", m, r.Code())
		}
	}
	before := p.Fingerprint(t)
	item := p.Item(t, p.item.ID)
	msg := p.Fails(t, w.SecurityAgent, `mutation($id: ID!, $rev: Int!) { updateActionItem(id: $id, revision: $rev, input: {progress: 90}) { actionItem { id } } }`,
		map[string]any{"id": item.ID, "rev": item.Revision}, palabre.EFORBIDDEN)
	if after := p.Fingerprint(t); after != before {
		t.Errorf("a refused edit stored something (%s)", msg)
	}
}

// An item under way is stale when its latest report (or, before the first, its
// start) is older than its plan's cadence; an item is overdue from the
// instant after its due date.
func TestStalenessAndOverdueFollowTheClock(t *testing.T) {
	t.Parallel()
	p := newProgressWorld(t)
	w := p.World
	state := func() (stale, overdue bool, rollupStale, rollupOverdue, listed int) {
		var out struct {
			Node     struct{ Stale, Overdue bool }
			Strategy struct {
				ProgressRollup struct{ Stale, Overdue int }
			}
			Agency struct {
				InvolvedActionItems struct{ TotalCount int }
			}
		}
		now := p.clock.Now().Format(time.RFC3339Nano)
		p.OK(t, w.Reviewer, `query($id: ID!, $s: ID!, $a: ID!, $now: Time!) { node(id: $id) { ... on ActionItem { stale overdue } }
			strategy: node(id: $s) { ... on Strategy { progressRollup { stale overdue } } }
			agency: node(id: $a) { ... on Agency { involvedActionItems(staleOn: $now) { totalCount } } } }`,
			map[string]any{"id": p.item.ID, "s": w.Adopted.ID, "a": w.Security.ID, "now": now}, &out)
		return out.Node.Stale, out.Node.Overdue, out.Strategy.ProgressRollup.Stale, out.Strategy.ProgressRollup.Overdue, out.Agency.InvolvedActionItems.TotalCount
	}
	// Started 2026-01-01, never reported: stale on Today (cadence 90 days).
	// The security agency's list also holds Incidents, of the draft, never
	// reported since 2025: stale throughout.
	if stale, _, n, _, listed := state(); !stale || n != 1 || listed != 2 {
		t.Errorf("never reported since its start in January: stale %v, counted %d, listed %d", stale, n, listed)
	}
	p.file(t, w.SecurityAgent, report(p.item.ID, "2026-11-20T00:00:00Z", 50, "IN_PROGRESS"))
	reported := day("2026-11-20")
	p.clock.Set(reported.AddDate(0, 0, 90))
	if stale, _, n, _, listed := state(); stale || n != 0 || listed != 1 {
		t.Errorf("90 days after its report: stale %v, counted %d, listed %d", stale, n, listed)
	}
	p.clock.Set(reported.AddDate(0, 0, 90).Add(time.Microsecond)) // the stores keep microseconds
	if stale, _, n, _, listed := state(); !stale || n != 1 || listed != 2 {
		t.Errorf("the instant after 90 days: stale %v, counted %d, listed %d", stale, n, listed)
	}
	// A shorter cadence makes it stale sooner.
	if _, err := p.Client.Strategy.UpdateOneID(w.Adopted.ID).SetReportingCadenceDays(30).Save(systemContext()); err != nil {
		t.Fatal(err)
	}
	p.clock.Set(reported.AddDate(0, 0, 30))
	if stale, _, _, _, _ := state(); stale {
		t.Errorf("30 days after its report, with a cadence of 30 days: stale")
	}
	p.clock.Set(reported.AddDate(0, 0, 31))
	if stale, _, _, _, _ := state(); !stale {
		t.Errorf("31 days after its report, with a cadence of 30 days: not stale")
	}

	due := day("2026-12-31")
	p.clock.Set(due)
	if _, overdue, _, n, _ := state(); overdue || n != 0 {
		t.Errorf("on its due date: overdue %v, counted %d", overdue, n)
	}
	p.clock.Set(due.Add(time.Microsecond))
	if _, overdue, _, n, _ := state(); !overdue || n != 1 {
		t.Errorf("the instant after its due date: overdue %v, counted %d", overdue, n)
	}
	// Completed: neither overdue nor stale.
	p.file(t, w.SecurityAgent, report(p.item.ID, due.Format(time.RFC3339), 100, "COMPLETED"))
	if stale, overdue, _, _, _ := state(); stale || overdue {
		t.Errorf("completed: stale %v, overdue %v", stale, overdue)
	}
}

// The rollups of a strategy, an objective and an agency on a plan built to
// have a known answer.
func TestRollupsOnAKnownPlan(t *testing.T) {
	t.Parallel()
	p := newProgressWorld(t)
	w := p.World
	ctx := systemContext()
	// A second objective of the adopted strategy with three items led by the
	// regulator: 20 % on 1 000 000 XOF, 80 % on 3 000 000 XOF, 50 % without a
	// budget, and a cancelled item at 90 % that counts in no mean.
	second := p.NewObjective(t, w.Adopted, "OS2", objective.PillarTechnical)
	for _, it := range []struct {
		code     string
		progress int
		status   actionitem.Status
		budget   int64
	}{
		{"A2.1", 20, actionitem.StatusInProgress, 1_000_000},
		{"A2.2", 80, actionitem.StatusInProgress, 3_000_000},
		{"A2.3", 50, actionitem.StatusDelayed, 0},
		{"A2.4", 90, actionitem.StatusCancelled, 5_000_000},
	} {
		c := p.Client.ActionItem.Create().SetObjective(second).SetCode(it.code).SetTitle("Action " + it.code).
			SetLeadAgency(w.Regulator).SetProgress(it.progress).SetStatus(it.status).
			SetStartDate(day("2026-10-01")).SetDueDate(day("2026-11-01"))
		if it.budget > 0 {
			c.SetEstimatedBudget(it.budget).SetBudgetCurrency("XOF")
		}
		if _, err := c.Save(ctx); err != nil {
			t.Fatal(err)
		}
	}
	type rollup struct {
		Total, Overdue, Stale int
		ByStatus              []struct {
			Status string
			Count  int
		}
		MeanProgress           *float64
		BudgetWeightedProgress *float64
		BudgetCurrency         *string
	}
	var out struct {
		Objective, Strategy, Agency struct{ ProgressRollup rollup }
	}
	const q = `fragment R on ProgressRollup { total overdue stale byStatus { status count } meanProgress budgetWeightedProgress budgetCurrency }
		query($o: ID!, $s: ID!, $a: ID!) {
		objective: node(id: $o) { ... on Objective { progressRollup { ...R } } }
		strategy: node(id: $s) { ... on Strategy { progressRollup { ...R } } }
		agency: node(id: $a) { ... on Agency { progressRollup { ...R } } } }`
	p.OK(t, w.Reviewer, q, map[string]any{"o": second.ID, "s": w.Adopted.ID, "a": w.Regulator.ID}, &out)
	for name, r := range map[string]rollup{"objective": out.Objective.ProgressRollup, "agency": out.Agency.ProgressRollup} {
		// Mean of 20, 80, 50 = 50; weighted (20×1 + 80×3) / 4 = 65. Overdue:
		// the three not cancelled (due 2026-11-01). Stale: none, started on
		// 2026-10-01, within 90 days of Today.
		if r.Total != 4 || r.Overdue != 3 || r.Stale != 0 || r.MeanProgress == nil || *r.MeanProgress != 50 ||
			r.BudgetWeightedProgress == nil || *r.BudgetWeightedProgress != 65 || r.BudgetCurrency == nil || *r.BudgetCurrency != "XOF" {
			t.Errorf("%s: %+v", name, r)
		}
		if fmt.Sprint(r.ByStatus) != "[{IN_PROGRESS 2} {DELAYED 1} {CANCELLED 1}]" {
			t.Errorf("%s by status: %v", name, r.ByStatus)
		}
	}
	// The strategy adds Budapest (completed, 100 %) and A1.2 (in progress,
	// 10 % on 1 000 000 XOF, stale since its start): mean (20+80+50+100+10)/5 = 52,
	// weighted (20 + 240 + 10) / 5 = 54.
	if r := out.Strategy.ProgressRollup; r.Total != 6 || r.Overdue != 3 || r.Stale != 1 || *r.MeanProgress != 52 || *r.BudgetWeightedProgress != 54 {
		t.Errorf("strategy: %+v", r)
	}
	// A budget in another currency leaves the weighted mean out.
	if _, err := p.Client.ActionItem.UpdateOneID(p.item.ID).SetBudgetCurrency("EUR").Save(ctx); err != nil {
		t.Fatal(err)
	}
	p.OK(t, w.Reviewer, q, map[string]any{"o": second.ID, "s": w.Adopted.ID, "a": w.Regulator.ID}, &out)
	if r := out.Strategy.ProgressRollup; r.BudgetWeightedProgress != nil || r.BudgetCurrency != nil || *r.MeanProgress != 52 {
		t.Errorf("strategy with budgets in two currencies: %+v", r)
	}
	// The public counts what it reads: the draft's items are not in the
	// security agency's rollup for it.
	var public, reviewer struct {
		Node struct{ ProgressRollup struct{ Total int } }
	}
	agency := `query($a: ID!) { node(id: $a) { ... on Agency { progressRollup { total } } } }`
	p.OK(t, "", agency, map[string]any{"a": w.Security.ID}, &public)
	p.OK(t, w.Reviewer, agency, map[string]any{"a": w.Security.ID}, &reviewer)
	if public.Node.ProgressRollup.Total != 2 || reviewer.Node.ProgressRollup.Total != 4 {
		t.Errorf("the security agency leads %d items for the public, %d for a reviewer; want 2 and 4",
			public.Node.ProgressRollup.Total, reviewer.Node.ProgressRollup.Total)
	}
}

func TestAnAgencysInvolvementInOneQuery(t *testing.T) {
	t.Parallel()
	p := newProgressWorld(t)
	w := p.World
	var out struct {
		Node struct {
			All, Lead, Fund struct {
				Edges []struct{ Node struct{ Code string } }
			}
		}
	}
	p.OK(t, w.Reviewer, `query($a: ID!) { node(id: $a) { ... on Agency {
		all: involvedActionItems(orderBy: {field: CODE, direction: ASC}) { edges { node { code } } }
		lead: involvedActionItems(roles: [LEAD], orderBy: {field: CODE, direction: ASC}) { edges { node { code } } }
		fund: involvedActionItems(roles: [FUND]) { edges { node { code } } } } } }`, map[string]any{"a": w.Partner.ID}, &out)
	codes := func(c struct {
		Edges []struct{ Node struct{ Code string } }
	}) string {
		return fmt.Sprint(c.Edges)
	}
	if got := codes(out.Node.Fund); got != "[{{A2.1}}]" {
		t.Errorf("the partner funds %s", got)
	}
	if got := codes(out.Node.All); got != "[{{A2.1}}]" || len(out.Node.Lead.Edges) != 0 {
		t.Errorf("the partner's involvement: %s, leads %v", got, out.Node.Lead.Edges)
	}
	p.OK(t, w.Reviewer, `query($a: ID!) { node(id: $a) { ... on Agency {
		all: involvedActionItems(orderBy: {field: CODE, direction: ASC}) { edges { node { code } } }
		lead: involvedActionItems(roles: [LEAD], orderBy: {field: CODE, direction: ASC}) { edges { node { code } } }
		fund: involvedActionItems(roles: [FUND]) { edges { node { code } } } } } }`, map[string]any{"a": w.Justice.ID}, &out)
	if got := codes(out.Node.All); got != "[{{A1.1}} {{A2.1}}]" || codes(out.Node.Lead) != "[{{A1.1}}]" {
		t.Errorf("the ministry of justice's involvement: %s, leads %s", got, codes(out.Node.Lead))
	}
}

func systemContext() context.Context { return access.SystemContext(context.Background()) }

// Retries of one filing that arrive at once store one report, and each gets
// it back: none sees the unique key's refusal.
func TestRetriesOfAReportAtOnceFileItOnce(t *testing.T) {
	t.Parallel()
	p := newProgressWorld(t)
	w := p.World
	vars := make([]map[string]any, writers)
	for i := range vars {
		vars[i] = report(p.item.ID, "2026-11-20T00:00:00Z", 50, "IN_PROGRESS", "idempotencyKey", "réseau-instable")
	}
	ids := map[string]bool{}
	for i, res := range race(t, p.Server, w.SecurityAgent, fileReportMutation, vars) {
		if len(res.Errors) > 0 {
			t.Fatalf("retry %d: %+v", i, res.Errors)
		}
		var out filed
		if err := json.Unmarshal(res.Data, &out); err != nil {
			t.Fatal(err)
		}
		ids[string(out.FileProgressReport.ProgressReport.ID)] = true
	}
	n, err := p.Client.ProgressReport.Query().Count(systemContext())
	if err != nil {
		t.Fatal(err)
	}
	if len(ids) != 1 || n != 1 {
		t.Errorf("%d retries at once stored %d reports and answered %d", writers, n, len(ids))
	}
}

// The secretariat sets a plan's reporting cadence, after adoption too.
func TestTheSecretariatSetsTheReportingCadence(t *testing.T) {
	t.Parallel()
	p := newProgressWorld(t)
	w := p.World
	st := p.Strategy(t, w.Adopted.ID)
	const update = `mutation($id: ID!, $rev: Int!, $days: Int!) { updateStrategy(id: $id, revision: $rev, input: {reportingCadenceDays: $days}) {
		strategy { reportingCadenceDays } } }`
	p.Fails(t, w.SecurityAgent, update, map[string]any{"id": st.ID, "rev": st.Revision, "days": 30}, palabre.EFORBIDDEN)
	p.Fails(t, w.Secretariat, update, map[string]any{"id": st.ID, "rev": st.Revision, "days": 0}, palabre.EINVALID)
	var out struct {
		UpdateStrategy struct {
			Strategy struct{ ReportingCadenceDays int }
		}
	}
	p.OK(t, w.Secretariat, update, map[string]any{"id": st.ID, "rev": st.Revision, "days": 30}, &out)
	if out.UpdateStrategy.Strategy.ReportingCadenceDays != 30 {
		t.Errorf("cadence %d", out.UpdateStrategy.Strategy.ReportingCadenceDays)
	}
}

// TestAPageOfItemsReadsItsReportsAndCadenceOnce: the latest report and the
// staleness of the items of a page cost the same statements for two items as
// for twelve, and each item still shows its own latest report.
func TestAPageOfItemsReadsItsReportsAndCadenceOnce(t *testing.T) {
	t.Parallel()
	var n atomic.Int64
	fake := clock.NewFake(apitest.Today)
	p := apitest.NewWithConfig(t, []func(*server.Config){func(c *server.Config) { c.Clock = fake }},
		dbtest.WithDriver(func(d dialect.Driver) dialect.Driver { return counter{d, &n} }))
	w := p.World
	ctx := systemContext()
	latest := map[pulid.ID]pulid.ID{} // item → its latest report, none for every third item
	for i := 2; i <= 12; i++ {
		item, err := p.Client.ActionItem.Create().SetObjective(w.AdoptedCooperation).SetCode(fmt.Sprintf("A1.%d", i)).
			SetTitle("Action").SetLeadAgency(w.Security).SetStatus(actionitem.StatusInProgress).
			SetStartDate(day("2026-01-01")).Save(ctx)
		if err != nil {
			t.Fatal(err)
		}
		latest[item.ID] = ""
		if i%3 == 0 {
			continue
		}
		var out filed
		for _, asOf := range []string{"2026-07-01T00:00:00Z", fmt.Sprintf("2026-10-%02dT00:00:00Z", i), "2026-09-01T00:00:00Z"} {
			p.OK(t, w.SecurityAgent, fileReportMutation, report(item.ID, asOf, i, "IN_PROGRESS"), &out)
			if strings.HasPrefix(asOf, "2026-10") {
				latest[item.ID] = out.FileProgressReport.ProgressReport.ID
			}
		}
	}
	const page = `query($id: ID!, $n: Int!) { node(id: $id) { ... on Objective { actionItems(first: $n) { edges { node {
		id stale latestReport { id } } } } } } }`
	var out struct {
		Node struct {
			ActionItems struct {
				Edges []struct {
					Node struct {
						ID           pulid.ID
						Stale        bool
						LatestReport *struct{ ID pulid.ID }
					}
				}
			}
		}
	}
	count := func(size int) int64 {
		n.Store(0)
		p.OK(t, w.Reviewer, page, map[string]any{"id": w.AdoptedCooperation.ID, "n": size}, &out)
		return n.Load()
	}
	count(2) // warm up: authentication may record the token's last use
	two, all := count(2), count(20)
	if two != all {
		t.Errorf("a page of two items sent %d statements, a page of twelve %d", two, all)
	}
	if got := len(out.Node.ActionItems.Edges); got != 12 {
		t.Fatalf("%d items on the page, want 12", got)
	}
	for _, e := range out.Node.ActionItems.Edges {
		want, ours := latest[e.Node.ID]
		if !ours {
			continue // the world's own item
		}
		switch {
		case want == "" && e.Node.LatestReport != nil:
			t.Errorf("%s has no report, shows %s", e.Node.ID, e.Node.LatestReport.ID)
		case want != "" && (e.Node.LatestReport == nil || e.Node.LatestReport.ID != want):
			t.Errorf("%s: latest report %+v, want %s", e.Node.ID, e.Node.LatestReport, want)
		}
		// Reported in October, with a cadence of 90 days: stale on Today only if never reported.
		if e.Node.Stale != (want == "") {
			t.Errorf("%s: stale %v with latest report %q", e.Node.ID, e.Node.Stale, want)
		}
	}
}
