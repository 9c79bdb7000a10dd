package demo_test

import (
	"context"
	"strings"
	"testing"
	"time"

	roundpkg "github.com/palabre/palabre/consultation"
	"github.com/palabre/palabre/ent/consultation"
	"github.com/palabre/palabre/ent/observation"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/access"
	"github.com/palabre/palabre/auth"
	"github.com/palabre/palabre/coordination"
	"github.com/palabre/palabre/database/dbtest"
	"github.com/palabre/palabre/demo"
	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/account"
	"github.com/palabre/palabre/ent/actionitem"
	"github.com/palabre/palabre/ent/agency"
	"github.com/palabre/palabre/ent/agreement"
	"github.com/palabre/palabre/ent/apitoken"
	"github.com/palabre/palabre/ent/committee"
	"github.com/palabre/palabre/ent/meeting"
	"github.com/palabre/palabre/ent/objective"
	"github.com/palabre/palabre/ent/progressreport"
	"github.com/palabre/palabre/ent/strategy"
	"github.com/palabre/palabre/plan"
)

// system reads as the system, past every privacy rule.
func system() context.Context {
	return access.SystemContext(context.Background())
}

// must(v, err)(t) returns v, or fails the test with err. (Go passes a
// two-valued call only as the sole arguments of a call, hence the two steps.)
func must[T any](v T, err error) func(testing.TB) T {
	return func(t testing.TB) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

// seed loads the demo data into a fresh database. It passes a context without
// a viewer or privacy decision: Seed must act as the system by itself.
func seed(t *testing.T) (*ent.Client, *demo.Result) {
	t.Helper()
	client := dbtest.Open(t)
	res, err := demo.Seed(context.Background(), client)
	if err != nil {
		t.Fatalf("Seed: %v", err)
	}
	return client, res
}

func TestSeedStrategies(t *testing.T) {
	client, res := seed(t)
	ctx := system()

	main := must(client.Strategy.Query().Where(strategy.ID(res.StrategyID)).
		WithOwnerAgency().WithImplementingAgency().Only(ctx))(t)
	if main.Title != "Stratégie nationale de cybersécurité 2022-2026" || main.Country != demo.Country {
		t.Errorf("main strategy: %q in %s", main.Title, main.Country)
	}
	if main.Status != strategy.StatusValidation && main.Status != strategy.StatusConsolidation {
		t.Errorf("main strategy status = %s, want CONSOLIDATION or VALIDATION", main.Status)
	}
	if main.StartYear != 2022 || main.EndYear != 2026 {
		t.Errorf("main strategy period = %d-%d", main.StartYear, main.EndYear)
	}
	if o := main.Edges.OwnerAgency; o == nil || o.Acronym != "MENP" || o.Kind != agency.KindMinistry {
		t.Errorf("owner agency = %+v, want the digital-economy ministry", o)
	}
	if main.Edges.ImplementingAgency != nil {
		t.Errorf("implementing agency = %s, want none (contested)", main.Edges.ImplementingAgency.Acronym)
	}

	prev := must(client.Strategy.Get(ctx, res.PreviousStrategyID))(t)
	if prev.Status != strategy.StatusAdopted || prev.EndYear >= main.StartYear {
		t.Errorf("previous strategy: %s %d-%d", prev.Status, prev.StartYear, prev.EndYear)
	}
	if n := must(prev.QueryObjectives().Count(ctx))(t); n != 2 {
		t.Errorf("previous strategy has %d objectives, want 2", n)
	}
	if n := must(client.ActionItem.Query().Where(actionitem.HasStrategyWith(strategy.ID(prev.ID))).Count(ctx))(t); n != 4 || len(res.PreviousActionItems) != 4 {
		t.Errorf("previous strategy has %d action items (%d in Result), want 4", n, len(res.PreviousActionItems))
	}

	// The public reads the adopted strategy, and only it.
	public := must(client.Strategy.Query().All(context.Background()))(t)
	if len(public) != 1 || public[0].ID != prev.ID {
		t.Errorf("the public reads %d strategies, want the adopted one only", len(public))
	}
}

func TestSeedObjectives(t *testing.T) {
	client, res := seed(t)
	ctx := system()

	objs := must(client.Objective.Query().
		Where(objective.HasStrategyWith(strategy.ID(res.StrategyID))).
		Order(ent.Asc(objective.FieldPosition)).All(ctx))(t)
	if len(objs) < 5 || len(objs) != len(res.Objectives) {
		t.Fatalf("%d objectives (%d in Result), want at least 5", len(objs), len(res.Objectives))
	}
	pillars := map[objective.Pillar]bool{}
	for i, o := range objs {
		pillars[o.Pillar] = true
		if o.Position != i {
			t.Errorf("objective %s at position %d, want %d", o.Code, o.Position, i)
		}
		if res.Objectives[o.Code] != o.ID {
			t.Errorf("Result.Objectives[%s] = %s, want %s", o.Code, res.Objectives[o.Code], o.ID)
		}
		if !strings.HasPrefix(o.Code, "OS") || o.Description == "" {
			t.Errorf("objective %s: code or description missing", o.Code)
		}
	}
	for _, p := range []objective.Pillar{
		objective.PillarLegal, objective.PillarTechnical, objective.PillarOrganisational,
		objective.PillarCapacityDevelopment, objective.PillarCooperation,
	} {
		if !pillars[p] {
			t.Errorf("no objective covers the pillar %s", p)
		}
	}
}

func TestSeedActionItems(t *testing.T) {
	client, res := seed(t)
	ctx := system()
	now := time.Now()

	items := must(client.ActionItem.Query().
		Where(actionitem.HasStrategyWith(strategy.ID(res.StrategyID))).
		WithLeadAgency().WithSupportingAgencies().WithFundingPartners().WithDependsOn().WithObjective().
		All(ctx))(t)
	if len(items) < 22 || len(items) != len(res.ActionItems) {
		t.Fatalf("%d action items (%d in Result), want at least 22", len(items), len(res.ActionItems))
	}
	statuses := map[actionitem.Status]int{}
	var budgeted, funded, dependent, overdue int
	for _, it := range items {
		statuses[it.Status]++
		if it.Edges.LeadAgency == nil {
			t.Errorf("%s has no lead agency", it.Code)
		}
		if n := len(it.Edges.SupportingAgencies); n < 1 || n > 3 {
			t.Errorf("%s has %d supporting agencies, want 1 to 3", it.Code, n)
		}
		if it.Title == "" || it.Description == "" {
			t.Errorf("%s: title or description missing", it.Code)
		}
		wantPrefix := "A" + strings.TrimPrefix(it.Edges.Objective.Code, "OS") + "."
		if !strings.HasPrefix(it.Code, wantPrefix) {
			t.Errorf("%s is under %s, want a code starting with %s", it.Code, it.Edges.Objective.Code, wantPrefix)
		}
		switch it.Status {
		case actionitem.StatusNotStarted:
			if it.Progress != 0 {
				t.Errorf("%s is not started at %d%%", it.Code, it.Progress)
			}
		case actionitem.StatusCompleted:
			if it.Progress != 100 {
				t.Errorf("%s is completed at %d%%", it.Code, it.Progress)
			}
		default:
			if it.Progress >= 100 {
				t.Errorf("%s is %s at %d%%", it.Code, it.Status, it.Progress)
			}
		}
		if it.StartDate == nil || it.DueDate == nil {
			t.Errorf("%s has no start or due date", it.Code)
		} else {
			if it.StartDate.Year() < 2022 || it.DueDate.Year() > 2026 || it.DueDate.Before(*it.StartDate) {
				t.Errorf("%s runs from %s to %s", it.Code, it.StartDate.Format(time.DateOnly), it.DueDate.Format(time.DateOnly))
			}
			if it.DueDate.Before(now) && it.Status != actionitem.StatusCompleted && it.Status != actionitem.StatusCancelled {
				overdue++
			}
		}
		if it.EstimatedBudget != nil {
			budgeted++
			if it.BudgetCurrency == nil || *it.BudgetCurrency != "XOF" {
				t.Errorf("%s has a budget in %v, want XOF", it.Code, it.BudgetCurrency)
			}
		}
		if len(it.Edges.FundingPartners) > 0 {
			funded++
		}
		if len(it.Edges.DependsOn) > 0 {
			dependent++
		}
		if res.ActionItems[it.Code] != it.ID {
			t.Errorf("Result.ActionItems[%s] = %s, want %s", it.Code, res.ActionItems[it.Code], it.ID)
		}
	}
	for _, s := range []actionitem.Status{
		actionitem.StatusNotStarted, actionitem.StatusInProgress, actionitem.StatusCompleted,
		actionitem.StatusDelayed, actionitem.StatusCancelled,
	} {
		if statuses[s] == 0 {
			t.Errorf("no action item is %s", s)
		}
	}
	if statuses[actionitem.StatusCancelled] != 1 {
		t.Errorf("%d items are cancelled, want 1", statuses[actionitem.StatusCancelled])
	}
	if overdue == 0 {
		t.Error("no action item is overdue")
	}
	if budgeted*2 <= len(items) {
		t.Errorf("%d of %d items have a budget, want most", budgeted, len(items))
	}
	if funded < 3 {
		t.Errorf("%d items have funding partners, want a few", funded)
	}
	if dependent < 3 {
		t.Errorf("%d items depend on others, want a few", dependent)
	}

	// The same overdue count, asked the way an API filter would ask it.
	n := must(client.ActionItem.Query().Where(
		actionitem.HasStrategyWith(strategy.ID(res.StrategyID)),
		actionitem.DueDateLT(now),
		actionitem.StatusNotIn(actionitem.StatusCompleted, actionitem.StatusCancelled),
	).Count(ctx))(t)
	if n != overdue {
		t.Errorf("the overdue query finds %d items, want %d", n, overdue)
	}
}

func TestSeedIndicators(t *testing.T) {
	client, res := seed(t)
	ctx := system()

	onObjectives := must(client.Objective.Query().
		Where(objective.HasStrategyWith(strategy.ID(res.StrategyID))).
		QueryIndicators().WithMeasurements().All(ctx))(t)
	onItems := must(client.ActionItem.Query().
		Where(actionitem.HasStrategyWith(strategy.ID(res.StrategyID))).
		QueryIndicators().WithMeasurements().All(ctx))(t)
	if len(onObjectives) < 2 || len(onItems) < 2 {
		t.Errorf("%d indicators on objectives and %d on items, want some of each", len(onObjectives), len(onItems))
	}
	for _, in := range append(onObjectives, onItems...) {
		if in.Baseline == nil || in.Target == nil || in.TargetDate == nil || in.Unit == "" {
			t.Errorf("indicator %q lacks a baseline, target, target date or unit", in.Name)
		}
		if n := len(in.Edges.Measurements); n < 2 || n > 3 {
			t.Errorf("indicator %q has %d measurements, want 2 or 3", in.Name, n)
		}
	}
}

func TestSeedAccents(t *testing.T) {
	client, res := seed(t)
	ctx := system()

	a := must(client.Agency.Get(ctx, res.Agencies["MENP"]))(t)
	if a.Name != "Ministère de l'Économie numérique et des Postes" {
		t.Errorf("agency name read back as %q", a.Name)
	}
	titles := must(client.ActionItem.Query().
		Where(actionitem.HasStrategyWith(strategy.ID(res.StrategyID))).
		Select(actionitem.FieldTitle).Strings(ctx))(t)
	all := strings.Join(titles, "\n")
	for _, r := range "éèêàçô" {
		if !strings.ContainsRune(all, r) {
			t.Errorf("no action item title contains %q", r)
		}
	}
	for _, want := range []string{
		"Réviser la loi relative à la protection des données à caractère personnel",
		"Rendre pleinement opérationnel le centre national de réponse aux incidents",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("no action item is titled %q", want)
		}
	}
	// The folded search text finds « sécurité » from « securite ».
	n := must(client.ActionItem.Query().Where(
		actionitem.HasStrategyWith(strategy.ID(res.StrategyID)),
		actionitem.SearchTextContains("securite"),
	).Count(ctx))(t)
	if n == 0 {
		t.Error("no action item's search text contains « securite »")
	}
}

