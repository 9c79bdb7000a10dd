package graph_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/access"
	"github.com/palabre/palabre/internal/apitest"
)

// operation is one mutation, prepared against the world so that it would
// succeed for a caller allowed to make it.
type operation struct {
	name    string
	allowed []string // the callers who may make it
	prepare func(t *testing.T, s *apitest.Server, n int) (query string, vars map[string]any)
}

var operations = []operation{
	{"createAgency", []string{"admin"}, func(t *testing.T, s *apitest.Server, n int) (string, map[string]any) {
		return `mutation($in: CreateAgencyInput!) { createAgency(input: $in) { agency { id } } }`,
			map[string]any{"in": map[string]any{"name": "Agence de test", "acronym": fmt.Sprintf("AT%d", n), "kind": "CERT", "country": "SN"}}
	}},
	{"updateAgency", []string{"admin"}, func(t *testing.T, s *apitest.Server, n int) (string, map[string]any) {
		a := s.Agency(t, s.World.Regulator.ID)
		return `mutation($id: ID!, $rev: Int!) { updateAgency(id: $id, revision: $rev, input: {name: "ARTP renommée"}) { agency { id } } }`,
			map[string]any{"id": a.ID, "rev": a.Revision}
	}},
	{"deleteAgency", []string{"admin"}, func(t *testing.T, s *apitest.Server, n int) (string, map[string]any) {
		a := s.NewAgency(t, fmt.Sprintf("DEL%d", n))
		return `mutation($id: ID!) { deleteAgency(id: $id) { deletedID } }`, map[string]any{"id": a.ID}
	}},
	{"createAccount", []string{"admin"}, func(t *testing.T, s *apitest.Server, n int) (string, map[string]any) {
		return `mutation($in: CreateAccountInput!) { createAccount(input: $in) { account { id } } }`,
			map[string]any{"in": map[string]any{"name": "Nouvel agent", "email": fmt.Sprintf("agent%d@palabre.test", n), "role": "REVIEWER"}}
	}},
	{"createAPIToken", []string{"admin"}, func(t *testing.T, s *apitest.Server, n int) (string, map[string]any) {
		return `mutation($id: ID!) { createAPIToken(input: {accountID: $id, label: "ci"}) { token } }`,
			map[string]any{"id": s.Account(t, "reviewer@palabre.test").ID}
	}},
	{"revokeAPIToken (the reviewer's own)", []string{"admin", "reviewer"}, func(t *testing.T, s *apitest.Server, n int) (string, map[string]any) {
		_, tok, err := access.IssueToken(access.SystemContext(context.Background()), s.Client, "reviewer@palabre.test", "spare", 0)
		if err != nil {
			t.Fatal(err)
		}
		return `mutation($id: ID!) { revokeAPIToken(id: $id) { apiToken { revokedAt } } }`, map[string]any{"id": tok.ID}
	}},
	{"createStrategy", []string{"secretariat"}, func(t *testing.T, s *apitest.Server, n int) (string, map[string]any) {
		return `mutation($in: CreateStrategyInput!) { createStrategy(input: $in) { strategy { id status } } }`,
			map[string]any{"in": map[string]any{"title": "Nouvelle stratégie", "country": "SN", "startYear": 2030, "endYear": 2035, "ownerAgencyID": s.World.Ministry.ID}}
	}},
	{"updateStrategy", []string{"secretariat"}, func(t *testing.T, s *apitest.Server, n int) (string, map[string]any) {
		st := s.Strategy(t, s.World.Draft.ID)
		return `mutation($id: ID!, $rev: Int!) { updateStrategy(id: $id, revision: $rev, input: {summary: "Résumé révisé"}) { strategy { id } } }`,
			map[string]any{"id": st.ID, "rev": st.Revision}
	}},
	{"createObjective", []string{"secretariat"}, func(t *testing.T, s *apitest.Server, n int) (string, map[string]any) {
		return `mutation($in: CreateObjectiveInput!) { createObjective(input: $in) { objective { id } } }`,
			map[string]any{"in": map[string]any{"strategyID": s.World.Draft.ID, "code": fmt.Sprintf("OS%d", 10+n), "title": "Former les talents", "pillar": "CAPACITY_DEVELOPMENT"}}
	}},
	{"createActionItem", []string{"secretariat"}, func(t *testing.T, s *apitest.Server, n int) (string, map[string]any) {
		return `mutation($in: CreateActionItemInput!) { createActionItem(input: $in) { actionItem { id } } }`,
			map[string]any{"in": map[string]any{"objectiveID": s.World.DraftLegal.ID, "code": fmt.Sprintf("A1.%d", 10+n), "title": "Adopter un décret", "leadAgencyID": s.World.Justice.ID}}
	}},
	{"updateActionItem progress", []string{"secretariat"}, func(t *testing.T, s *apitest.Server, n int) (string, map[string]any) {
		// An agency reports progress with a report (fileProgressReport below),
		// which sets the item's progress and status; the secretariat still may.
		it := s.Item(t, s.World.Budapest.ID)
		return `mutation($id: ID!, $rev: Int!) { updateActionItem(id: $id, revision: $rev, input: {progress: 60, status: IN_PROGRESS}) { actionItem { progress } } }`,
			map[string]any{"id": it.ID, "rev": it.Revision}
	}},
	{"fileProgressReport", []string{"lead agency"}, func(t *testing.T, s *apitest.Server, n int) (string, map[string]any) {
		// Progress is reported on the items of adopted strategies, which every agency reads.
		return fileReportMutation, report(s.World.Budapest.ID, apitest.Today.Format("2006-01-02T15:04:05Z"), 60, "IN_PROGRESS")
	}},
	{"updateActionItem plan", []string{"secretariat"}, func(t *testing.T, s *apitest.Server, n int) (string, map[string]any) {
		it := s.Item(t, s.World.Incidents.ID)
		return `mutation($id: ID!, $rev: Int!) { updateActionItem(id: $id, revision: $rev, input: {title: "Créer le CERT national"}) { actionItem { title } } }`,
			map[string]any{"id": it.ID, "rev": it.Revision}
	}},
	{"deleteActionItem", []string{"secretariat"}, func(t *testing.T, s *apitest.Server, n int) (string, map[string]any) {
		it := s.NewItem(t, fmt.Sprintf("A9.%d", n))
		return `mutation($id: ID!) { deleteActionItem(id: $id) { deletedID } }`, map[string]any{"id": it.ID}
	}},
	{"createIndicator", []string{"secretariat"}, func(t *testing.T, s *apitest.Server, n int) (string, map[string]any) {
		return `mutation($in: CreateIndicatorInput!) { createIndicator(input: $in) { indicator { id } } }`,
			map[string]any{"in": map[string]any{"name": "Incidents traités", "unit": "incidents", "actionItemID": s.World.Incidents.ID, "target": 500}}
	}},
}

