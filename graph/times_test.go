package graph_test

import (
	"encoding/json"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/palabre/palabre/ent/schema/pulid"
	"github.com/palabre/palabre/ent/strategy"
	"github.com/palabre/palabre/graph/generated"
)

// Item 1 of issue 7: a time sent with a UTC offset poisoned its row on SQLite
// (stored as « … +0200 +0200 », unreadable ever after). Every time is now kept
// in UTC on both stores, whatever offset it came with.

// offsets are the zones every time field is tried in: UTC and the extremes.
var offsets = map[string]*time.Location{
	"Z":      time.UTC,
	"+02:00": time.FixedZone("", 2*3600),
	"+14:00": time.FixedZone("", 14*3600),
	"-12:00": time.FixedZone("", -12*3600),
}

// timeInput is one time field of a mutation's arguments, as
// « InputType.field » or « mutation.argument ».
type timeInput struct {
	name string
	// send stores a record with the time given (in some zone) in the field
	// and returns the query and variables that read the field back, as
	// data.node.<field>.
	send func(f *lifecycleFixture, at time.Time) (read string, vars map[string]any)
}

// timeInputs covers every time the API accepts in a mutation;
// TestEveryTimeInputIsCovered keeps the list complete.
func timeInputs() []timeInput {
	const (
		nodeItem      = `query($id: ID!) { node(id: $id) { ... on ActionItem { startDate dueDate } } }`
		nodeIndicator = `query($id: ID!) { node(id: $id) { ... on Indicator { targetDate } } }`
		nodeAgreement = `query($id: ID!) { node(id: $id) { ... on Agreement { signedOn entryIntoForceOn endsOn } } }`
	)
	ts := func(at time.Time) string { return at.Format(time.RFC3339) }
	createItem := func(f *lifecycleFixture, at time.Time) pulid.ID {
		var out struct {
			CreateActionItem struct{ ActionItem struct{ ID pulid.ID } }
		}
		f.OK(f.t, f.World.Secretariat, `mutation($in: CreateActionItemInput!) { createActionItem(input: $in) { actionItem { id } } }`,
			map[string]any{"in": map[string]any{"objectiveID": f.World.DraftLegal.ID, "code": "A1.7", "title": "Adopter le décret",
				"leadAgencyID": f.World.Justice.ID, "startDate": ts(at), "dueDate": ts(at)}}, &out)
		return out.CreateActionItem.ActionItem.ID
	}
	createIndicator := func(f *lifecycleFixture, at *time.Time) pulid.ID {
		in := map[string]any{"objectiveID": f.World.DraftLegal.ID, "name": "Textes adoptés"}
		if at != nil {
			in["targetDate"] = ts(*at)
		}
		var out struct {
			CreateIndicator struct{ Indicator struct{ ID pulid.ID } }
		}
		f.OK(f.t, f.World.Secretariat, `mutation($in: CreateIndicatorInput!) { createIndicator(input: $in) { indicator { id } } }`,
			map[string]any{"in": in}, &out)
		return out.CreateIndicator.Indicator.ID
	}
	planRound := func(f *lifecycleFixture, opens, closes time.Time) pulid.ID {
		var out struct {
			PlanConsultation struct{ Consultation struct{ ID pulid.ID } }
		}
		f.OK(f.t, f.World.Secretariat, planRoundMutation, map[string]any{"in": map[string]any{
			"title": "Consultation écrite", "kind": "WRITTEN", "opensAt": ts(opens), "closesAt": ts(closes),
			"versionID": f.version(f.World.Draft.ID).ID, "invitedAgencyIDs": []any{f.World.Justice.ID}}}, &out)
		return out.PlanConsultation.Consultation.ID
	}
	later := func(at time.Time, d time.Duration) time.Time {
		// The same wall clock, so many days on, in the same zone and in the future.
		return time.Now().In(at.Location()).Truncate(time.Second).Add(d)
	}
	const nodeRound = `query($id: ID!) { node(id: $id) { ... on Consultation { opensAt closesAt } } }`
	return []timeInput{
		{"CreateActionItemInput.startDate", func(f *lifecycleFixture, at time.Time) (string, map[string]any) {
			return nodeItem, map[string]any{"id": createItem(f, at)}
		}},
		{"CreateActionItemInput.dueDate", nil}, // sent with startDate above
		{"UpdateActionItemInput.startDate", func(f *lifecycleFixture, at time.Time) (string, map[string]any) {
			item := f.Item(f.t, f.World.Critical.ID)
			f.OK(f.t, f.World.Secretariat, `mutation($id: ID!, $rev: Int!, $in: UpdateActionItemInput!) { updateActionItem(id: $id, revision: $rev, input: $in) { actionItem { id } } }`,
				map[string]any{"id": item.ID, "rev": item.Revision, "in": map[string]any{"startDate": ts(at), "dueDate": ts(at)}}, nil)
			return nodeItem, map[string]any{"id": item.ID}
		}},
		{"UpdateActionItemInput.dueDate", nil}, // sent with startDate above
		{"CreateIndicatorInput.targetDate", func(f *lifecycleFixture, at time.Time) (string, map[string]any) {
			return nodeIndicator, map[string]any{"id": createIndicator(f, &at)}
		}},
		{"UpdateIndicatorInput.targetDate", func(f *lifecycleFixture, at time.Time) (string, map[string]any) {
			id := createIndicator(f, nil)
			f.OK(f.t, f.World.Secretariat, `mutation($id: ID!, $in: UpdateIndicatorInput!) { updateIndicator(id: $id, revision: 1, input: $in) { indicator { id } } }`,
				map[string]any{"id": id, "in": map[string]any{"targetDate": ts(at)}}, nil)
			return nodeIndicator, map[string]any{"id": id}
		}},
		{"CreateMeasurementInput.measuredAt", func(f *lifecycleFixture, at time.Time) (string, map[string]any) {
			var out struct {
				CreateMeasurement struct{ Measurement struct{ ID pulid.ID } }
			}
			f.OK(f.t, f.World.Secretariat, `mutation($in: CreateMeasurementInput!) { createMeasurement(input: $in) { measurement { id } } }`,
				map[string]any{"in": map[string]any{"indicatorID": createIndicator(f, nil), "value": 3, "measuredAt": ts(at)}}, &out)
			return `query($id: ID!) { node(id: $id) { ... on Measurement { measuredAt } } }`, map[string]any{"id": out.CreateMeasurement.Measurement.ID}
		}},
		{"CreateConsultationInput.opensAt", func(f *lifecycleFixture, at time.Time) (string, map[string]any) {
			return nodeRound, map[string]any{"id": planRound(f, later(at, 24*time.Hour), later(at, 48*time.Hour))}
		}},
		{"CreateConsultationInput.closesAt", nil}, // sent with opensAt above
		{"extendConsultation.closesAt", func(f *lifecycleFixture, at time.Time) (string, map[string]any) {
			id := planRound(f, later(at, 24*time.Hour), later(at, 48*time.Hour))
			f.OK(f.t, f.World.Secretariat, `mutation($id: ID!, $at: Time!) { extendConsultation(id: $id, revision: 1, closesAt: $at) { consultation { id } } }`,
				map[string]any{"id": id, "at": ts(later(at, 72*time.Hour))}, nil)
			return nodeRound, map[string]any{"id": id}
		}},
		{"SettleDecisionInput.decidedOn", func(f *lifecycleFixture, at time.Time) (string, map[string]any) {
			id := f.putToConsensus(f.World.Draft.ID, "Présidence", "Primature")
			in := f.settlement(id, nil)
			in["in"].(map[string]any)["decidedOn"] = ts(at)
			f.settle2(in)
			return `query($id: ID!) { node(id: $id) { ... on Decision { decidedOn } } }`, map[string]any{"id": id}
		}},
		{"AdoptionInput.actDate", func(f *lifecycleFixture, at time.Time) (string, map[string]any) {
			w := f.World
			f.plannedRound(w.Draft.ID)
			f.walk(w.Draft.ID, strategy.StatusConsultation, strategy.StatusConsolidation, strategy.StatusValidation, strategy.StatusSubmitted)
			adoption := f.adoption(f.version(w.Draft.ID))
			adoption["actDate"] = ts(at)
			f.moveOK(w.Draft.ID, strategy.StatusAdopted, map[string]any{"adoption": adoption})
			return `query($id: ID!) { node(id: $id) { ... on Strategy { adoptedOn } } }`, map[string]any{"id": w.Draft.ID}
		}},
		{"FileProgressReportInput.asOf", func(f *lifecycleFixture, at time.Time) (string, map[string]any) {
			var out filed // a year earlier: a report describes the past
			f.OK(f.t, f.World.SecurityAgent, fileReportMutation, report(f.World.Budapest.ID, ts(at.AddDate(-1, 0, 0)), 100, "COMPLETED"), &out)
			return `query($id: ID!) { node(id: $id) { ... on ProgressReport { asOf } } }`, map[string]any{"id": out.FileProgressReport.ProgressReport.ID}
		}},
		{"CreateAgreementInput.signedOn", func(f *lifecycleFixture, at time.Time) (string, map[string]any) {
			var out struct {
				CreateAgreement struct{ Agreement struct{ ID pulid.ID } }
			}
			f.OK(f.t, f.World.Secretariat, createAgreement, map[string]any{"in": map[string]any{"kind": "PROTOCOL", "title": "Protocole",
				"signedOn": ts(at), "entryIntoForceOn": ts(at), "endsOn": ts(at)}}, &out)
			return nodeAgreement, map[string]any{"id": out.CreateAgreement.Agreement.ID}
		}},
		{"CreateAgreementInput.entryIntoForceOn", nil}, // sent with signedOn above
		{"CreateAgreementInput.endsOn", nil},           // sent with signedOn above
		{"UpdateAgreementInput.signedOn", func(f *lifecycleFixture, at time.Time) (string, map[string]any) {
			var out struct {
				CreateAgreement struct{ Agreement struct{ ID pulid.ID } }
			}
			f.OK(f.t, f.World.Secretariat, createAgreement, map[string]any{"in": map[string]any{"kind": "PROTOCOL", "title": "Protocole"}}, &out)
			id := out.CreateAgreement.Agreement.ID
			f.OK(f.t, f.World.Secretariat, `mutation($id: ID!, $in: UpdateAgreementInput!) { updateAgreement(id: $id, revision: 1, input: $in) { agreement { id } } }`,
				map[string]any{"id": id, "in": map[string]any{"signedOn": ts(at), "entryIntoForceOn": ts(at), "endsOn": ts(at)}}, nil)
			return nodeAgreement, map[string]any{"id": id}
		}},
		{"UpdateAgreementInput.entryIntoForceOn", nil}, // sent with signedOn above
		{"UpdateAgreementInput.endsOn", nil},           // sent with signedOn above
		{"CreateCommitmentInput.dueDate", func(f *lifecycleFixture, at time.Time) (string, map[string]any) {
			var a struct {
				CreateAgreement struct{ Agreement struct{ ID pulid.ID } }
			}
			f.OK(f.t, f.World.Secretariat, createAgreement, map[string]any{"in": map[string]any{"kind": "PROTOCOL", "title": "Protocole"}}, &a)
			var out struct {
				CreateCommitment struct{ Commitment struct{ ID pulid.ID } }
			}
			f.OK(f.t, f.World.Secretariat, createDuty, map[string]any{"in": map[string]any{"agreementID": a.CreateAgreement.Agreement.ID,
				"code": "E1", "title": "Former", "dueDate": ts(at)}}, &out)
			id := out.CreateCommitment.Commitment.ID
			f.OK(f.t, f.World.Secretariat, `mutation($id: ID!, $in: UpdateCommitmentInput!) { updateCommitment(id: $id, revision: 1, input: $in) { commitment { id } } }`,
				map[string]any{"id": id, "in": map[string]any{"dueDate": ts(at)}}, nil)
			return `query($id: ID!) { node(id: $id) { ... on Commitment { dueDate } } }`, map[string]any{"id": id}
		}},
		{"UpdateCommitmentInput.dueDate", nil}, // sent with CreateCommitmentInput.dueDate above
		{"CreateMeetingInput.scheduledAt", func(f *lifecycleFixture, at time.Time) (string, map[string]any) {
			var c struct {
				CreateCommittee struct{ Committee struct{ ID pulid.ID } }
			}
			f.OK(f.t, f.World.Secretariat, createCommittee, map[string]any{"in": map[string]any{"name": "Comité de pilotage",
				"kind": "INTERMINISTERIAL_STEERING_COMMITTEE", "strategyID": f.World.Draft.ID}}, &c)
			var out struct {
				CreateMeeting struct{ Meeting struct{ ID pulid.ID } }
			}
			f.OK(f.t, f.World.Secretariat, createMeeting, map[string]any{"in": map[string]any{"committeeID": c.CreateCommittee.Committee.ID, "scheduledAt": ts(at)}}, &out)
			id := out.CreateMeeting.Meeting.ID
			f.OK(f.t, f.World.Secretariat, updateMeeting, map[string]any{"id": id, "rev": 1, "in": map[string]any{"scheduledAt": ts(at)}}, nil)
			return `query($id: ID!) { node(id: $id) { ... on Meeting { scheduledAt } } }`, map[string]any{"id": id}
		}},
		{"UpdateMeetingInput.scheduledAt", nil}, // sent with CreateMeetingInput.scheduledAt above
		{"CreateAPITokenInput.expiresAt", func(f *lifecycleFixture, at time.Time) (string, map[string]any) {
			var out struct {
				CreateAPIToken struct{ APIToken struct{ ID pulid.ID } }
			}
			f.OK(f.t, f.World.Admin, `mutation($in: CreateAPITokenInput!) { createAPIToken(input: $in) { apiToken { id } } }`,
				map[string]any{"in": map[string]any{"accountID": f.Account(f.t, "reviewer@palabre.test").ID, "expiresAt": ts(later(at, 30*24*time.Hour))}}, &out)
			return `query($id: ID!) { node(id: $id) { ... on APIToken { expiresAt } } }`, map[string]any{"id": out.CreateAPIToken.APIToken.ID}
		}},
	}
}