func TestSeedAccounts(t *testing.T) {
	client, res := seed(t)
	ctx := system()

	roles := map[auth.Role]int{}
	agencies := map[string]bool{}
	for _, tok := range res.Tokens {
		roles[tok.Role]++
		if !strings.HasPrefix(tok.Token, auth.TokenPrefix) {
			t.Errorf("%s: token %q lacks the prefix", tok.Email, tok.Token)
		}
		if !strings.HasSuffix(tok.Email, ".gouv.example") {
			t.Errorf("e-mail %s is not under .gouv.example", tok.Email)
		}
		acc := must(client.Account.Query().Where(account.Email(tok.Email)).WithAgency().WithTokens().Only(ctx))(t)
		if acc.ID != tok.AccountID || acc.Role != tok.Role || acc.Name != tok.Name {
			t.Errorf("%s: stored %s %s %q, Result says %s %s %q", tok.Email, acc.ID, acc.Role, acc.Name, tok.AccountID, tok.Role, tok.Name)
		}
		gotAgency := ""
		if acc.Edges.Agency != nil {
			gotAgency = acc.Edges.Agency.Acronym
		}
		if gotAgency != tok.Agency {
			t.Errorf("%s: agency %q, Result says %q", tok.Email, gotAgency, tok.Agency)
		}
		if tok.Role == auth.RoleAgency {
			if tok.Agency == "" {
				t.Errorf("agency account %s has no agency", tok.Email)
			}
			agencies[tok.Agency] = true
		}
		if tok.Role == auth.RoleSecretariat && tok.Agency != "MENP" {
			t.Errorf("secretariat account %s is in %q, want MENP", tok.Email, tok.Agency)
		}
		if len(acc.Edges.Tokens) != 1 || acc.Edges.Tokens[0].Label != demo.TokenLabel {
			t.Errorf("%s has %d tokens, want one labelled %q", tok.Email, len(acc.Edges.Tokens), demo.TokenLabel)
		}
		// Only the hash is stored, and it authenticates the plaintext token.
		owner := must(client.APIToken.Query().Where(apitoken.Hash(auth.HashToken(tok.Token))).QueryAccount().OnlyID(ctx))(t)
		if owner != acc.ID {
			t.Errorf("%s: the token's hash belongs to %s", tok.Email, owner)
		}
		if n := must(client.APIToken.Query().Where(apitoken.Hash(tok.Token)).Count(ctx))(t); n != 0 {
			t.Errorf("%s: the plaintext token is stored", tok.Email)
		}
	}
	for _, r := range auth.Role("").Values() {
		if roles[auth.Role(r)] == 0 {
			t.Errorf("no demo account has the role %s", r)
		}
	}
	if len(agencies) < 2 {
		t.Errorf("agency accounts speak for %d agencies, want at least 2", len(agencies))
	}
	if n := must(client.Account.Query().Count(ctx))(t); n != len(res.Tokens) {
		t.Errorf("%d accounts stored, %d tokens returned", n, len(res.Tokens))
	}
}