// callers are every kind of caller, with their token.
func callers(w *apitest.World) map[string]string {
	return map[string]string{
		"public":       "",
		"admin":        w.Admin,
		"secretariat":  w.Secretariat,
		"reviewer":     w.Reviewer,
		"lead agency":  w.SecurityAgent,
		"other agency": w.JusticeAgent,
	}
}

// TestWhoMayChangeWhat is the role × operation table of issue 2: each caller
// either succeeds or gets FORBIDDEN (UNAUTHENTICATED for the public).
func TestWhoMayChangeWhat(t *testing.T) {
	t.Parallel()
	s := apitest.New(t)
	n := 0 // makes every acronym, e-mail and code unique
	for caller, token := range callers(s.World) {
		for _, op := range operations {
			n++
			t.Run(caller+"/"+op.name, func(t *testing.T) {
				query, vars := op.prepare(t, s, n)
				before := s.Fingerprint(t)
				res := s.Do(t, token, query, vars)
				allowed := contains(op.allowed, caller)
				switch {
				case allowed && len(res.Errors) > 0:
					t.Fatalf("%s should be allowed to %s: %+v", caller, op.name, res.Errors)
				case !allowed && caller == "public" && res.Code() != palabre.EUNAUTHENTICATED:
					t.Fatalf("the public should be asked to authenticate, got %+v", res.Errors)
				case !allowed && caller != "public" && res.Code() != palabre.EFORBIDDEN:
					t.Fatalf("%s should be forbidden to %s, got %+v (data %s)", caller, op.name, res.Errors, res.Data)
				}
				if !allowed && s.Fingerprint(t) != before {
					t.Fatalf("a refused %s changed the database", op.name)
				}
			})
		}
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