// settle2 settles a decision with the settlement given.
func (f *lifecycleFixture) settle2(in map[string]any) {
	f.t.Helper()
	f.OK(f.t, f.World.Secretariat, settleDecision, in, nil)
}

func TestEveryTimeIsKeptInUTCWhateverItsOffset(t *testing.T) {
	t.Parallel()
	for zone, loc := range offsets {
		t.Run(zone, func(t *testing.T) {
			t.Parallel()
			for _, c := range timeInputs() {
				if c.send == nil {
					continue
				}
				t.Run(c.name, func(t *testing.T) {
					f := newLifecycleFixture(t)
					at := time.Date(2027, 3, 1, 10, 30, 0, 0, loc)
					read, vars := c.send(f, at)
					res := f.Do(t, f.World.Reviewer, read, vars)
					if len(res.Errors) > 0 {
						t.Fatalf("reading back: %+v", res.Errors)
					}
					var data struct{ Node map[string]*string }
					if err := json.Unmarshal(res.Data, &data); err != nil || data.Node == nil {
						t.Fatalf("reading back: %s (%v)", res.Data, err)
					}
					for field, v := range data.Node {
						if v == nil {
							continue
						}
						if !strings.HasSuffix(*v, "Z") {
							t.Errorf("%s read back as %q: want UTC", field, *v)
						}
						if _, err := time.Parse(time.RFC3339, *v); err != nil {
							t.Errorf("%s read back as %q: %v", field, *v, err)
						}
					}
					// Every list that holds the row still reads.
					f.OK(t, f.World.Reviewer, `{ actionItems(first: 100) { edges { node { startDate dueDate } } }
						indicators(first: 100) { edges { node { targetDate measurements { edges { node { measuredAt } } } } } }
						consultations(first: 100) { edges { node { opensAt closesAt } } }
						strategies(first: 100) { edges { node { adoptedOn decisions { decidedOn } } } }
						committees(first: 100) { edges { node { meetings { edges { node { scheduledAt } } } } } } }`, nil, nil)
				})
			}
		})
	}
}