// counts sums up what is stored, to show that a refused seed stored nothing.
func counts(t *testing.T, client *ent.Client) [6]int {
	t.Helper()
	ctx := system()
	return [6]int{
		must(client.Agency.Query().Count(ctx))(t),
		must(client.Account.Query().Count(ctx))(t),
		must(client.APIToken.Query().Count(ctx))(t),
		must(client.Strategy.Query().Count(ctx))(t),
		must(client.Objective.Query().Count(ctx))(t),
		must(client.ActionItem.Query().Count(ctx))(t),
	}
}

func TestSeedTwiceConflicts(t *testing.T) {
	client, _ := seed(t)
	before := counts(t, client)
	_, err := demo.Seed(context.Background(), client)
	if code := palabre.ErrorCode(err); code != palabre.ECONFLICT {
		t.Fatalf("seeding again: %v (code %s), want %s", err, code, palabre.ECONFLICT)
	}
	if !strings.Contains(palabre.ErrorMessage(err), "already loaded") {
		t.Errorf("message %q does not say the demo data is already loaded", palabre.ErrorMessage(err))
	}
	if after := counts(t, client); after != before {
		t.Errorf("seeding again changed the database: %v, then %v", before, after)
	}
}

func TestSeedCollisionStoresNothing(t *testing.T) {
	client := dbtest.Open(t)
	must(client.Agency.Create().SetName("Agence nationale de la sécurité des systèmes d'information").
		SetAcronym("ANSSI").SetKind(agency.KindNationalAgency).SetCountry("SN").Save(system()))(t)
	before := counts(t, client)
	_, err := demo.Seed(context.Background(), client)
	if code := palabre.ErrorCode(err); code != palabre.ECONFLICT {
		t.Fatalf("seeding over an existing ANSSI: %v (code %s), want %s", err, code, palabre.ECONFLICT)
	}
	if !strings.Contains(palabre.ErrorMessage(err), "ANSSI") {
		t.Errorf("message %q does not name the colliding agency", palabre.ErrorMessage(err))
	}
	if after := counts(t, client); after != before {
		t.Errorf("a refused seed changed the database: %v, then %v", before, after)
	}
}

