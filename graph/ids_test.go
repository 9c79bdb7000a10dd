package graph_test

import (
	"strings"
	"testing"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/internal/apitest"
)

// Item 8 of issue 7: an ID of the wrong type is BAD_USER_INPUT, an unknown one
// NOT_FOUND, both naming the field, in every ID argument and input field of
// every mutation. They were CONFLICT (« a value that must be unique is already
// taken »), which tells clients to retry in vain, or FORBIDDEN.
func TestWrongAndUnknownIDsAreNamed(t *testing.T) {
	t.Parallel()
	c := newConsulting(t)
	w := c.World
	round := c.openRound(w.Security)
	observation := c.submit(w.SecurityAgent, submission(round, "Avis"))
	const (
		unknownAgency   = "AG01JZZZZZZZZZZZZZZZZZZZZZZZ"
		unknownObs      = "OS01JZZZZZZZZZZZZZZZZZZZZZZZ"
		unknownStrategy = "ST01JZZZZZZZZZZZZZZZZZZZZZZZ"
		unknownAccount  = "AC01JZZZZZZZZZZZZZZZZZZZZZZZ"
	)
	item := c.Item(t, w.Critical.ID)
	createItem := func(k string, v any) map[string]any {
		return map[string]any{"in": map[string]any{"objectiveID": w.DraftLegal.ID, "code": "A1.9", "title": "Adopter le décret", "leadAgencyID": w.Justice.ID, k: v}}
	}
	const (
		createItemMutation = `mutation($in: CreateActionItemInput!) { createActionItem(input: $in) { actionItem { id } } }`
		createStrategy     = `mutation($in: CreateStrategyInput!) { createStrategy(input: $in) { strategy { id } } }`
	)
	strategy := map[string]any{"in": map[string]any{"title": "Stratégie", "country": "SN", "startYear": 2030, "endYear": 2034, "ownerAgencyID": unknownAgency}}
	for _, tc := range []struct {
		name, token, query string
		vars               map[string]any
		code, field        string
	}{
		{"an objective as lead agency", w.Secretariat, createItemMutation, createItem("leadAgencyID", w.DraftLegal.ID), palabre.EINVALID, "leadAgencyID"},
		{"an unknown lead agency", w.Secretariat, createItemMutation, createItem("leadAgencyID", unknownAgency), palabre.ENOTFOUND, "leadAgencyID"},
		{"an unknown owner agency", w.Secretariat, createStrategy, strategy, palabre.ENOTFOUND, "ownerAgencyID"},
		{"a strategy as supporting agency", w.Secretariat, updateItemMutation,
			map[string]any{"id": item.ID, "rev": item.Revision, "in": map[string]any{"addSupportingAgencyIDs": []any{w.Justice.ID, w.Draft.ID}}}, palabre.EINVALID, "addSupportingAgencyIDs[1]"},
		{"an unknown dependency", w.Secretariat, createItemMutation, createItem("dependsOnIDs", []any{"AI01JZZZZZZZZZZZZZZZZZZZZZZZ"}), palabre.ENOTFOUND, "dependsOnIDs[0]"},
		{"an agency as objective", w.Secretariat, createItemMutation, createItem("objectiveID", w.Justice.ID), palabre.EINVALID, "objectiveID"},
		{"a strategy as the item to update", w.Secretariat, updateItemMutation,
			map[string]any{"id": w.Draft.ID, "rev": 1, "in": map[string]any{"title": "x"}}, palabre.EINVALID, "id"},
		{"an unknown agency to delete", w.Admin, `mutation($id: ID!) { deleteAgency(id: $id) { deletedID } }`, map[string]any{"id": unknownAgency}, palabre.ENOTFOUND, "id"},
		{"an unknown strategy to delete", w.Secretariat, `mutation($id: ID!) { deleteStrategy(id: $id) { deletedID } }`, map[string]any{"id": unknownStrategy}, palabre.ENOTFOUND, "id"},
		{"an unknown account for a token", w.Admin, `mutation($in: CreateAPITokenInput!) { createAPIToken(input: $in) { token } }`,
			map[string]any{"in": map[string]any{"accountID": unknownAccount}}, palabre.ENOTFOUND, "accountID"},
		{"an unknown observation to edit", w.SecurityAgent, editObservationMutation,
			map[string]any{"id": unknownObs, "rev": 1, "in": map[string]any{"body": "x"}}, palabre.ENOTFOUND, "id"},
		{"an agency as the observation to withdraw", w.SecurityAgent, withdrawObservationMutation,
			map[string]any{"id": w.Security.ID, "rev": 1}, palabre.EINVALID, "id"},
		{"an agency as an observation's target", w.SecurityAgent, submitObservationMutation,
			map[string]any{"in": map[string]any{"consultationID": round, "targetKind": "OBJECTIVE", "targetID": w.Security.ID, "kind": "COMMENT", "body": "Avis"}}, palabre.EINVALID, "targetID"},
		{"an unknown round", w.SecurityAgent, submitObservationMutation,
			map[string]any{"in": map[string]any{"consultationID": "CO01JZZZZZZZZZZZZZZZZZZZZZZZ", "targetKind": "STRATEGY", "kind": "COMMENT", "body": "Avis"}}, palabre.ENOTFOUND, "consultationID"},
		{"a strategy as the version an answer names", w.Secretariat, answerObservationMutation,
			map[string]any{"in": map[string]any{"observationID": observation, "revision": c.observation(observation).Revision, "disposition": "ACCEPTED", "takenIntoVersionID": w.Draft.ID}}, palabre.EINVALID, "takenIntoVersionID"},
		{"an unknown invited agency", w.Secretariat, planRoundMutation, map[string]any{"in": map[string]any{
			"title": "Consultation", "kind": "WRITTEN", "opensAt": at(60), "closesAt": at(120), "versionID": c.version.ID, "invitedAgencyIDs": []any{w.Justice.ID, unknownAgency}}},
			palabre.ENOTFOUND, "invitedAgencyIDs[1]"},
		{"an objective as the adopted version", w.Secretariat, moveStrategy, map[string]any{"in": map[string]any{
			"strategyID": w.Draft.ID, "revision": 1, "to": "ADOPTED", "adoption": map[string]any{"versionID": w.DraftLegal.ID, "actReference": "Décret", "actDate": "2027-01-12T00:00:00Z"}}},
			palabre.EINVALID, "adoption.versionID"},
		{"a strategy as the agency of a list", w.Reviewer, `query($a: ID) { actionItems(agencyID: $a) { totalCount } }`, map[string]any{"a": w.Draft.ID}, palabre.EINVALID, "agencyID"},
		{"an unknown agency's position", w.Secretariat, recordPosition, position("DE01JZZZZZZZZZZZZZZZZZZZZZZZ", unknownAgency, "a", "b"), palabre.ENOTFOUND, "agencyID"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := c.fingerprint()
			res := c.Do(t, tc.token, tc.query, tc.vars)
			if res.Code() != tc.code {
				t.Fatalf("want %s, got %+v", tc.code, res.Errors)
			}
			if msg := res.Errors[0].Message; !strings.HasPrefix(msg, tc.field+":") || strings.Contains(msg, "unique") {
				t.Errorf("the message should name %s: %s", tc.field, msg)
			}
			if c.fingerprint() != before {
				t.Error("a refused mutation stored something")
			}
		})
	}
}

// TestAReferenceThatBlocksADeletionIsNotAUniqueValue: the store's refusal to
// delete what is still referred to is a CONFLICT that says so.
func TestAReferenceThatBlocksADeletionIsNotAUniqueValue(t *testing.T) {
	t.Parallel()
	s := apitest.New(t)
	w := s.World
	s.OK(t, w.Secretariat, `mutation($in: CreateIndicatorInput!) { createIndicator(input: $in) { indicator { id } } }`,
		map[string]any{"in": map[string]any{"actionItemID": w.Critical.ID, "name": "Sites audités"}}, nil)
	before := s.Fingerprint(t)
	msg := s.Fails(t, w.Secretariat, `mutation($id: ID!) { deleteActionItem(id: $id) { deletedID } }`, map[string]any{"id": w.Critical.ID}, palabre.ECONFLICT)
	if strings.Contains(msg, "unique") || !strings.Contains(msg, "referred") {
		t.Errorf("message: %s", msg)
	}
	if s.Fingerprint(t) != before {
		t.Error("a refused deletion changed something")
	}
}