// TestATimeKeepsItsInstant: what is answered, and read back later, is the
// instant that was sent, in UTC.
func TestATimeKeepsItsInstant(t *testing.T) {
	t.Parallel()
	f := newLifecycleFixture(t)
	sent := map[string]bool{}
	for zone, loc := range offsets {
		at := time.Date(2027, 3, 1, 10, 30, 0, 0, loc)
		sent[at.UTC().Format(time.RFC3339)] = true
		var out struct {
			CreateIndicator struct{ Indicator struct{ TargetDate string } }
		}
		f.OK(t, f.World.Secretariat, `mutation($in: CreateIndicatorInput!) { createIndicator(input: $in) { indicator { targetDate } } }`,
			map[string]any{"in": map[string]any{"objectiveID": f.World.DraftLegal.ID, "name": "Textes " + zone, "targetDate": at.Format(time.RFC3339)}}, &out)
		if got := out.CreateIndicator.Indicator.TargetDate; got != at.UTC().Format(time.RFC3339) {
			t.Errorf("%s: sent %s, answered %s", zone, at.Format(time.RFC3339), got)
		}
	}
	var read struct {
		Indicators struct {
			Edges []struct{ Node struct{ TargetDate string } }
		}
	}
	f.OK(t, f.World.Reviewer, `{ indicators { edges { node { targetDate } } } }`, nil, &read)
	for _, e := range read.Indicators.Edges {
		if !sent[e.Node.TargetDate] {
			t.Errorf("read back %s, which was not sent (sent %v)", e.Node.TargetDate, sent)
		}
		delete(sent, e.Node.TargetDate)
	}
	if len(sent) > 0 {
		t.Errorf("not read back: %v", sent)
	}
}

