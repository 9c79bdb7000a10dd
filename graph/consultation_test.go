package graph_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"entgo.io/ent/dialect"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/access"
	"github.com/palabre/palabre/auth"
	"github.com/palabre/palabre/database/dbtest"
	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/observation"
	"github.com/palabre/palabre/ent/schema/pulid"
	"github.com/palabre/palabre/internal/apitest"
	"github.com/palabre/palabre/versions"
)

// The consultation workflow of issue 3, through the API: rounds that follow
// the clock and the secretariat's actions, observations from invited agencies
// while a round is open, reasoned answers, who sees what, and the response
// matrix.

const (
	planRoundMutation = `mutation($in: CreateConsultationInput!) { planConsultation(input: $in) {
		consultation { id revision status strategy { id } } } }`
	submitObservationMutation = `mutation($in: SubmitObservationInput!) { submitObservation(input: $in) {
		observation { id revision status kind body proposedText targetKind targetID targetCode targetTitle submittedAt
			agency { acronym } author { email } } } }`
	editObservationMutation = `mutation($id: ID!, $rev: Int!, $in: EditObservationInput!) { editObservation(id: $id, revision: $rev, input: $in) {
		observation { id revision status kind body proposedText submittedAt } } }`
	withdrawObservationMutation = `mutation($id: ID!, $rev: Int!) { withdrawObservation(id: $id, revision: $rev) {
		observation { id revision status } } }`
	answerObservationMutation = `mutation($in: AnswerObservationInput!) { answerObservation(input: $in) {
		observation { id revision status response respondedAt respondedBy { email } takenInto { number } } } }`
	uninviteMutation = `mutation($id: ID!, $rev: Int!, $a: ID!) { updateConsultation(id: $id, revision: $rev, input: {removeInvitedAgencyIDs: [$a]}) {
		consultation { id } } }`
	responseMatrixQuery = `query($id: ID!) { node(id: $id) { ... on Consultation { responseMatrix {
		groups { targetKind targetID targetCode targetTitle observations { id kind status body response agency { acronym } } }
		byAgency { agency { acronym } count } byStatus { status count } unanswered total } } } }`
)

// roundAction is the mutation of one of the secretariat's actions on a round.
func roundAction(action string) string {
	return fmt.Sprintf(`mutation($id: ID!, $rev: Int!) { %s(id: $id, revision: $rev) { consultation { id revision status } } }`, action)
}

// consulting is the test world with version 1 of the draft strategy published,
// ready for rounds on it.
type consulting struct {
	*apitest.Server
	t       *testing.T
	version *ent.StrategyVersion // version 1 of World.Draft
	// RegulatorAgent is the token of an account of ARTP, an agency the tests
	// invite to no round unless they say so.
	RegulatorAgent string
}

func newConsulting(t *testing.T) *consulting {
	t.Helper()
	c := &consulting{Server: apitest.New(t), t: t}
	c.version = c.publish(c.World.Draft.ID, "Projet soumis à consultation")
	ctx := access.SystemContext(context.Background())
	if _, err := access.CreateAccount(ctx, c.Client, access.NewAccount{Name: "Khady Mbaye", Email: "artp@palabre.test", Role: auth.RoleAgency, AgencyAcronym: "ARTP"}); err != nil {
		t.Fatal(err)
	}
	token, _, err := access.IssueToken(ctx, c.Client, "artp@palabre.test", "test", 0)
	if err != nil {
		t.Fatal(err)
	}
	c.RegulatorAgent = token
	return c
}

// publish publishes the strategy's working copy as its next version.
func (c *consulting) publish(strategyID pulid.ID, label string) *ent.StrategyVersion {
	c.t.Helper()
	v, err := versions.Publish(access.SystemContext(context.Background()), c.Client, strategyID, label, "")
	if err != nil {
		c.t.Fatal(err)
	}
	return v
}

// at formats a time for the API, so many minutes from now.
func at(minutes int) string {
	return time.Now().Add(time.Duration(minutes) * time.Minute).UTC().Format(time.RFC3339Nano)
}

// plan plans a round on a version as the secretariat and returns its ID.
func (c *consulting) plan(version *ent.StrategyVersion, opens, closes int, invited ...*ent.Agency) pulid.ID {
	c.t.Helper()
	var ids []pulid.ID
	for _, a := range invited {
		ids = append(ids, a.ID)
	}
	var out struct {
		PlanConsultation struct{ Consultation struct{ ID pulid.ID } }
	}
	c.OK(c.t, c.World.Secretariat, planRoundMutation, map[string]any{"in": map[string]any{
		"title": "Consultation écrite des ministères", "kind": "WRITTEN", "place": "Dakar",
		"opensAt": at(opens), "closesAt": at(closes), "versionID": version.ID, "invitedAgencyIDs": ids,
	}}, &out)
	return out.PlanConsultation.Consultation.ID
}

// openRound plans a round on version 1 that opened a minute ago and closes tomorrow.
func (c *consulting) openRound(invited ...*ent.Agency) pulid.ID {
	c.t.Helper()
	return c.plan(c.version, -1, 24*60, invited...)
}

// act takes one of the secretariat's actions on a round (closeConsultation…).
func (c *consulting) act(action string, id pulid.ID) {
	c.t.Helper()
	c.OK(c.t, c.World.Secretariat, roundAction(action), map[string]any{"id": id, "rev": c.round(id).Revision}, nil)
}

// round reads a round as it is now.
func (c *consulting) round(id pulid.ID) *ent.Consultation {
	c.t.Helper()
	r, err := c.Client.Consultation.Get(access.SystemContext(context.Background()), id)
	if err != nil {
		c.t.Fatal(err)
	}
	return r
}

// observation reads an observation as it is now.
func (c *consulting) observation(id pulid.ID) *ent.Observation {
	c.t.Helper()
	o, err := c.Client.Observation.Get(access.SystemContext(context.Background()), id)
	if err != nil {
		c.t.Fatal(err)
	}
	return o
}

// submission is the input of submitObservation: an observation on the whole
// strategy unless changed.
func submission(round pulid.ID, body string, fields ...any) map[string]any {
	in := map[string]any{"consultationID": round, "targetKind": "STRATEGY", "kind": "COMMENT", "body": body}
	for i := 0; i+1 < len(fields); i += 2 {
		in[fields[i].(string)] = fields[i+1]
	}
	return map[string]any{"in": in}
}

