package graph_test

import (
	"strings"
	"testing"
	"time"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/ent/schema/pulid"
	"github.com/palabre/palabre/ent/strategy"
)

const (
	createDecision = `mutation($in: CreateDecisionInput!) { createDecision(input: $in) { decision { id revision status options } } }`
	updateDecision = `mutation($id: ID!, $rev: Int!, $in: UpdateDecisionInput!) { updateDecision(id: $id, revision: $rev, input: $in) {
		decision { question options revision } } }`
	recordPosition = `mutation($in: RecordPositionInput!) { recordPosition(input: $in) {
		position { option statement agency { acronym } } } }`
	settleDecision = `mutation($in: SettleDecisionInput!) { settleDecision(input: $in) { decision {
		status outcome body decidedOn implementingAgency { acronym }
		strategy { implementingAgency { acronym } }
		positions { option statement agency { acronym } } } } }`
)

// tutelle is the question of the examples: which ministry anchors the national agency.
const tutelle = "Quel ministère assure la tutelle de l'agence nationale de cybersécurité ?"

// putToConsensus puts the question to consensus about a strategy, as the
// secretariat, with the options given.
func (f *lifecycleFixture) putToConsensus(strategyID pulid.ID, options ...string) pulid.ID {
	f.t.Helper()
	var out struct {
		CreateDecision struct{ Decision struct{ ID pulid.ID } }
	}
	f.OK(f.t, f.World.Secretariat, createDecision, map[string]any{"in": map[string]any{
		"strategyID": strategyID, "question": tutelle, "options": options,
	}}, &out)
	return out.CreateDecision.Decision.ID
}

// decisionRevision reads the current revision of a decision.
func (f *lifecycleFixture) decisionRevision(id pulid.ID) int {
	f.t.Helper()
	d, err := f.Client.Decision.Get(f.ctx, id)
	if err != nil {
		f.t.Fatal(err)
	}
	return d.Revision
}

// settlement is a SettleDecisionInput for a decision at its current revision.
func (f *lifecycleFixture) settlement(id pulid.ID, implementingAgency *pulid.ID) map[string]any {
	f.t.Helper()
	in := map[string]any{
		"decisionID": id, "revision": f.decisionRevision(id),
		"outcome": "L'agence est placée sous la tutelle de la Présidence.",
		"body":    "VALIDATION_WORKSHOP", "decidedOn": "2026-10-15T00:00:00Z",
	}
	if implementingAgency != nil {
		in["implementingAgencyID"] = *implementingAgency
	}
	return map[string]any{"in": in}
}

// settle settles a decision as the secretariat.
func (f *lifecycleFixture) settle(id pulid.ID, implementingAgency *pulid.ID) {
	f.t.Helper()
	f.OK(f.t, f.World.Secretariat, settleDecision, f.settlement(id, implementingAgency), nil)
}

// position is a RecordPositionInput.
func position(decision, agency pulid.ID, option, statement string) map[string]any {
	return map[string]any{"in": map[string]any{"decisionID": decision, "agencyID": agency, "option": option, "statement": statement}}
}