// TestTimeFiltersCompareInstants: overdueOn and where-input time filters
// compare instants, whatever offset the argument has. Incidents is due
// 2026-06-30T00:00:00Z.
func TestTimeFiltersCompareInstants(t *testing.T) {
	t.Parallel()
	f := newLifecycleFixture(t)
	w := f.World
	// Store the due date of Critical with an offset too: 2027-01-01T01:00+02:00 is 2026-12-31T23:00Z.
	item := f.Item(t, w.Critical.ID)
	f.OK(t, w.Secretariat, `mutation($id: ID!, $rev: Int!) { updateActionItem(id: $id, revision: $rev, input: {dueDate: "2027-01-01T01:00:00+02:00"}) { actionItem { id } } }`,
		map[string]any{"id": item.ID, "rev": item.Revision}, nil)
	for _, c := range []struct {
		name, query string
		arg         string
		want        []string
	}{
		// 2026-06-30T01:00+02:00 is 2026-06-29T23:00Z: before Incidents' due date.
		{"overdueOn just before", `query($at: Time) { actionItems(overdueOn: $at) { edges { node { code } } } }`, "2026-06-30T01:00:00+02:00", nil},
		// 2026-06-29T23:00-02:00 is 2026-06-30T01:00Z: after it.
		{"overdueOn just after", `query($at: Time) { actionItems(overdueOn: $at) { edges { node { code } } } }`, "2026-06-29T23:00:00-02:00", []string{"A2.1"}},
		{"dueDateLT before Critical", `query($at: Time) { actionItems(where: {dueDateLT: $at, dueDateGT: "2026-12-01T00:00:00Z"}) { edges { node { code } } } }`, "2027-01-01T00:30:00+02:00", nil},
		{"dueDateLT after Critical", `query($at: Time) { actionItems(where: {dueDateLT: $at, dueDateGT: "2026-12-01T00:00:00Z"}) { edges { node { code } } } }`, "2026-12-31T22:30:00-01:00", []string{"A2.2"}},
		{"dueDate equal with another offset", `query($at: Time) { actionItems(where: {dueDate: $at}) { edges { node { code } } } }`, "2026-12-31T11:00:00-12:00", []string{"A2.2"}},
	} {
		var out struct {
			ActionItems struct {
				Edges []struct{ Node struct{ Code string } }
			}
		}
		f.OK(t, w.Reviewer, c.query, map[string]any{"at": c.arg}, &out)
		var got []string
		for _, e := range out.ActionItems.Edges {
			got = append(got, e.Node.Code)
		}
		sort.Strings(got)
		if !slices.Equal(got, c.want) {
			t.Errorf("%s (%s): got %v, want %v", c.name, c.arg, got, c.want)
		}
	}
}