func TestTheDemoRoundHoldsAnObservationInEveryState(t *testing.T) {
	client := dbtest.Open(t)
	res, err := demo.Seed(context.Background(), client)
	if err != nil {
		t.Fatal(err)
	}
	ctx := access.SystemContext(context.Background())
	got := map[observation.Status]int{}
	obs, err := client.Observation.Query().Where(observation.HasConsultationWith(consultation.ID(res.ConsultationID))).All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range obs {
		got[o.Status]++
		if o.Status != observation.StatusAccepted && roundpkg.Answered(o.Status) && o.Response == "" {
			t.Errorf("%s without a response", o.Status)
		}
	}
	for _, s := range []observation.Status{observation.StatusDraft, observation.StatusSubmitted, observation.StatusAccepted,
		observation.StatusPartiallyAccepted, observation.StatusRejected, observation.StatusOutOfScope, observation.StatusWithdrawn} {
		if got[s] == 0 {
			t.Errorf("no observation is %s (%v)", s, got)
		}
	}
}

// The demo's items have progress reports by their lead agency: on 2026-12-01,
// some are recent, some stale, and some items reported on are overdue. Each
// item reported on shows its latest report's progress and status.
func TestSeedProgressReports(t *testing.T) {
	client, res := seed(t)
	ctx := system()
	on := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	items := must(client.ActionItem.Query().
		Where(actionitem.HasStrategyWith(strategy.ID(res.StrategyID)), actionitem.HasProgressReports()).
		WithStrategy().WithLeadAgency().
		WithProgressReports(func(q *ent.ProgressReportQuery) {
			q.WithAgency().Order(progressreport.ByAsOf())
		}).All(ctx))(t)
	stale, fresh, overdue := map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, it := range items {
		reports := it.Edges.ProgressReports
		latest := reports[len(reports)-1]
		if it.Progress != latest.Progress || string(it.Status) != string(latest.Status) ||
			it.LastReportedAt == nil || !it.LastReportedAt.Equal(latest.AsOf) {
			t.Errorf("%s shows %d%% %s, its latest report %d%% %s", it.Code, it.Progress, it.Status, latest.Progress, latest.Status)
		}
		for _, r := range reports {
			if r.Edges.Agency.ID != it.Edges.LeadAgency.ID || r.Narrative == "" {
				t.Errorf("%s: a report by %s, or without a narrative", it.Code, r.Edges.Agency.Acronym)
			}
		}
		if plan.Stale(it.Status, it.LastReportedAt, it.StartDate, it.Edges.Strategy.ReportingCadenceDays, on) {
			stale[it.Code] = true
		} else {
			fresh[it.Code] = true
		}
		if plan.Overdue(it.DueDate, it.Status, on) {
			overdue[it.Code] = true
		}
	}
	if !stale["A2.2"] || !stale["A2.3"] || !fresh["A1.2"] || !fresh["A3.2"] || !overdue["A1.2"] || !overdue["A3.2"] {
		t.Errorf("on %s: stale %v, recent %v, overdue %v", on.Format(time.DateOnly), stale, fresh, overdue)
	}
}