// submit submits an observation with a token and returns its ID.
func (c *consulting) submit(token string, vars map[string]any) pulid.ID {
	c.t.Helper()
	var out struct {
		SubmitObservation struct{ Observation struct{ ID pulid.ID } }
	}
	c.OK(c.t, token, submitObservationMutation, vars, &out)
	return out.SubmitObservation.Observation.ID
}

// answer answers an observation as the secretariat.
func (c *consulting) answer(id pulid.ID, disposition, response string) {
	c.t.Helper()
	c.OK(c.t, c.World.Secretariat, answerObservationMutation, map[string]any{"in": map[string]any{
		"observationID": id, "revision": c.observation(id).Revision, "disposition": disposition, "response": response,
	}}, nil)
}

// fingerprint is the world's fingerprint, which covers rounds, observations
// and the audit trail.
func (c *consulting) fingerprint() string {
	c.t.Helper()
	return c.Fingerprint(c.t)
}

// refused sends a request that must fail with the code and store nothing.
func (c *consulting) refused(t *testing.T, token, query string, vars map[string]any, code string) string {
	t.Helper()
	before := c.fingerprint()
	message := c.Fails(t, token, query, vars, code)
	if after := c.fingerprint(); after != before {
		t.Errorf("a refused request changed the database: %s → %s", before, after)
	}
	return message
}

func TestARoundFollowsTheClockAndTheSecretariat(t *testing.T) {
	t.Parallel()
	c := newConsulting(t)
	w := c.World
	id := c.plan(c.version, 60, 2*24*60, w.Security, w.Justice)

	status := func() string {
		var out struct{ Node struct{ Status string } }
		c.OK(t, w.Reviewer, `query($id: ID!) { node(id: $id) { ... on Consultation { status } } }`, map[string]any{"id": id}, &out)
		return out.Node.Status
	}
	listed := func(s string) bool {
		var out struct {
			Consultations struct {
				Edges []struct{ Node struct{ ID pulid.ID } }
			}
		}
		c.OK(t, w.Reviewer, `query($s: ConsultationStatus) { consultations(status: $s) { edges { node { id } } } }`, map[string]any{"s": s}, &out)
		for _, e := range out.Consultations.Edges {
			if e.Node.ID == id {
				return true
			}
		}
		return false
	}
	expectStatus := func(want string) {
		t.Helper()
		if got := status(); got != want {
			t.Fatalf("status %s, want %s", got, want)
		}
		for _, s := range []string{"PLANNED", "OPEN", "CLOSED", "CONSOLIDATED"} {
			if listed(s) != (s == want) {
				t.Fatalf("consultations(status: %s) lists the %s round: %v", s, want, listed(s))
			}
		}
	}
	withRevision := func(vars map[string]any) map[string]any {
		vars["id"], vars["rev"] = id, c.round(id).Revision
		return vars
	}
	const extend = `mutation($id: ID!, $rev: Int!, $at: Time!) { extendConsultation(id: $id, revision: $rev, closesAt: $at) { consultation { status closesAt } } }`

	expectStatus("PLANNED")
	if msg := c.refused(t, w.Secretariat, roundAction("closeConsultation"), withRevision(map[string]any{}), palabre.ECONFLICT); !strings.Contains(msg, "planned") {
		t.Errorf("closing a planned round: %q does not say the round is planned", msg)
	}
	c.refused(t, w.Secretariat, roundAction("consolidateConsultation"), withRevision(map[string]any{}), palabre.ECONFLICT)
	c.OK(t, w.Secretariat, extend, withRevision(map[string]any{"at": at(3 * 24 * 60)}), nil)

	c.act("openConsultation", id)
	expectStatus("OPEN")
	if msg := c.refused(t, w.Secretariat, roundAction("openConsultation"), withRevision(map[string]any{}), palabre.ECONFLICT); !strings.Contains(msg, "open") {
		t.Errorf("opening an open round: %q does not say the round is open", msg)
	}
	c.refused(t, w.Secretariat, extend, withRevision(map[string]any{"at": at(24 * 60)}), palabre.EINVALID) // earlier than now planned
	c.refused(t, w.Secretariat, extend, withRevision(map[string]any{"at": at(-60)}), palabre.EINVALID)     // in the past
	c.refused(t, w.Secretariat, extend, map[string]any{"id": id, "rev": c.round(id).Revision - 1, "at": at(5 * 24 * 60)}, palabre.ECONFLICT)
	c.refused(t, w.SecurityAgent, extend, withRevision(map[string]any{"at": at(5 * 24 * 60)}), palabre.EFORBIDDEN)
	c.refused(t, w.Secretariat, roundAction("consolidateConsultation"), withRevision(map[string]any{}), palabre.ECONFLICT)
	c.OK(t, w.Secretariat, extend, withRevision(map[string]any{"at": at(5 * 24 * 60)}), nil)

	c.refused(t, w.JusticeAgent, roundAction("closeConsultation"), withRevision(map[string]any{}), palabre.EFORBIDDEN)
	c.act("closeConsultation", id)
	expectStatus("CLOSED")
	if msg := c.refused(t, w.Secretariat, extend, withRevision(map[string]any{"at": at(10 * 24 * 60)}), palabre.ECONFLICT); !strings.Contains(msg, "closed") {
		t.Errorf("extending a closed round: %q does not say the round is closed", msg)
	}
	c.refused(t, w.Secretariat, roundAction("openConsultation"), withRevision(map[string]any{}), palabre.ECONFLICT)
	c.refused(t, w.Secretariat, roundAction("closeConsultation"), withRevision(map[string]any{}), palabre.ECONFLICT)
	c.refused(t, w.Secretariat, `mutation($id: ID!, $rev: Int!, $a: ID!) { updateConsultation(id: $id, revision: $rev, input: {addInvitedAgencyIDs: [$a]}) { consultation { id } } }`,
		withRevision(map[string]any{"a": w.Regulator.ID}), palabre.ECONFLICT)

	c.act("consolidateConsultation", id)
	expectStatus("CONSOLIDATED")
	c.refused(t, w.Secretariat, extend, withRevision(map[string]any{"at": at(10 * 24 * 60)}), palabre.ECONFLICT)
}

