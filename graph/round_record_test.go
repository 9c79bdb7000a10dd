package graph_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/access"
	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/schema/pulid"
)

// Once consolidated, a round is the record of what was said and answered: no
// mutation changes it or anything that hangs off it (issue 7, item 3).
func TestAConsolidatedRoundIsFinal(t *testing.T) {
	t.Parallel()
	c := newConsulting(t)
	w := c.World
	adopted := c.publish(w.Adopted.ID, "Stratégie adoptée")
	for name, version := range map[string]*ent.StrategyVersion{"a draft strategy": c.version, "an adopted strategy": adopted} {
		round := c.plan(version, -1, 24*60, w.Security, w.Justice)
		said := c.submit(w.SecurityAgent, submission(round, "Avis de l'ANSSI"))
		c.answer(said, "ACCEPTED", "")
		c.act("closeConsultation", round)
		c.act("consolidateConsultation", round)

		withRound := func(vars map[string]any) map[string]any {
			vars["id"], vars["rev"] = round, c.round(round).Revision
			return vars
		}
		const update = `mutation($id: ID!, $rev: Int!, $in: UpdateConsultationInput!) { updateConsultation(id: $id, revision: $rev, input: $in) { consultation { id title } } }`
		for _, in := range []map[string]any{
			{"title": "Titre réécrit après coup"},
			{"kind": "WORKSHOP"},
			{"place": "Saly"},
			{"title": "Titre réécrit", "kind": "PUBLIC", "place": "Thiès"},
			{"addInvitedAgencyIDs": []pulid.ID{w.Regulator.ID}},
			{"removeInvitedAgencyIDs": []pulid.ID{w.Justice.ID}},
		} {
			msg := c.refused(t, w.Secretariat, update, withRound(map[string]any{"in": in}), palabre.ECONFLICT)
			if !strings.Contains(msg, "consolidated") && !strings.Contains(msg, "final") {
				t.Errorf("%s: updating %v: %q does not say the round is consolidated", name, in, msg)
			}
		}
		const extend = `mutation($id: ID!, $rev: Int!, $at: Time!) { extendConsultation(id: $id, revision: $rev, closesAt: $at) { consultation { id } } }`
		c.refused(t, w.Secretariat, extend, withRound(map[string]any{"at": at(10 * 24 * 60)}), palabre.ECONFLICT)
		for _, action := range []string{"openConsultation", "closeConsultation", "consolidateConsultation"} {
			c.refused(t, w.Secretariat, roundAction(action), withRound(map[string]any{}), palabre.ECONFLICT)
		}

		// What hangs off the round: its observations and their answers.
		obs := func(vars map[string]any) map[string]any {
			vars["id"], vars["rev"] = said, c.observation(said).Revision
			return vars
		}
		c.refused(t, w.SecurityAgent, submitObservationMutation, submission(round, "Avis tardif"), palabre.ECONFLICT)
		c.refused(t, w.SecurityAgent, editObservationMutation, obs(map[string]any{"in": map[string]any{"body": "Avis réécrit"}}), palabre.ECONFLICT)
		c.refused(t, w.SecurityAgent, withdrawObservationMutation, obs(map[string]any{}), palabre.ECONFLICT)
		c.refused(t, w.Secretariat, answerObservationMutation, map[string]any{"in": map[string]any{
			"observationID": said, "revision": c.observation(said).Revision, "disposition": "REJECTED", "response": "Revu après coup."}}, palabre.ECONFLICT)

		if r := c.round(round); r.Title != "Consultation écrite des ministères" || r.Place != "Dakar" || string(r.Kind) != "WRITTEN" {
			t.Errorf("%s: the consolidated round changed: %q, %s, %q", name, r.Title, r.Kind, r.Place)
		}
	}
}

// Fifty copies of one submission arrive at once, as a client retrying on a
// flaky network sends them: every one gets the same observation, and one is
// stored (issue 7, item 4).
func TestSimultaneousRetriesGetTheSameObservation(t *testing.T) {
	t.Parallel()
	c := newConsulting(t)
	w := c.World
	round := c.openRound(w.Security)
	const copies = 50
	vars := make([]map[string]any, copies)
	for i := range vars {
		vars[i] = submission(round, "Avis envoyé sur un réseau instable", "idempotencyKey", "mobile-7f3a")
	}
	var ids []pulid.ID
	for i, res := range race(t, c.Server, w.SecurityAgent, submitObservationMutation, vars) {
		if len(res.Errors) > 0 {
			t.Fatalf("copy %d: %+v", i, res.Errors)
		}
		var out struct {
			SubmitObservation struct{ Observation struct{ ID pulid.ID } }
		}
		if err := json.Unmarshal(res.Data, &out); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, out.SubmitObservation.Observation.ID)
	}
	for i, id := range ids {
		if id == "" || id != ids[0] {
			t.Fatalf("copy %d got observation %q, copy 0 got %q", i, id, ids[0])
		}
	}
	n, err := c.Client.Observation.Query().Count(access.SystemContext(context.Background()))
	if err != nil {
		t.Fatal(err)
	}
	if n != 1 {
		t.Errorf("%d observations stored, want 1", n)
	}
}
