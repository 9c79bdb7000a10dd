package graph_test

import (
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/ent/schema/pulid"
	"github.com/palabre/palabre/ent/strategy"
	"github.com/palabre/palabre/graph/generated"
	"github.com/palabre/palabre/internal/apitest"
)

// TestErrorReasonNamesEveryReason: the schema's ErrorReason enum, which the
// frontend contract exports and the console says in French and English, names
// every reason of palabre.Reasons, with its description, and nothing else.
func TestErrorReasonNamesEveryReason(t *testing.T) {
	enum := generated.NewExecutableSchema(generated.Config{}).Schema().Types["ErrorReason"]
	if enum == nil {
		t.Fatal("the schema has no ErrorReason: run make generate")
	}
	var named, listed []string
	for _, v := range enum.EnumValues {
		named = append(named, v.Name)
		if v.Description != palabre.Reason(v.Name).Doc() {
			t.Errorf("%s is described %q in the schema, %q in reasons.go: run make generate", v.Name, v.Description, palabre.Reason(v.Name).Doc())
		}
	}
	for _, r := range palabre.Reasons {
		if slices.Contains(listed, string(r.Reason)) {
			t.Errorf("%s is listed twice", r.Reason)
		}
		listed = append(listed, string(r.Reason))
	}
	slices.Sort(named)
	slices.Sort(listed)
	if !slices.Equal(named, listed) {
		t.Errorf("ErrorReason names %v; reasons.go lists %v", named, listed)
	}
}

// refusal checks that a response is refused with the code and the reason, and
// returns the reason's params.
func refusal(t *testing.T, res *apitest.Response, code string, reason palabre.Reason) map[string]string {
	t.Helper()
	if len(res.Errors) == 0 {
		t.Fatalf("want %s (%s), got data %s", code, reason, res.Data)
	}
	e := res.Errors[0]
	if e.Extensions.Code != code || e.Extensions.Reason != string(reason) {
		t.Fatalf("want %s (%s), got %s (%q): %s", code, reason, e.Extensions.Code, e.Extensions.Reason, e.Message)
	}
	if e.Message == "" {
		t.Errorf("a refusal with a reason keeps its message for other callers")
	}
	return e.Extensions.Params
}

func TestARefusalCarriesItsReasonAndParams(t *testing.T) {
	t.Parallel()
	f := newLifecycleFixture(t)
	w := f.World

	t.Run("an illegal move names the allowed moves", func(t *testing.T) {
		p := refusal(t, f.in(t).move(w.Secretariat, w.Draft.ID, strategy.StatusAdopted, nil), palabre.EINVALID, palabre.ReasonIllegalMove)
		if p["from"] != "DRAFTING" || p["to"] != "ADOPTED" || p["allowed"] != "CONSULTATION" {
			t.Errorf("params %v", p)
		}
	})

	t.Run("a stale revision names the record and the revision sent", func(t *testing.T) {
		item := f.Item(t, w.Incidents.ID)
		const update = `mutation($id: ID!, $rev: Int!) { updateActionItem(id: $id, revision: $rev, input: {title: "Renforcer le CERT"}) { actionItem { revision } } }`
		f.OK(t, w.Secretariat, update, map[string]any{"id": item.ID, "rev": item.Revision}, nil)
		p := refusal(t, f.Do(t, w.Secretariat, update, map[string]any{"id": item.ID, "rev": item.Revision}), palabre.ECONFLICT, palabre.ReasonStaleRevision)
		if p["type"] != "ActionItem" || p["revision"] != itoa(item.Revision) {
			t.Errorf("params %v", p)
		}
	})

	t.Run("a due date before the start", func(t *testing.T) {
		item := f.Item(t, w.Critical.ID)
		res := f.Do(t, w.Secretariat, `mutation($id: ID!, $rev: Int!) { updateActionItem(id: $id, revision: $rev,
			input: {startDate: "2027-06-01T00:00:00Z", dueDate: "2027-01-01T00:00:00Z"}) { actionItem { id } } }`,
			map[string]any{"id": item.ID, "rev": item.Revision})
		p := refusal(t, res, palabre.EINVALID, palabre.ReasonDueBeforeStart)
		if p["due"] != "2027-01-01" || p["start"] != "2027-06-01" {
			t.Errorf("params %v", p)
		}
	})

	t.Run("a round without invitations", func(t *testing.T) {
		v := f.version(w.Draft.ID)
		now := time.Now().UTC()
		res := f.Do(t, w.Secretariat, planRoundMutation, map[string]any{"in": map[string]any{
			"title": "Atelier de validation", "kind": "WORKSHOP", "place": "Dakar",
			"opensAt": now.Add(24 * time.Hour).Format(time.RFC3339), "closesAt": now.Add(48 * time.Hour).Format(time.RFC3339),
			"versionID": v.ID,
		}})
		refusal(t, res, palabre.EINVALID, palabre.ReasonInvitationRequired)
	})

	t.Run("an adoption without the act's reference", func(t *testing.T) {
		id := f.newAdoptableStrategy(t)
		adoption := f.adoption(f.version(id))
		adoption["actReference"] = " "
		refusal(t, f.in(t).move(w.Secretariat, id, strategy.StatusAdopted, map[string]any{"adoption": adoption}),
			palabre.EINVALID, palabre.ReasonAdoptionActReference)
	})

	t.Run("a refusal without a reason sends none", func(t *testing.T) {
		res := f.in(t).move(w.Reviewer, w.Draft.ID, strategy.StatusConsultation, nil)
		if res.Code() != palabre.EFORBIDDEN || res.Errors[0].Extensions.Reason != "" || res.Errors[0].Extensions.Params != nil {
			t.Errorf("want FORBIDDEN without a reason, got %+v", res.Errors)
		}
	})
}

// newAdoptableStrategy walks a new strategy to SUBMITTED, one move from adoption.
func (f *lifecycleFixture) newAdoptableStrategy(t *testing.T) pulid.ID {
	t.Helper()
	s, err := f.Client.Strategy.Create().SetTitle("Stratégie à adopter").SetCountry("SN").
		SetStartYear(2032).SetEndYear(2036).SetOwnerAgency(f.World.Ministry).Save(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	f.in(t).plannedRound(s.ID)
	f.in(t).walk(s.ID, strategy.StatusConsultation, strategy.StatusConsolidation, strategy.StatusValidation, strategy.StatusSubmitted)
	return s.ID
}

func itoa(n int) string { return strconv.Itoa(n) }