func TestPlanningARoundNeedsAVersionAWindowAndGuests(t *testing.T) {
	t.Parallel()
	c := newConsulting(t)
	w := c.World
	valid := func() map[string]any {
		return map[string]any{"title": "Atelier de validation", "kind": "WORKSHOP", "place": "Dakar, CICAD",
			"opensAt": at(60), "closesAt": at(120), "versionID": c.version.ID, "invitedAgencyIDs": []any{w.Security.ID}}
	}
	with := func(key string, value any) map[string]any {
		in := valid()
		if value == nil {
			delete(in, key)
		} else {
			in[key] = value
		}
		return map[string]any{"in": in}
	}
	for _, tc := range []struct {
		name, token string
		vars        map[string]any
		code        string
	}{
		{"closing before opening", w.Secretariat, with("closesAt", at(30)), palabre.EINVALID},
		{"closing when opening", w.Secretariat, with("closesAt", valid()["opensAt"]), palabre.EINVALID},
		{"nobody invited", w.Secretariat, with("invitedAgencyIDs", []any{}), palabre.EINVALID},
		{"an unknown agency invited", w.Secretariat, with("invitedAgencyIDs", []any{w.Draft.ID}), palabre.EINVALID},
		{"a strategy instead of a version", w.Secretariat, with("versionID", w.Draft.ID), palabre.EINVALID},
		{"planned by an agency", w.SecurityAgent, with("title", "Ma consultation"), palabre.EFORBIDDEN},
		{"planned by a reviewer", w.Reviewer, with("title", "Ma consultation"), palabre.EFORBIDDEN},
		{"planned by the public", "", with("title", "Ma consultation"), palabre.EUNAUTHENTICATED},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c.refused(t, tc.token, planRoundMutation, tc.vars, tc.code)
		})
	}

	// The round is on the version's strategy, which the caller does not give.
	var out struct {
		PlanConsultation struct {
			Consultation struct {
				Status   string
				Strategy struct{ ID pulid.ID }
			}
		}
	}
	c.OK(t, w.Secretariat, planRoundMutation, with("title", "Atelier de validation"), &out)
	if got := out.PlanConsultation.Consultation; got.Status != "PLANNED" || got.Strategy.ID != w.Draft.ID {
		t.Errorf("a round planned on version 1 of the draft strategy: %+v", got)
	}
}

func TestObservationsOutsideTheRulesAreRefusedAndNothingIsStored(t *testing.T) {
	t.Parallel()
	c := newConsulting(t)
	w := c.World
	open := c.openRound(w.Security, w.Justice)
	planned := c.plan(c.version, 60, 24*60, w.Security)
	closed := c.openRound(w.Security)
	onClosed := c.submit(w.SecurityAgent, submission(closed, "Avant la clôture"))
	c.act("closeConsultation", closed)

	own := c.submit(w.SecurityAgent, submission(open, "Préciser le rôle de l'ANSSI", "targetKind", "OBJECTIVE", "targetID", w.DraftTechnical.ID))
	withdrawn := c.submit(w.SecurityAgent, submission(open, "Retirée"))
	c.OK(t, w.SecurityAgent, withdrawObservationMutation, map[string]any{"id": withdrawn, "rev": c.observation(withdrawn).Revision}, nil)
	draft := c.submit(w.SecurityAgent, submission(open, "Brouillon", "draft", true))
	late := c.NewItem(t, "A1.9") // added to the working copy after version 1
	v2 := c.publish(w.Draft.ID, "Version 2")
	adoptedV1 := c.publish(w.Adopted.ID, "Stratégie adoptée")

	edit := func(id pulid.ID, in map[string]any) map[string]any {
		return map[string]any{"id": id, "rev": c.observation(id).Revision, "in": in}
	}
	revisionOf := func(id pulid.ID) map[string]any {
		return map[string]any{"id": id, "rev": c.observation(id).Revision}
	}
	answer := func(id pulid.ID, fields ...any) map[string]any {
		in := map[string]any{"observationID": id, "revision": c.observation(id).Revision, "disposition": "ACCEPTED"}
		for i := 0; i+1 < len(fields); i += 2 {
			in[fields[i].(string)] = fields[i+1]
		}
		return map[string]any{"in": in}
	}
	for _, tc := range []struct {
		name, token, query string
		vars               map[string]any
		code               string
	}{
		// Who speaks.
		{"the secretariat submits", w.Secretariat, submitObservationMutation, submission(open, "Avis"), palabre.EFORBIDDEN},
		{"a reviewer submits", w.Reviewer, submitObservationMutation, submission(open, "Avis"), palabre.EFORBIDDEN},
		{"the public submits", "", submitObservationMutation, submission(open, "Avis"), palabre.EUNAUTHENTICATED},
		{"an uninvited agency submits", c.RegulatorAgent, submitObservationMutation, submission(open, "Avis de l'ARTP"), palabre.EFORBIDDEN},
		{"an agency edits another agency's observation", w.JusticeAgent, editObservationMutation, edit(own, map[string]any{"body": "Réécrit"}), palabre.EFORBIDDEN},
		{"an agency withdraws another agency's observation", w.JusticeAgent, withdrawObservationMutation, revisionOf(own), palabre.EFORBIDDEN},
		{"an agency answers its own observation", w.SecurityAgent, answerObservationMutation, answer(own), palabre.EFORBIDDEN},
		{"an agency answers another's observation", w.JusticeAgent, answerObservationMutation, answer(own), palabre.EFORBIDDEN},
		{"a reviewer answers", w.Reviewer, answerObservationMutation, answer(own), palabre.EFORBIDDEN},
		{"the secretariat rewrites an observation", w.Secretariat, editObservationMutation, edit(own, map[string]any{"body": "Réécrit"}), palabre.EFORBIDDEN},
		{"the secretariat withdraws an observation", w.Secretariat, withdrawObservationMutation, revisionOf(own), palabre.EFORBIDDEN},
		// When.
		{"submitting in a closed round", w.SecurityAgent, submitObservationMutation, submission(closed, "Trop tard"), palabre.ECONFLICT},
		{"submitting before the round opens", w.SecurityAgent, submitObservationMutation, submission(planned, "Trop tôt"), palabre.ECONFLICT},
		{"editing after the round closed", w.SecurityAgent, editObservationMutation, edit(onClosed, map[string]any{"body": "Après coup"}), palabre.ECONFLICT},
		{"withdrawing after the round closed", w.SecurityAgent, withdrawObservationMutation, revisionOf(onClosed), palabre.ECONFLICT},
		{"editing a withdrawn observation", w.SecurityAgent, editObservationMutation, edit(withdrawn, map[string]any{"body": "Revenue"}), palabre.ECONFLICT},
		{"editing with a stale revision", w.SecurityAgent, editObservationMutation,
			map[string]any{"id": own, "rev": c.observation(own).Revision + 1, "in": map[string]any{"body": "Périmé"}}, palabre.ECONFLICT},
		{"answering a withdrawn observation", w.Secretariat, answerObservationMutation, answer(withdrawn), palabre.ECONFLICT},
		{"answering a draft, which the secretariat cannot see", w.Secretariat, answerObservationMutation, answer(draft), palabre.ENOTFOUND},
		// On what, and what.
		{"an item added after the consulted version", w.SecurityAgent, submitObservationMutation,
			submission(open, "Sur A1.9", "targetKind", "ACTION_ITEM", "targetID", late.ID), palabre.EINVALID},
		{"an item of another strategy", w.SecurityAgent, submitObservationMutation,
			submission(open, "Sur Budapest", "targetKind", "ACTION_ITEM", "targetID", w.Budapest.ID), palabre.EINVALID},
		{"an objective named as an action item", w.SecurityAgent, submitObservationMutation,
			submission(open, "Sur OS1", "targetKind", "ACTION_ITEM", "targetID", w.DraftLegal.ID), palabre.EINVALID},
		{"an objective without its ID", w.SecurityAgent, submitObservationMutation,
			submission(open, "Sur quel objectif ?", "targetKind", "OBJECTIVE"), palabre.EINVALID},
		{"the whole strategy with a target", w.SecurityAgent, submitObservationMutation,
			submission(open, "Sur tout", "targetID", w.DraftLegal.ID), palabre.EINVALID},
		{"an amendment without proposed text", w.SecurityAgent, submitObservationMutation,
			submission(open, "Modifier l'intitulé", "kind", "AMENDMENT"), palabre.EINVALID},
		{"an amendment with blank proposed text", w.SecurityAgent, submitObservationMutation,
			submission(open, "Modifier l'intitulé", "kind", "AMENDMENT", "proposedText", "  "), palabre.EINVALID},
		{"an empty body", w.SecurityAgent, submitObservationMutation, submission(open, ""), palabre.EINVALID},
		{"turning an observation into an amendment without text", w.SecurityAgent, editObservationMutation,
			edit(own, map[string]any{"kind": "AMENDMENT"}), palabre.EINVALID},
		{"an edit that changes nothing", w.SecurityAgent, editObservationMutation, edit(own, map[string]any{}), palabre.EINVALID},
		{"a rejection without a response", w.Secretariat, answerObservationMutation, answer(own, "disposition", "REJECTED"), palabre.EINVALID},
		{"a partial acceptance with a blank response", w.Secretariat, answerObservationMutation,
			answer(own, "disposition", "PARTIALLY_ACCEPTED", "response", " "), palabre.EINVALID},
		{"out of scope without a response", w.Secretariat, answerObservationMutation, answer(own, "disposition", "OUT_OF_SCOPE"), palabre.EINVALID},
		{"taken into the consulted version itself", w.Secretariat, answerObservationMutation,
			answer(own, "takenIntoVersionID", c.version.ID), palabre.EINVALID},
		{"taken into a version of another strategy", w.Secretariat, answerObservationMutation,
			answer(own, "takenIntoVersionID", adoptedV1.ID), palabre.EINVALID},
		{"rejected yet taken into a later version", w.Secretariat, answerObservationMutation,
			answer(own, "disposition", "REJECTED", "response", "Hors sujet", "takenIntoVersionID", v2.ID), palabre.EINVALID},
		// Invitations.
		{"uninviting an agency that has spoken", w.Secretariat, uninviteMutation,
			map[string]any{"id": open, "rev": c.round(open).Revision, "a": w.Security.ID}, palabre.ECONFLICT},
		{"uninviting the only guest", w.Secretariat, uninviteMutation,
			map[string]any{"id": planned, "rev": c.round(planned).Revision, "a": w.Security.ID}, palabre.EINVALID},
		{"answering with a stale revision", w.Secretariat, answerObservationMutation,
			map[string]any{"in": map[string]any{"observationID": own, "revision": c.observation(own).Revision + 1, "disposition": "ACCEPTED"}}, palabre.ECONFLICT},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c.refused(t, tc.token, tc.query, tc.vars, tc.code)
		})
	}
}