func TestAConsensusDecisionNamesTheImplementingAgency(t *testing.T) {
	t.Parallel()
	f := newLifecycleFixture(t)
	w := f.World
	id := f.putToConsensus(w.Draft.ID, "Présidence", "Primature", "Ministère de l'Économie numérique")

	f.OK(t, w.Secretariat, recordPosition, position(id, w.Ministry.ID, "Ministère de l'Économie numérique", "Le ministère porte la stratégie."), nil)
	f.OK(t, w.Secretariat, recordPosition, position(id, w.Justice.ID, "Primature", "Une tutelle interministérielle."), nil)
	// The justice ministry changes its mind at the workshop: its position is replaced.
	var replaced struct {
		RecordPosition struct {
			Position struct {
				Option, Statement string
				Agency            struct{ Acronym string }
			}
		}
	}
	f.OK(t, w.Secretariat, recordPosition, position(id, w.Justice.ID, "Présidence", "Ralliement à la Présidence."), &replaced)
	if p := replaced.RecordPosition.Position; p.Option != "Présidence" || p.Statement != "Ralliement à la Présidence." || p.Agency.Acronym != "MJ" {
		t.Errorf("replaced position: %+v", p)
	}

	before := f.Strategy(t, w.Draft.ID)
	var out struct {
		SettleDecision struct {
			Decision struct {
				Status, Outcome, Body string
				DecidedOn             time.Time
				ImplementingAgency    *struct{ Acronym string }
				Strategy              struct{ ImplementingAgency *struct{ Acronym string } }
				Positions             []struct {
					Option string
					Agency struct{ Acronym string }
				}
			}
		}
	}
	f.OK(t, w.Secretariat, settleDecision, f.settlement(id, &w.Security.ID), &out)
	d := out.SettleDecision.Decision
	if d.Status != "SETTLED" || d.Body != "VALIDATION_WORKSHOP" || !strings.Contains(d.Outcome, "Présidence") ||
		!d.DecidedOn.Equal(time.Date(2026, 10, 15, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("settled decision: %+v", d)
	}
	if d.ImplementingAgency == nil || d.ImplementingAgency.Acronym != "ANSSI" {
		t.Errorf("the decision names %+v", d.ImplementingAgency)
	}
	if d.Strategy.ImplementingAgency == nil || d.Strategy.ImplementingAgency.Acronym != "ANSSI" {
		t.Errorf("the strategy's implementing agency is %+v", d.Strategy.ImplementingAgency)
	}
	if len(d.Positions) != 2 {
		t.Errorf("%d positions, want one per agency: %+v", len(d.Positions), d.Positions)
	}
	after := f.Strategy(t, w.Draft.ID)
	if after.Revision != before.Revision+1 {
		t.Errorf("the strategy went from revision %d to %d", before.Revision, after.Revision)
	}
}

func TestAPositionChoosesAmongTheOptions(t *testing.T) {
	t.Parallel()
	f := newLifecycleFixture(t)
	w := f.World
	id := f.putToConsensus(w.Draft.ID, "Présidence", "Primature")

	before := f.fingerprint()
	msg := f.refused(before, f.Do(t, w.Secretariat, recordPosition, position(id, w.Justice.ID, "Ministère de la Défense", "")), palabre.EINVALID)
	if !strings.Contains(msg, "Présidence, Primature") {
		t.Errorf("the message should list the options: %s", msg)
	}
	// Accents count: « Presidence » is not « Présidence ».
	f.refused(before, f.Do(t, w.Secretariat, recordPosition, position(id, w.Justice.ID, "Presidence", "")), palabre.EINVALID)
	// A position may state no option, in words only.
	f.OK(t, w.Secretariat, recordPosition, position(id, w.Justice.ID, "", "Le ministère s'en remet à l'arbitrage du Premier ministre."), nil)
	// An unknown decision is not found.
	f.refused(f.fingerprint(), f.Do(t, w.Secretariat, recordPosition, position("DE01JZZZZZZZZZZZZZZZZZZZZZZZ", w.Justice.ID, "", "x")), palabre.ENOTFOUND)
}

func TestASettledDecisionNoLongerChanges(t *testing.T) {
	t.Parallel()
	f := newLifecycleFixture(t)
	w := f.World
	id := f.putToConsensus(w.Draft.ID, "Présidence", "Primature")
	f.OK(t, w.Secretariat, recordPosition, position(id, w.Justice.ID, "Primature", ""), nil)
	f.settle(id, nil)
	named, err := f.Client.Strategy.Query().Where(strategy.ID(w.Draft.ID), strategy.HasImplementingAgency()).Exist(f.ctx)
	if err != nil || named {
		t.Errorf("a settlement that names no agency named the strategy's (%v)", err)
	}

	before := f.fingerprint()
	rev := f.decisionRevision(id)
	for _, c := range []struct {
		name, query string
		vars        map[string]any
	}{
		{"settled again", settleDecision, f.settlement(id, &w.Security.ID)},
		{"question changed", updateDecision, map[string]any{"id": id, "rev": rev, "in": map[string]any{"question": "Autre question ?"}}},
		{"position replaced", recordPosition, position(id, w.Justice.ID, "Présidence", "")},
		{"new position", recordPosition, position(id, w.Regulator.ID, "Présidence", "")},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := f.in(t)
			msg := f.refused(before, f.Do(t, w.Secretariat, c.query, c.vars), palabre.ECONFLICT)
			if !strings.Contains(msg, "settled") {
				t.Errorf("the message should say the decision is settled: %s", msg)
			}
		})
	}
}