func TestSeedAgreements(t *testing.T) {
	client, res := seed(t)
	ctx := system()
	mou := must(client.Agreement.Get(ctx, res.Agreements["MoU SN-CI/2025/03"]))(t)
	if mou.Status != "IN_FORCE" || mou.Confidential {
		t.Errorf("the MoU is %s (confidential %v)", mou.Status, mou.Confidential)
	}
	multi := must(client.Agreement.Get(ctx, res.Agreements["ACC/UIT-SN/2026/01"]))(t)
	kinds := map[agency.Kind]bool{}
	for _, p := range must(multi.QueryParties().QueryAgency().All(ctx))(t) {
		kinds[p.Kind] = true
	}
	if !kinds[agency.KindInternationalOrganisation] || !kinds[agency.KindCivilSociety] {
		t.Errorf("the multi-party agreement has parties of kinds %v", kinds)
	}
	pilots := must(client.ActionItem.Query().Where(actionitem.Pilot(true), actionitem.HasAgreement()).Count(ctx))(t)
	if pilots < 2 {
		t.Errorf("%d pilot items in agreements, want 2", pilots)
	}
	if !must(client.ActionItem.Query().Where(actionitem.ID(res.ActionItems["A3.1"]), actionitem.HasImplements()).Exist(ctx))(t) {
		t.Error("no item of the strategy implements the MoU")
	}
}