func TestAnAgencyDraftsEditsSubmitsAndWithdraws(t *testing.T) {
	t.Parallel()
	c := newConsulting(t)
	w := c.World
	round := c.openRound(w.Security, w.Justice)

	type obs struct {
		ID                                           pulid.ID
		Revision                                     int
		Status, Kind, Body, ProposedText, TargetKind string
		TargetID                                     *pulid.ID
		TargetCode, TargetTitle                      string
		SubmittedAt                                  *time.Time
		Agency                                       struct{ Acronym string }
		Author                                       *struct{ Email string }
	}
	var created struct{ SubmitObservation struct{ Observation obs } }
	c.OK(t, w.SecurityAgent, submitObservationMutation, submission(round, "Le CERT doit être rattaché à la Présidence.",
		"targetKind", "ACTION_ITEM", "targetID", w.Incidents.ID, "kind", "OBJECTION", "draft", true), &created)
	o := created.SubmitObservation.Observation
	if o.Status != "DRAFT" || o.SubmittedAt != nil || o.Agency.Acronym != "ANSSI" || o.Author == nil || o.Author.Email != "anssi@palabre.test" {
		t.Fatalf("a draft of the security agency: %+v", o)
	}
	if o.TargetCode != "A2.1" || o.TargetTitle != w.Incidents.Title || o.TargetID == nil || *o.TargetID != w.Incidents.ID {
		t.Errorf("the target as consulted: %q %q %v", o.TargetCode, o.TargetTitle, o.TargetID)
	}

	var edited struct{ EditObservation struct{ Observation obs } }
	c.OK(t, w.SecurityAgent, editObservationMutation, map[string]any{"id": o.ID, "rev": o.Revision, "in": map[string]any{
		"kind": "AMENDMENT", "body": "Rattacher le CERT à la Primature.", "proposedText": "Créer le CERT national, rattaché à la Primature",
	}}, &edited)
	if e := edited.EditObservation.Observation; e.Status != "DRAFT" || e.Kind != "AMENDMENT" || e.Revision != o.Revision+1 {
		t.Errorf("an edited draft: %+v", e)
	}
	c.OK(t, w.SecurityAgent, editObservationMutation, map[string]any{"id": o.ID, "rev": o.Revision + 1, "in": map[string]any{"submit": true}}, &edited)
	if e := edited.EditObservation.Observation; e.Status != "SUBMITTED" || e.SubmittedAt == nil || e.Body != "Rattacher le CERT à la Primature." {
		t.Errorf("a submitted draft: %+v", e)
	}
	c.refused(t, w.SecurityAgent, editObservationMutation, map[string]any{"id": o.ID, "rev": o.Revision + 2, "in": map[string]any{"proposedText": ""}}, palabre.EINVALID)
	c.OK(t, w.SecurityAgent, editObservationMutation, map[string]any{"id": o.ID, "rev": o.Revision + 2, "in": map[string]any{"kind": "QUESTION", "body": "Pourquoi pas la Primature ?"}}, nil)

	// Answered, it no longer changes.
	c.answer(o.ID, "PARTIALLY_ACCEPTED", "Le rattachement sera tranché en atelier.")
	c.refused(t, w.SecurityAgent, editObservationMutation, map[string]any{"id": o.ID, "rev": c.observation(o.ID).Revision, "in": map[string]any{"body": "Encore"}}, palabre.ECONFLICT)
	c.refused(t, w.SecurityAgent, withdrawObservationMutation, map[string]any{"id": o.ID, "rev": c.observation(o.ID).Revision}, palabre.ECONFLICT)

	// Withdrawn, it stays on record.
	other := c.submit(w.SecurityAgent, submission(round, "Soutien au pilier juridique", "kind", "SUPPORT"))
	var withdrawn struct{ WithdrawObservation struct{ Observation obs } }
	c.OK(t, w.SecurityAgent, withdrawObservationMutation, map[string]any{"id": other, "rev": c.observation(other).Revision}, &withdrawn)
	if s := withdrawn.WithdrawObservation.Observation.Status; s != "WITHDRAWN" {
		t.Errorf("a withdrawn observation is %s", s)
	}
}

