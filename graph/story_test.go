package graph_test

import (
	"context"
	"testing"
	"time"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/access"
	"github.com/palabre/palabre/audit"
	"github.com/palabre/palabre/auth"
	"github.com/palabre/palabre/ent/agency"
	"github.com/palabre/palabre/internal/apitest"
)

// TestFromDraftToAdoption is the whole story of issue 3, through the API: a
// strategy in drafting goes through two consultation rounds in which four
// ministries speak (one objects), a consensus decision names the agency that
// anchors implementation, submission is refused while an observation is
// unanswered, and the adopted strategy and its response matrix become public.
func TestFromDraftToAdoption(t *testing.T) {
	t.Parallel()
	s := apitest.New(t)
	w := s.World
	sec := w.Secretariat
	ctx := access.SystemContext(context.Background())

	// Two more ministries join the justice ministry and the ministry that drafts.
	ministry := func(name, acronym, email string) (string, string) {
		a, err := s.Client.Agency.Create().SetName(name).SetAcronym(acronym).SetKind(agency.KindMinistry).SetCountry("SN").Save(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := access.CreateAccount(ctx, s.Client, access.NewAccount{Name: "Point focal " + acronym, Email: email, Role: auth.RoleAgency, AgencyAcronym: acronym}); err != nil {
			t.Fatal(err)
		}
		token, _, err := access.IssueToken(ctx, s.Client, email, "test", 0)
		if err != nil {
			t.Fatal(err)
		}
		return string(a.ID), token
	}
	interiorID, interior := ministry("Ministère de l'Intérieur et de la Sécurité publique", "MISP", "misp@palabre.test")
	defenceID, defence := ministry("Ministère des Forces armées", "MFA", "mfa@palabre.test")
	digitalID, digital := ministry("Ministère de la Communication et de l'Économie numérique", "MCEN", "mcen@palabre.test")
	invited := []any{string(w.Justice.ID), interiorID, defenceID, digitalID}

	revisionOf := func(id string) int {
		var r struct{ Node struct{ Revision int } }
		s.OK(t, sec, `query($id: ID!) { node(id: $id) { ... on Strategy { revision } ... on Consultation { revision } ... on Observation { revision } ... on Decision { revision } } }`, map[string]any{"id": id}, &r)
		return r.Node.Revision
	}
	draft := string(w.Draft.ID)
	move := func(to string, adoption map[string]any) *apitest.Response {
		in := map[string]any{"strategyID": draft, "revision": revisionOf(draft), "to": to, "comment": "Étape " + to}
		if adoption != nil {
			in["adoption"] = adoption
		}
		return s.Do(t, sec, `mutation($in: MoveStrategyInput!) { moveStrategy(input: $in) { strategy { status } } }`, map[string]any{"in": in})
	}
	mustMove := func(to string, adoption map[string]any) {
		t.Helper()
		if res := move(to, adoption); len(res.Errors) > 0 {
			t.Fatalf("moving to %s: %+v", to, res.Errors)
		}
	}
	publish := func(label string) string {
		var r struct {
			PublishVersion struct{ Version struct{ ID string } }
		}
		s.OK(t, sec, `mutation($in: PublishVersionInput!) { publishVersion(input: $in) { version { id } } }`,
			map[string]any{"in": map[string]any{"strategyID": draft, "label": label, "changelog": "Version « " + label + " »"}}, &r)
		return r.PublishVersion.Version.ID
	}
	openRound := func(title, versionID string) string {
		var r struct {
			PlanConsultation struct{ Consultation struct{ ID string } }
		}
		s.OK(t, sec, `mutation($in: CreateConsultationInput!) { planConsultation(input: $in) { consultation { id } } }`,
			map[string]any{"in": map[string]any{"title": title, "kind": "WRITTEN", "versionID": versionID, "invitedAgencyIDs": invited,
				"opensAt": time.Now().Add(time.Hour).UTC().Format(time.RFC3339), "closesAt": time.Now().Add(72 * time.Hour).UTC().Format(time.RFC3339)}}, &r)
		id := r.PlanConsultation.Consultation.ID
		s.OK(t, sec, `mutation($id: ID!, $rev: Int!) { openConsultation(id: $id, revision: $rev) { consultation { status } } }`,
			map[string]any{"id": id, "rev": revisionOf(id)}, nil)
		return id
	}
	observe := func(token, round, kind, targetKind, targetID, body string, extra map[string]any) string {
		in := map[string]any{"consultationID": round, "kind": kind, "targetKind": targetKind, "body": body}
		if targetID != "" {
			in["targetID"] = targetID
		}
		for k, v := range extra {
			in[k] = v
		}
		var r struct {
			SubmitObservation struct{ Observation struct{ ID string } }
		}
		s.OK(t, token, `mutation($in: SubmitObservationInput!) { submitObservation(input: $in) { observation { id } } }`, map[string]any{"in": in}, &r)
		return r.SubmitObservation.Observation.ID
	}
	answer := func(id, disposition, response string) {
		t.Helper()
		s.OK(t, sec, `mutation($in: AnswerObservationInput!) { answerObservation(input: $in) { observation { status } } }`,
			map[string]any{"in": map[string]any{"observationID": id, "revision": revisionOf(id), "disposition": disposition, "response": response}}, nil)
	}
	closeRound := func(id string) {
		s.OK(t, sec, `mutation($id: ID!, $rev: Int!) { closeConsultation(id: $id, revision: $rev) { consultation { status } } }`,
			map[string]any{"id": id, "rev": revisionOf(id)}, nil)
	}

	// Round 1 on the first published version.
	v1 := publish("Projet 2027")
	if res := move("CONSULTATION", nil); res.Code() != palabre.ECONFLICT {
		t.Fatalf("consultation without a round: %+v", res.Errors)
	}
	round1 := openRound("Consultation écrite des ministères", v1)
	mustMove("CONSULTATION", nil)

	objection := observe(interior, round1, "OBJECTION", "ACTION_ITEM", string(w.Incidents.ID),
		"Le CERT national doit relever du ministère de l'Intérieur.", nil)
	amendment := observe(w.JusticeAgent, round1, "AMENDMENT", "OBJECTIVE", string(w.DraftLegal.ID),
		"Préciser la transposition de la Convention de Malabo.", map[string]any{"proposedText": "Renforcer le cadre juridique et ratifier la Convention de Malabo"})
	support := observe(defence, round1, "SUPPORT", "STRATEGY", "", "Les Forces armées soutiennent le projet.", nil)
	key := map[string]any{"idempotencyKey": "mcen-2027-1"}
	question := observe(digital, round1, "QUESTION", "ACTION_ITEM", string(w.Critical.ID), "Quel budget pour les infrastructures vitales ?", key)
	if again := observe(digital, round1, "QUESTION", "ACTION_ITEM", string(w.Critical.ID), "Quel budget pour les infrastructures vitales ?", key); again != question {
		t.Errorf("a retried submission created a second observation: %s and %s", question, again)
	}

	// The contested question: which ministry anchors the implementing agency.
	var d struct {
		CreateDecision struct{ Decision struct{ ID string } }
	}
	s.OK(t, sec, `mutation($in: CreateDecisionInput!) { createDecision(input: $in) { decision { id } } }`,
		map[string]any{"in": map[string]any{"strategyID": draft, "question": "Quel ministère assure la tutelle de l'agence nationale de cybersécurité ?",
			"options": []any{"Économie numérique", "Intérieur", "Présidence"}}}, &d)
	decision := d.CreateDecision.Decision.ID
	for agencyID, option := range map[string]string{interiorID: "Intérieur", digitalID: "Économie numérique", defenceID: "Présidence"} {
		s.OK(t, sec, `mutation($in: RecordPositionInput!) { recordPosition(input: $in) { position { option } } }`,
			map[string]any{"in": map[string]any{"decisionID": decision, "agencyID": agencyID, "option": option}}, nil)
	}

	closeRound(round1)
	answer(objection, "REJECTED", "L'atelier de validation tranchera le rattachement ; le CERT reste à l'ANSSI.")
	answer(amendment, "ACCEPTED", "")
	answer(support, "ACCEPTED", "")
	answer(question, "PARTIALLY_ACCEPTED", "Le budget sera précisé dans la version 2.")
	s.OK(t, sec, `mutation($id: ID!, $rev: Int!) { consolidateConsultation(id: $id, revision: $rev) { consultation { status } } }`,
		map[string]any{"id": round1, "rev": revisionOf(round1)}, nil)
	mustMove("CONSOLIDATION", nil)

	// Round 2 on a version that takes the amendment into account.
	obj := s.Client.Objective.GetX(ctx, w.DraftLegal.ID)
	s.OK(t, sec, `mutation($id: ID!, $rev: Int!) { updateObjective(id: $id, revision: $rev, input: {title: "Renforcer le cadre juridique et ratifier la Convention de Malabo"}) { objective { id } } }`,
		map[string]any{"id": obj.ID, "rev": obj.Revision}, nil)
	v2 := publish("Version post-atelier")
	round2 := openRound("Seconde consultation", v2)
	mustMove("CONSULTATION", nil)
	late := observe(w.JusticeAgent, round2, "COMMENT", "STRATEGY", "", "Rien à ajouter, sinon le calendrier.", nil)
	closeRound(round2)
	mustMove("CONSOLIDATION", nil)
	mustMove("VALIDATION", nil)

	// Submission waits for every answer and every decision.
	if res := move("SUBMITTED", nil); res.Code() != palabre.ECONFLICT {
		t.Fatalf("submission with an unanswered observation and an open decision: %+v", res.Errors)
	}
	answer(late, "ACCEPTED", "")
	if res := move("SUBMITTED", nil); res.Code() != palabre.ECONFLICT {
		t.Fatalf("submission with an open decision: %+v", res.Errors)
	}
	s.OK(t, sec, `mutation($in: SettleDecisionInput!) { settleDecision(input: $in) { decision { status } } }`,
		map[string]any{"in": map[string]any{"decisionID": decision, "revision": revisionOf(decision), "outcome": "L'agence relève de la Présidence ; l'ANSSI met en œuvre la stratégie.",
			"body": "VALIDATION_WORKSHOP", "decidedOn": "2027-03-15T00:00:00Z", "implementingAgencyID": string(w.Security.ID)}}, nil)
	mustMove("SUBMITTED", nil)
	if res := move("ADOPTED", nil); res.Code() != palabre.EINVALID {
		t.Fatalf("adoption without the act: %+v", res.Errors)
	}
	mustMove("ADOPTED", map[string]any{"versionID": v2, "actReference": "Décret n° 2027-045 du 2 avril 2027", "actDate": "2027-04-02T00:00:00Z"})

	// What everyone can now read.
	var public struct {
		Node struct {
			Status, AdoptionReference string
			ImplementingAgency        struct{ Acronym string }
			AdoptedVersion            struct{ ID string }
			Transitions               []struct{ From, To string }
		}
	}
	s.OK(t, "", `query($id: ID!) { node(id: $id) { ... on Strategy { status adoptionReference implementingAgency { acronym }
		adoptedVersion { id } transitions { from to } } } }`, map[string]any{"id": draft}, &public)
	p := public.Node
	if p.Status != "ADOPTED" || p.ImplementingAgency.Acronym != "ANSSI" || p.AdoptedVersion.ID != v2 || p.AdoptionReference == "" {
		t.Errorf("the adopted strategy as the public reads it: %+v", p)
	}
	want := []string{"DRAFTING>CONSULTATION", "CONSULTATION>CONSOLIDATION", "CONSOLIDATION>CONSULTATION", "CONSULTATION>CONSOLIDATION",
		"CONSOLIDATION>VALIDATION", "VALIDATION>SUBMITTED", "SUBMITTED>ADOPTED"}
	if len(p.Transitions) != len(want) {
		t.Fatalf("history: %+v", p.Transitions)
	}
	for i, tr := range p.Transitions {
		if tr.From+">"+tr.To != want[i] {
			t.Errorf("move %d: %s>%s, want %s", i, tr.From, tr.To, want[i])
		}
	}

	var matrix struct {
		Node struct {
			ResponseMatrix struct {
				Total, Unanswered int
				ByAgency          []struct{ Count int }
			}
		}
	}
	s.OK(t, "", `query($id: ID!) { node(id: $id) { ... on Consultation { responseMatrix { total unanswered byAgency { count } } } } }`,
		map[string]any{"id": round1}, &matrix)
	if m := matrix.Node.ResponseMatrix; m.Total != 4 || m.Unanswered != 0 || len(m.ByAgency) != 4 {
		t.Errorf("the public response matrix of round 1: %+v", m)
	}

	// The public reads each round against the version it consulted.
	var consulted struct {
		Node struct{ Version struct{ ID string } }
	}
	s.OK(t, "", `query($id: ID!) { node(id: $id) { ... on Consultation { version { id } } } }`, map[string]any{"id": round1}, &consulted)
	if consulted.Node.Version.ID != v1 {
		t.Errorf("the public reads round 1 against %q, want %s", consulted.Node.Version.ID, v1)
	}

	// And the record of it all holds together.
	n, broken, err := audit.Verify(ctx, s.Client)
	if err != nil || broken != nil || n == 0 {
		t.Errorf("audit chain after the story: %d events, %v, %v", n, broken, err)
	}
}