// TestEveryTimeInputIsCovered walks the schema: every Time argument of a
// mutation and every Time field of an input a mutation takes must be in
// timeInputs, so a new one cannot be left untested.
func TestEveryTimeInputIsCovered(t *testing.T) {
	t.Parallel()
	covered := map[string]bool{}
	for _, c := range timeInputs() {
		covered[c.name] = true
	}
	schema := generated.NewExecutableSchema(generated.Config{}).Schema()
	var missing []string
	seen := map[string]bool{}
	var walk func(owner string, typ *ast.Type)
	walk = func(name string, typ *ast.Type) {
		named := typ.Name()
		if named == "Time" && !covered[name] {
			missing = append(missing, name)
		}
		def := schema.Types[named]
		if def == nil || def.Kind != ast.InputObject || seen[named] || strings.HasSuffix(named, "WhereInput") {
			return
		}
		seen[named] = true
		for _, field := range def.Fields {
			walk(named+"."+field.Name, field.Type)
		}
	}
	for _, m := range schema.Mutation.Fields {
		for _, arg := range m.Arguments {
			walk(m.Name+"."+arg.Name, arg.Type)
		}
	}
	if len(missing) > 0 {
		t.Errorf("time inputs with no test in timeInputs: %s", strings.Join(missing, ", "))
	}
}