func TestARetriedSubmissionIsStoredOnce(t *testing.T) {
	t.Parallel()
	c := newConsulting(t)
	w := c.World
	round := c.openRound(w.Security, w.Justice)
	stored := func() int {
		n, err := c.Client.Observation.Query().Count(access.SystemContext(context.Background()))
		if err != nil {
			t.Fatal(err)
		}
		return n
	}

	first := c.submit(w.SecurityAgent, submission(round, "Première rédaction", "idempotencyKey", "envoi-42"))
	before := c.fingerprint()
	var retried struct {
		SubmitObservation struct {
			Observation struct {
				ID   pulid.ID
				Body string
			}
		}
	}
	c.OK(t, w.SecurityAgent, submitObservationMutation, submission(round, "Première rédaction", "idempotencyKey", "envoi-42"), &retried)
	if got := retried.SubmitObservation.Observation; got.ID != first || got.Body != "Première rédaction" {
		t.Errorf("a retry returned %+v, want the first observation %s unchanged", got, first)
	}
	if c.fingerprint() != before || stored() != 1 {
		t.Errorf("a retry stored something: %d observations", stored())
	}

	// The key of another request is not a retry: it is refused, not answered
	// with the first observation.
	for _, other := range []map[string]any{
		submission(round, "Seconde rédaction", "idempotencyKey", "envoi-42"),
		submission(round, "Première rédaction", "idempotencyKey", "envoi-42", "kind", "QUESTION"),
		submission(round, "Première rédaction", "idempotencyKey", "envoi-42", "targetKind", "OBJECTIVE", "targetID", w.DraftLegal.ID),
		submission(round, "Première rédaction", "idempotencyKey", "envoi-42", "draft", true, "kind", "SUPPORT"),
	} {
		if msg := c.refused(t, w.SecurityAgent, submitObservationMutation, other, palabre.ECONFLICT); !strings.Contains(msg, "envoi-42") || !strings.Contains(msg, "another request") {
			t.Errorf("reusing a key for another request: %q does not say the key was used for another request", msg)
		}
	}

	// The same key from another agency is another key.
	other := c.submit(w.JusticeAgent, submission(round, "Avis du ministère de la Justice", "idempotencyKey", "envoi-42"))
	if other == first || stored() != 2 {
		t.Errorf("another agency's key returned %s (the first is %s), %d stored", other, first, stored())
	}

	// A retry arriving after the round closed still finds the first.
	c.act("closeConsultation", round)
	if again := c.submit(w.SecurityAgent, submission(round, "Première rédaction", "idempotencyKey", "envoi-42")); again != first || stored() != 2 {
		t.Errorf("a late retry returned %s, want %s", again, first)
	}
}

// observationsSeen lists the observations of a round a caller reaches through
// its edge, and reports whether node() of each ID finds it.
func (c *consulting) observationsSeen(t *testing.T, token string, round pulid.ID) []pulid.ID {
	t.Helper()
	var out struct {
		Node *struct {
			Observations struct {
				TotalCount int
				Edges      []struct{ Node struct{ ID pulid.ID } }
			}
		}
	}
	c.hidden(t, token, `query($id: ID!) { node(id: $id) { ... on Consultation { observations(first: 100) { totalCount edges { node { id } } } } } }`,
		round, &out)
	if out.Node == nil {
		return nil
	}
	var ids []pulid.ID
	for _, e := range out.Node.Observations.Edges {
		ids = append(ids, e.Node.ID)
	}
	if out.Node.Observations.TotalCount != len(ids) {
		t.Errorf("totalCount %d for %d observations", out.Node.Observations.TotalCount, len(ids))
	}
	slices.Sort(ids)
	return ids
}

// observationsListed is observationsSeen through the list of rounds, where
// nested connections are loaded eagerly (and privacy once regressed there).
func (c *consulting) observationsListed(t *testing.T, token string, round pulid.ID) []pulid.ID {
	t.Helper()
	var out struct {
		Consultations struct {
			Edges []struct {
				Node struct {
					ID           pulid.ID
					Observations struct {
						Edges []struct{ Node struct{ ID pulid.ID } }
					}
				}
			}
		}
	}
	c.OK(t, token, `{ consultations(first: 100) { edges { node { id observations(first: 100) { edges { node { id } } } } } } }`, nil, &out)
	var ids []pulid.ID
	for _, r := range out.Consultations.Edges {
		if r.Node.ID != round {
			continue
		}
		for _, e := range r.Node.Observations.Edges {
			ids = append(ids, e.Node.ID)
		}
	}
	slices.Sort(ids)
	return ids
}