// The MoU's coordination committee: two meetings held with approved minutes
// (one corrected), decisions and follow-ups (some overdue), one postponed and
// one upcoming; its next meeting is overdue, and reports came in since.
func TestSeedCommittee(t *testing.T) {
	client, res := seed(t)
	ctx := system()
	cm := must(client.Committee.Query().Where(committee.HasAgreementWith(agreement.ID(res.Agreements["MoU SN-CI/2025/03"]))).Only(ctx))(t)
	held := must(cm.QueryMeetings().Where(meeting.StatusEQ(meeting.StatusHeld)).Count(ctx))(t)
	upcoming := must(cm.QueryMeetings().Where(meeting.StatusEQ(meeting.StatusScheduled)).Count(ctx))(t)
	if held != 2 || upcoming != 1 {
		t.Errorf("%d meetings held and %d upcoming, want 2 and 1", held, upcoming)
	}
	checked, broken, err := coordination.Verify(ctx, client)
	if err != nil || checked != 3 || len(broken) != 0 {
		t.Errorf("approved minutes: %d checked, %v, %v", checked, broken, err)
	}
	on := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	overdue := must(client.ActionItem.Query().Where(plan.FollowUpsOf(cm.ID), plan.OverdueOn(on)).Count(ctx))(t)
	if overdue != 2 {
		t.Errorf("%d overdue follow-ups, want 2", overdue)
	}
	last := must(coordination.LastHeld(ctx, client, cm.ID, on))(t)
	due := coordination.NextMeetingDue(&last.ScheduledAt, cm.CreatedAt, coordination.Cadence{Every: cm.MeetingEvery, Unit: cm.MeetingEveryUnit})
	if !coordination.NextMeetingOverdue(due, on) {
		t.Errorf("the next meeting, due %s, is not overdue on %s", due, on)
	}
	d := must(coordination.SinceLastMeeting(ctx, client, cm.ID, on))(t)
	if n := must(client.ProgressReport.Query().Where(d.Reports(true)).Count(ctx))(t); n != 2 {
		t.Errorf("%d status changes since the last meeting, want 2", n)
	}
}
