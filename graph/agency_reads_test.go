package graph_test

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/access"
	"github.com/palabre/palabre/ent/decision"
	"github.com/palabre/palabre/ent/schema/pulid"
)

// An agency reads what it is invited to consult on, and what the public reads;
// a strategy that is not adopted is NOT_FOUND for an agency never invited to
// one of its rounds, whatever path it takes (issue 7, access).
func TestAnAgencyReadsOnlyTheStrategiesItIsConsultedOn(t *testing.T) {
	t.Parallel()
	c := newConsulting(t)
	w := c.World
	ctx := access.SystemContext(context.Background())

	// The draft strategy, with everything that hangs off it: versions, a
	// round to which only the security agency is invited, an indicator and its
	// measurement, a decision and a move in its history.
	second := c.publish(w.Draft.ID, "Projet révisé")
	round := c.plan(c.version, -1, 24*60, w.Security)
	indicator, err := c.Client.Indicator.Create().SetName("Incidents traités").SetUnit("incidents").SetTarget(500).SetActionItem(w.Incidents).Save(ctx)
	if err != nil {
		t.Fatal(err)
	}
	measurement, err := c.Client.Measurement.Create().SetIndicator(indicator).SetValue(120).SetMeasuredAt(time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC)).Save(ctx)
	if err != nil {
		t.Fatal(err)
	}
	question, err := c.Client.Decision.Create().SetStrategy(w.Draft).SetQuestion("Quel ministère assure la tutelle de l'ANSSI ?").
		SetOptions([]string{"Primature", "Ministère des Forces armées"}).SetStatus(decision.StatusOpen).Save(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var moved struct {
		MoveStrategy struct{ Transition struct{ ID pulid.ID } }
	}
	c.OK(t, w.Secretariat, `mutation($in: MoveStrategyInput!) { moveStrategy(input: $in) { transition { id } } }`,
		map[string]any{"in": map[string]any{"strategyID": w.Draft.ID, "revision": c.Strategy(t, w.Draft.ID).Revision, "to": "CONSULTATION"}}, &moved)
	hidden := []pulid.ID{w.Draft.ID, w.DraftLegal.ID, w.DraftTechnical.ID, w.Incidents.ID, w.Law.ID, w.Critical.ID,
		c.version.ID, second.ID, indicator.ID, measurement.ID, question.ID, moved.MoveStrategy.Transition.ID, round}

	// What a caller finds of the draft through lists, search, nested edges and filters.
	const lists = `query($ministry: ID!, $security: ID!) {
		strategies { totalCount } objectives { totalCount } actionItems { totalCount } indicators { totalCount }
		search: strategies(search: "2027") { totalCount }
		consulting: actionItems(where: {hasStrategyWith: {status: CONSULTATION}}) { totalCount }
		ministry: node(id: $ministry) { ... on Agency { ownedStrategies { totalCount } } }
		security: node(id: $security) { ... on Agency { ledActionItems { totalCount } } } }`
	type found struct {
		Strategies, Objectives, ActionItems, Indicators, Search, Consulting struct{ TotalCount int }
		Ministry                                                            struct{ OwnedStrategies struct{ TotalCount int } }
		Security                                                            struct{ LedActionItems struct{ TotalCount int } }
	}
	reads := func(token string) found {
		var out found
		c.OK(t, token, lists, map[string]any{"ministry": w.Ministry.ID, "security": w.Security.ID}, &out)
		return out
	}
	// nodes returns how many of the IDs node() finds, and checks the others are NOT_FOUND.
	nodes := func(token string, ids []pulid.ID) int {
		t.Helper()
		res := c.Do(t, token, `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, map[string]any{"ids": ids})
		var out struct{ Nodes []*struct{ ID pulid.ID } }
		if err := json.Unmarshal(res.Data, &out); err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, node := range out.Nodes {
			if node != nil {
				n++
			}
		}
		for _, e := range res.Errors {
			if e.Extensions.Code != palabre.ENOTFOUND {
				t.Errorf("nodes: want NOT_FOUND for what cannot be read, got %+v", e)
			}
		}
		if len(res.Errors) != len(ids)-n {
			t.Errorf("nodes: %d found and %d errors for %d IDs", n, len(res.Errors), len(ids))
		}
		return n
	}
	const compare = `query($from: ID!, $to: ID!) { compareVersions(from: $from, to: $to) { from { id } } }`

	// Agencies never invited to a round of the draft: the justice ministry
	// (which supports one of its items) and the regulator.
	for who, token := range map[string]string{"the justice ministry": w.JusticeAgent, "the regulator": c.RegulatorAgent} {
		got := reads(token)
		if got.Strategies.TotalCount != 1 || got.Objectives.TotalCount != 1 || got.ActionItems.TotalCount != 1 ||
			got.Indicators.TotalCount != 0 || got.Search.TotalCount != 0 || got.Consulting.TotalCount != 0 ||
			got.Ministry.OwnedStrategies.TotalCount != 1 || got.Security.LedActionItems.TotalCount != 1 {
			t.Errorf("%s reads more than the adopted strategy: %+v", who, got)
		}
		if n := nodes(token, hidden); n != 0 {
			t.Errorf("%s reaches %d records of the draft through node()", who, n)
		}
		if n := nodes(token, []pulid.ID{w.Adopted.ID, w.AdoptedCooperation.ID, w.Budapest.ID}); n != 3 {
			t.Errorf("%s reads %d of the 3 records of the adopted strategy", who, n)
		}
		c.Fails(t, token, compare, map[string]any{"from": c.version.ID, "to": second.ID}, palabre.ENOTFOUND)
		if res, body := c.matrixCSV(t, token, round); res.StatusCode != http.StatusNotFound {
			t.Errorf("%s gets the round's response matrix as CSV: %d %s", who, res.StatusCode, body)
		}
		for _, q := range []string{
			`query($id: ID!) { node(id: $id) { ... on Strategy { title } } }`,
			`query($id: ID!) { node(id: $id) { ... on ActionItem { title } } }`,
		} {
			for _, id := range []pulid.ID{w.Draft.ID, w.Incidents.ID} {
				c.Fails(t, token, q, map[string]any{"id": id}, palabre.ENOTFOUND)
			}
		}
	}

	// The invited agency reads the strategy it is consulted on, all of it;
	// reviewers read everything.
	for who, token := range map[string]string{"the invited security agency": w.SecurityAgent, "a reviewer": w.Reviewer} {
		got := reads(token)
		if got.Strategies.TotalCount != 2 || got.Objectives.TotalCount != 3 || got.ActionItems.TotalCount != 4 ||
			got.Indicators.TotalCount != 1 || got.Search.TotalCount != 1 || got.Consulting.TotalCount != 3 ||
			got.Ministry.OwnedStrategies.TotalCount != 2 || got.Security.LedActionItems.TotalCount != 3 {
			t.Errorf("%s does not read the draft: %+v", who, got)
		}
		if n := nodes(token, hidden); n != len(hidden) {
			t.Errorf("%s reaches %d of the %d records of the draft through node()", who, n, len(hidden))
		}
		c.OK(t, token, compare, map[string]any{"from": c.version.ID, "to": second.ID}, nil)
	}
}

// What the public reads, an agency reads too: the rounds of adopted
// strategies, and once consolidated, their response matrix, even without an
// invitation.
func TestAnAgencyReadsWhatThePublicReads(t *testing.T) {
	t.Parallel()
	c := newConsulting(t)
	w := c.World
	adopted := c.publish(w.Adopted.ID, "Stratégie adoptée")
	round := c.plan(adopted, -1, 24*60, w.Security)
	said := c.submit(w.SecurityAgent, submission(round, "Avis sur la stratégie adoptée"))
	c.answer(said, "ACCEPTED", "")

	for who, token := range map[string]string{"the public": "", "an uninvited agency": c.RegulatorAgent} {
		if m := c.matrixOf(t, token, round); m == nil || m.Total != 0 || c.nodeVisible(t, token, said) {
			t.Errorf("before consolidation %s reads %+v of the adopted strategy's round", who, m)
		}
	}
	c.act("closeConsultation", round)
	c.act("consolidateConsultation", round)
	for who, token := range map[string]string{"the public": "", "an uninvited agency": c.RegulatorAgent} {
		if m := c.matrixOf(t, token, round); m == nil || m.Total != 1 || !c.nodeVisible(t, token, said) {
			t.Errorf("once consolidated %s reads %+v of the adopted strategy's round", who, m)
		}
		if res, body := c.matrixCSV(t, token, round); res.StatusCode != http.StatusOK {
			t.Errorf("%s gets the consolidated matrix as CSV: %d %s", who, res.StatusCode, body)
		}
	}
	// Reading is not speaking: the uninvited agency still may not submit.
	c.refused(t, c.RegulatorAgent, submitObservationMutation, submission(round, "Avis"), palabre.EFORBIDDEN)
}