// nodeVisible reports whether node(id) finds the object for the caller.
func (c *consulting) nodeVisible(t *testing.T, token string, id pulid.ID) bool {
	t.Helper()
	var out struct{ Node *struct{ ID pulid.ID } }
	c.hidden(t, token, `query($id: ID!) { node(id: $id) { id } }`, id, &out)
	return out.Node != nil
}

// hidden sends a query of node(id) that may find nothing: it must then fail
// with NOT_FOUND, and with nothing else.
func (c *consulting) hidden(t *testing.T, token, query string, id pulid.ID, v any) {
	t.Helper()
	res := c.Do(t, token, query, map[string]any{"id": id})
	if len(res.Errors) > 0 && (len(res.Errors) > 1 || res.Code() != palabre.ENOTFOUND) {
		t.Fatalf("unexpected errors: %+v", res.Errors)
	}
	if err := json.Unmarshal(res.Data, v); err != nil {
		t.Fatal(err)
	}
}

func sorted(ids ...pulid.ID) []pulid.ID {
	out := slices.Clone(ids)
	slices.Sort(out)
	return out
}

func TestDraftsAreSeenOnlyByTheirAgency(t *testing.T) {
	t.Parallel()
	c := newConsulting(t)
	w := c.World
	round := c.openRound(w.Security, w.Justice)
	draft := c.submit(w.SecurityAgent, submission(round, "Brouillon de l'ANSSI", "draft", true))
	said := c.submit(w.SecurityAgent, submission(round, "Avis de l'ANSSI"))

	check := func(when string) {
		t.Helper()
		for who, token := range map[string]string{"secretariat": w.Secretariat, "reviewer": w.Reviewer, "justice": w.JusticeAgent, "admin": w.Admin} {
			if c.nodeVisible(t, token, draft) || slices.Contains(c.observationsSeen(t, token, round), draft) {
				t.Errorf("%s: the %s sees the security agency's draft", when, who)
			}
		}
		if !c.nodeVisible(t, w.SecurityAgent, draft) || !slices.Contains(c.observationsSeen(t, w.SecurityAgent, round), draft) {
			t.Errorf("%s: the security agency does not see its own draft", when)
		}
	}
	check("while the round is open")
	c.answer(said, "ACCEPTED", "")
	c.act("closeConsultation", round)
	c.act("consolidateConsultation", round)
	check("once the round is consolidated")
}

// matrixOf reads a round's response matrix with a token; nil when the caller
// cannot see the round.
type responseMatrix struct {
	Groups []struct {
		TargetKind, TargetCode, TargetTitle string
		TargetID                            *pulid.ID
		Observations                        []struct {
			ID                           pulid.ID
			Kind, Status, Body, Response string
			Agency                       struct{ Acronym string }
		}
	}
	ByAgency []struct {
		Agency struct{ Acronym string }
		Count  int
	}
	ByStatus []struct {
		Status string
		Count  int
	}
	Unanswered, Total int
}

func (c *consulting) matrixOf(t *testing.T, token string, round pulid.ID) *responseMatrix {
	t.Helper()
	var out struct {
		Node *struct{ ResponseMatrix responseMatrix }
	}
	c.hidden(t, token, responseMatrixQuery, round, &out)
	if out.Node == nil {
		return nil
	}
	return &out.Node.ResponseMatrix
}

func (m *responseMatrix) ids() []pulid.ID {
	var ids []pulid.ID
	for _, g := range m.Groups {
		for _, o := range g.Observations {
			ids = append(ids, o.ID)
		}
	}
	slices.Sort(ids)
	return ids
}

func TestWhoReadsTheResponseMatrix(t *testing.T) {
	t.Parallel()
	c := newConsulting(t)
	w := c.World
	round := c.openRound(w.Security, w.Justice)
	security1 := c.submit(w.SecurityAgent, submission(round, "Avis 1 de l'ANSSI"))
	security2 := c.submit(w.SecurityAgent, submission(round, "Avis 2 de l'ANSSI", "targetKind", "OBJECTIVE", "targetID", w.DraftLegal.ID))
	justice := c.submit(w.JusticeAgent, submission(round, "Avis du MJ", "targetKind", "ACTION_ITEM", "targetID", w.Law.ID))
	all := sorted(security1, security2, justice)

	// Who sees which observations: through the matrix, the round's edge, and node().
	expect := func(when string, want map[string][]pulid.ID) {
		t.Helper()
		tokens := map[string]string{"secretariat": w.Secretariat, "reviewer": w.Reviewer, "security": w.SecurityAgent,
			"justice": w.JusticeAgent, "uninvited regulator": c.RegulatorAgent, "public": ""}
		for who, token := range tokens {
			var viaMatrix []pulid.ID
			if m := c.matrixOf(t, token, round); m != nil {
				viaMatrix = m.ids()
				if m.Total != len(viaMatrix) {
					t.Errorf("%s, %s: total %d for %d observations", when, who, m.Total, len(viaMatrix))
				}
			}
			viaEdge := c.observationsSeen(t, token, round)
			viaList := c.observationsListed(t, token, round)
			var viaNode []pulid.ID
			for _, id := range all {
				if c.nodeVisible(t, token, id) {
					viaNode = append(viaNode, id)
				}
			}
			for how, got := range map[string][]pulid.ID{"the matrix": viaMatrix, "the round's observations": viaEdge,
				"the list of rounds": viaList, "node()": viaNode} {
				if !slices.Equal(got, want[who]) {
					t.Errorf("%s, %s sees through %s %v, want %v", when, who, how, got, want[who])
				}
			}
		}
	}
	expect("while the round is open", map[string][]pulid.ID{
		"secretariat": all, "reviewer": all,
		"security": sorted(security1, security2), "justice": {justice},
	})
	for _, id := range all {
		c.answer(id, "REJECTED", "Le texte couvre déjà ce point.")
	}
	c.act("closeConsultation", round)
	c.act("consolidateConsultation", round)
	expect("once the round is consolidated (the strategy is still a draft)", map[string][]pulid.ID{
		"secretariat": all, "reviewer": all, "security": all, "justice": all,
	})

	// The public reads the matrix of consolidated rounds of adopted strategies.
	adopted := c.publish(w.Adopted.ID, "Stratégie adoptée")
	public := c.plan(adopted, -1, 24*60, w.Security)
	said := c.submit(w.SecurityAgent, submission(public, "Avis sur la stratégie adoptée", "targetKind", "OBJECTIVE", "targetID", w.AdoptedCooperation.ID))
	if m := c.matrixOf(t, "", public); m == nil || m.Total != 0 || c.nodeVisible(t, "", said) {
		t.Errorf("before consolidation the public sees %+v of the adopted strategy's round", m)
	}
	c.answer(said, "ACCEPTED", "")
	c.act("closeConsultation", public)
	c.act("consolidateConsultation", public)
	if m := c.matrixOf(t, "", public); m == nil || !slices.Equal(m.ids(), []pulid.ID{said}) || !c.nodeVisible(t, "", said) {
		t.Errorf("once consolidated the public sees %+v of the adopted strategy's round", m)
	}
	if got := c.observationsSeen(t, "", public); !slices.Equal(got, []pulid.ID{said}) {
		t.Errorf("through the round's edge the public sees %v", got)
	}
}