func TestAnOpenDecisionIsEditedAtItsRevision(t *testing.T) {
	t.Parallel()
	f := newLifecycleFixture(t)
	w := f.World
	id := f.putToConsensus(w.Draft.ID, "Présidence", "Primature")
	f.OK(t, w.Secretariat, recordPosition, position(id, w.Justice.ID, "Primature", ""), nil)
	read := f.decisionRevision(id)

	var out struct {
		UpdateDecision struct {
			Decision struct {
				Question string
				Options  []string
				Revision int
			}
		}
	}
	f.OK(t, w.Secretariat, updateDecision, map[string]any{"id": id, "rev": read, "in": map[string]any{
		"question": tutelle + " (second tour)", "appendOptions": []string{"Ministère des Forces armées"}}}, &out)
	if d := out.UpdateDecision.Decision; len(d.Options) != 3 || d.Revision != read+1 || !strings.HasSuffix(d.Question, "(second tour)") {
		t.Errorf("updated decision: %+v", d)
	}

	before := f.fingerprint()
	// The revision read before the update is stale now.
	f.refused(before, f.Do(t, w.Secretariat, updateDecision, map[string]any{"id": id, "rev": read, "in": map[string]any{"question": "Autre ?"}}), palabre.ECONFLICT)
	f.refused(before, f.Do(t, w.Secretariat, settleDecision, map[string]any{"in": map[string]any{
		"decisionID": id, "revision": read, "outcome": "Présidence", "body": "VALIDATION_WORKSHOP", "decidedOn": "2026-10-15T00:00:00Z"}}), palabre.ECONFLICT)
	current := read + 1
	for name, c := range map[string]struct {
		in   map[string]any
		code string
	}{
		"an option given twice": {map[string]any{"options": []string{"Présidence", "Présidence"}}, palabre.EINVALID},
		"a blank option":        {map[string]any{"appendOptions": []string{" "}}, palabre.EINVALID},
		// The justice ministry favours the Primature: it stays an option.
		"a favoured option removed": {map[string]any{"options": []string{"Présidence"}}, palabre.ECONFLICT},
	} {
		t.Run(name, func(t *testing.T) {
			f := f.in(t)
			f.refused(before, f.Do(t, w.Secretariat, updateDecision, map[string]any{"id": id, "rev": current, "in": c.in}), c.code)
		})
	}
	// A settlement says what was decided.
	f.refused(before, f.Do(t, w.Secretariat, settleDecision, map[string]any{"in": map[string]any{
		"decisionID": id, "revision": current, "outcome": "  ", "body": "VALIDATION_WORKSHOP", "decidedOn": "2026-10-15T00:00:00Z"}}), palabre.EINVALID)
}

func TestASettlementCannotRenameTheAgencyOfAnAdoptedStrategy(t *testing.T) {
	t.Parallel()
	f := newLifecycleFixture(t)
	w := f.World
	id := f.putToConsensus(w.Adopted.ID, "ANSSI", "ARTP")
	before := f.fingerprint()
	f.refused(before, f.Do(t, w.Secretariat, settleDecision, f.settlement(id, &w.Regulator.ID)), palabre.ECONFLICT)
	// Without naming an agency, the question can still be closed.
	f.settle(id, nil)
}

func TestOnlyTheSecretariatPutsQuestionsToConsensus(t *testing.T) {
	t.Parallel()
	f := newLifecycleFixture(t)
	w := f.World
	id := f.putToConsensus(w.Adopted.ID, "Présidence", "Primature")
	for _, c := range []struct {
		caller, token, code string
	}{
		{"admin", w.Admin, palabre.EFORBIDDEN},
		{"reviewer", w.Reviewer, palabre.EFORBIDDEN},
		{"agency", w.JusticeAgent, palabre.EFORBIDDEN},
		{"public", "", palabre.EUNAUTHENTICATED},
	} {
		t.Run(c.caller, func(t *testing.T) {
			f := f.in(t)
			for _, call := range []struct {
				query string
				vars  map[string]any
			}{
				{createDecision, map[string]any{"in": map[string]any{"strategyID": w.Draft.ID, "question": tutelle, "options": []string{"A"}}}},
				{updateDecision, map[string]any{"id": id, "rev": 1, "in": map[string]any{"question": "Autre ?"}}},
				{recordPosition, position(id, w.Justice.ID, "Présidence", "")},
				{settleDecision, f.settlement(id, &w.Security.ID)},
			} {
				before := f.fingerprint()
				f.refused(before, f.Do(t, c.token, call.query, call.vars), c.code)
			}
		})
	}
	// The public reads the decisions about an adopted strategy.
	var public struct {
		Node struct{ Decisions []struct{ Question string } }
	}
	f.OK(t, "", `query($id: ID!) { node(id: $id) { ... on Strategy { decisions { question } } } }`,
		map[string]any{"id": w.Adopted.ID}, &public)
	if len(public.Node.Decisions) != 1 {
		t.Errorf("the public reads %d decisions of the adopted strategy", len(public.Node.Decisions))
	}
}