func TestTheResponseMatrixFollowsTheText(t *testing.T) {
	t.Parallel()
	c := newConsulting(t)
	w := c.World
	round := c.openRound(w.Security, w.Justice)
	// Submitted out of the order of the text.
	onIncidents := c.submit(w.JusticeAgent, submission(round, "Le MJ doit siéger au comité du CERT.", "targetKind", "ACTION_ITEM", "targetID", w.Incidents.ID))
	onLegal := c.submit(w.SecurityAgent, submission(round, "Objectif trop large.", "targetKind", "OBJECTIVE", "targetID", w.DraftLegal.ID, "kind", "OBJECTION"))
	onStrategy := c.submit(w.SecurityAgent, submission(round, "Nous soutenons la stratégie.", "kind", "SUPPORT"))
	onLaw := c.submit(w.JusticeAgent, submission(round, "Préciser la loi visée.", "targetKind", "ACTION_ITEM", "targetID", w.Law.ID,
		"kind", "AMENDMENT", "proposedText", "Réviser la loi n° 2008-11 sur la cybercriminalité"))
	onIncidents2 := c.submit(w.SecurityAgent, submission(round, "Quel budget pour le CERT ?", "targetKind", "ACTION_ITEM", "targetID", w.Incidents.ID, "kind", "QUESTION"))
	onTechnical := c.submit(w.JusticeAgent, submission(round, "Remarque retirée", "targetKind", "OBJECTIVE", "targetID", w.DraftTechnical.ID))
	c.OK(t, w.JusticeAgent, withdrawObservationMutation, map[string]any{"id": onTechnical, "rev": c.observation(onTechnical).Revision}, nil)
	c.submit(w.SecurityAgent, submission(round, "Brouillon", "targetKind", "OBJECTIVE", "targetID", w.DraftLegal.ID, "draft", true))
	c.answer(onStrategy, "ACCEPTED", "")
	c.answer(onIncidents, "REJECTED", "Le comité du CERT est technique.")

	m := c.matrixOf(t, w.Secretariat, round)
	type group struct {
		code  string
		ids   []pulid.ID
		title string
	}
	want := []group{
		{"", []pulid.ID{onStrategy}, w.Draft.Title},
		{"OS1", []pulid.ID{onLegal}, w.DraftLegal.Title},
		{"A1.1", []pulid.ID{onLaw}, w.Law.Title},
		{"OS2", []pulid.ID{onTechnical}, w.DraftTechnical.Title},
		{"A2.1", []pulid.ID{onIncidents, onIncidents2}, w.Incidents.Title},
	}
	var got []group
	for _, g := range m.Groups {
		var ids []pulid.ID
		for _, o := range g.Observations {
			ids = append(ids, o.ID)
		}
		got = append(got, group{g.TargetCode, ids, g.TargetTitle})
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("groups\n got %v\nwant %v", got, want)
	}
	if g := m.Groups[0]; g.TargetKind != "STRATEGY" || g.TargetID != nil {
		t.Errorf("the first group is on the whole strategy: %+v", g)
	}
	if g := m.Groups[4]; g.TargetKind != "ACTION_ITEM" || g.TargetID == nil || *g.TargetID != w.Incidents.ID ||
		g.Observations[0].Agency.Acronym != "MJ" || g.Observations[0].Status != "REJECTED" || g.Observations[0].Response != "Le comité du CERT est technique." {
		t.Errorf("the group of A2.1: %+v", g)
	}
	byAgency := fmt.Sprint(m.ByAgency)
	byStatus := fmt.Sprint(m.ByStatus)
	if byAgency != "[{{ANSSI} 3} {{MJ} 3}]" || byStatus != "[{SUBMITTED 3} {ACCEPTED 1} {REJECTED 1} {WITHDRAWN 1}]" || m.Unanswered != 3 || m.Total != 6 {
		t.Errorf("counts: by agency %s, by status %s, %d unanswered, %d in all", byAgency, byStatus, m.Unanswered, m.Total)
	}
}

func TestConsolidationWaitsForEveryAnswer(t *testing.T) {
	t.Parallel()
	c := newConsulting(t)
	w := c.World
	round := c.openRound(w.Security, w.Justice)
	first := c.submit(w.SecurityAgent, submission(round, "Premier avis"))
	second := c.submit(w.JusticeAgent, submission(round, "Second avis", "kind", "OBJECTION"))
	c.submit(w.JusticeAgent, submission(round, "Brouillon jamais envoyé", "draft", true)) // drafts are not waited for
	c.answer(first, "PARTIALLY_ACCEPTED", "Retenu pour l'axe 2.")
	c.answer(first, "ACCEPTED", "") // the secretariat may answer again
	c.act("closeConsultation", round)

	consolidate := func() map[string]any { return map[string]any{"id": round, "rev": c.round(round).Revision} }
	if msg := c.refused(t, w.Secretariat, roundAction("consolidateConsultation"), consolidate(), palabre.ECONFLICT); !strings.Contains(msg, "1 submitted observation") {
		t.Errorf("the refusal %q does not count the unanswered observation", msg)
	}
	c.answer(second, "OUT_OF_SCOPE", "Relève du code pénal, hors du champ de la stratégie.")
	c.act("consolidateConsultation", round)
	c.refused(t, w.Secretariat, answerObservationMutation, map[string]any{"in": map[string]any{
		"observationID": second, "revision": c.observation(second).Revision, "disposition": "ACCEPTED"}}, palabre.ECONFLICT)
}

func TestAnAnswerRecordsWhoWhenAndWhere(t *testing.T) {
	t.Parallel()
	c := newConsulting(t)
	w := c.World
	round := c.openRound(w.Security)
	id := c.submit(w.SecurityAgent, submission(round, "Ajouter un indicateur de délai de traitement.", "targetKind", "ACTION_ITEM", "targetID", w.Incidents.ID))
	v2 := c.publish(w.Draft.ID, "Après consultation")

	var out struct {
		AnswerObservation struct {
			Observation struct {
				Status, Response string
				RespondedAt      *time.Time
				RespondedBy      *struct{ Email string }
				TakenInto        *struct{ Number int }
			}
		}
	}
	c.OK(t, w.Secretariat, answerObservationMutation, map[string]any{"in": map[string]any{
		"observationID": id, "revision": c.observation(id).Revision, "disposition": "PARTIALLY_ACCEPTED",
		"response": "Un indicateur est ajouté ; le délai reste à fixer.", "takenIntoVersionID": v2.ID,
	}}, &out)
	got := out.AnswerObservation.Observation
	if got.Status != "PARTIALLY_ACCEPTED" || got.RespondedAt == nil || got.RespondedBy == nil || got.RespondedBy.Email != "secretariat@palabre.test" ||
		got.TakenInto == nil || got.TakenInto.Number != 2 {
		t.Errorf("the answer as stored: %+v", got)
	}

	// The agency reads the answer to its own observation.
	var seen struct {
		Node struct {
			Status, Response string
			TakenInto        *struct{ Number int }
		}
	}
	c.OK(t, w.SecurityAgent, `query($id: ID!) { node(id: $id) { ... on Observation { status response takenInto { number } } } }`, map[string]any{"id": id}, &seen)
	if seen.Node.Status != "PARTIALLY_ACCEPTED" || seen.Node.Response != "Un indicateur est ajouté ; le délai reste à fixer." {
		t.Errorf("the agency reads %+v", seen.Node)
	}

	// Answered again as rejected, it is taken into no version any more.
	c.answer(id, "REJECTED", "Finalement écarté.")
	if o, err := c.Client.Observation.Query().Where(observation.ID(id)).WithTakenInto().Only(access.SystemContext(context.Background())); err != nil || o.Edges.TakenInto != nil {
		t.Errorf("a rejected observation is still taken into %v (%v)", o.Edges.TakenInto, err)
	}
}

// matrixCSV fetches a round's response matrix as CSV with a token.
func (c *consulting) matrixCSV(t *testing.T, token string, round pulid.ID) (*http.Response, []byte) {
	t.Helper()
	url := strings.TrimSuffix(c.URL, "/graphql") + "/consultations/" + string(round) + "/response-matrix.csv"
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, body
}

func TestTheResponseMatrixAsCSV(t *testing.T) {
	t.Parallel()
	c := newConsulting(t)
	w := c.World
	round := c.openRound(w.Security, w.Justice)
	objection := c.submit(w.SecurityAgent, submission(round, "Le rattachement du CERT à l'ANSSI n'est pas « évident » : préciser.",
		"targetKind", "ACTION_ITEM", "targetID", w.Incidents.ID, "kind", "OBJECTION"))
	c.submit(w.JusticeAgent, submission(round, "=HYPERLINK(\"http://exemple.test\")"))
	c.answer(objection, "REJECTED", "La décision relève de l'atelier de validation ; maintenu en l'état.")

	res, body := c.matrixCSV(t, w.Secretariat, round)
	if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/csv") {
		t.Fatalf("status %d, content type %q: %s", res.StatusCode, res.Header.Get("Content-Type"), body)
	}
	if !bytes.HasPrefix(body, []byte("\ufeff")) {
		t.Fatalf("the CSV does not start with a byte-order mark: %q", body[:min(len(body), 10)])
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(body, []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 || rows[0][0] != "target code" {
		t.Fatalf("want a header and two rows, got %q", rows)
	}
	// The whole strategy first, then A2.1.
	if got := rows[1]; got[0] != "" || got[2] != "MJ" || got[5] != "'=HYPERLINK(\"http://exemple.test\")" {
		t.Errorf("the row on the whole strategy, with its formula made inert: %q", got)
	}
	want := []string{"A2.1", w.Incidents.Title, "ANSSI", "OBJECTION", "REJECTED",
		"Le rattachement du CERT à l'ANSSI n'est pas « évident » : préciser.", "",
		"La décision relève de l'atelier de validation ; maintenu en l'état."}
	if got := rows[2]; !slices.Equal(got[:8], want) || got[8] == "" {
		t.Errorf("the row of the objection\n got %q\nwant %q and a time", got, want)
	}

	// The same visibility as the API: an agency reads its own rows before
	// consolidation; the public and uninvited agencies find no round.
	if _, body := c.matrixCSV(t, w.JusticeAgent, round); bytes.Contains(body, []byte("ANSSI")) || !bytes.Contains(body, []byte("MJ")) {
		t.Errorf("the justice ministry reads another agency's row before consolidation: %s", body)
	}
	for who, token := range map[string]string{"the public": "", "an uninvited agency": c.RegulatorAgent} {
		if res, body := c.matrixCSV(t, token, round); res.StatusCode != http.StatusNotFound {
			t.Errorf("%s gets %d: %s", who, res.StatusCode, body)
		}
	}
}

func TestTheResponseMatrixCostsAFixedNumberOfStatements(t *testing.T) {
	t.Parallel()
	var n atomic.Int64
	s := apitest.New(t, dbtest.WithDriver(func(d dialect.Driver) dialect.Driver { return counter{d, &n} }))
	c := &consulting{Server: s, t: t}
	c.version = c.publish(s.World.Draft.ID, "Projet")
	small := c.openRound(s.World.Security, s.World.Justice)
	large := c.openRound(s.World.Security, s.World.Justice)
	c.submit(s.World.SecurityAgent, submission(small, "Seul avis"))
	for i := range 12 {
		token, target := s.World.SecurityAgent, s.World.Incidents.ID
		if i%2 == 0 {
			token, target = s.World.JusticeAgent, s.World.Law.ID
		}
		c.submit(token, submission(large, fmt.Sprintf("Avis n° %d", i), "targetKind", "ACTION_ITEM", "targetID", target))
	}
	count := func(round pulid.ID) int64 {
		n.Store(0)
		if m := c.matrixOf(t, s.World.Reviewer, round); m == nil {
			t.Fatal("the reviewer does not see the round")
		}
		return n.Load()
	}
	count(small) // warm up: authentication may record the token's last use
	if one, twelve := count(small), count(large); one == 0 {
		t.Fatal("no statement was counted: the counter sees nothing")
	} else if one != twelve {
		t.Errorf("the matrix of 1 observation costs %d statements, of 12 observations %d", one, twelve)
	}
}
