package graph_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/internal/apitest"
)

type titles struct {
	TotalCount int
	Edges      []struct{ Node struct{ ID, Title string } }
}

func (c titles) list() []string {
	var out []string
	for _, e := range c.Edges {
		out = append(out, e.Node.Title)
	}
	return out
}

func TestThePublicReadsOnlyAdoptedStrategies(t *testing.T) {
	t.Parallel()
	s := apitest.New(t)
	w := s.World
	const q = `{ strategies { totalCount edges { node { id title } } } actionItems { totalCount edges { node { id title } } } }`
	var public, reviewer struct{ Strategies, ActionItems titles }
	s.OK(t, "", q, nil, &public)
	s.OK(t, w.Reviewer, q, nil, &reviewer)
	if public.Strategies.TotalCount != 1 || public.Strategies.Edges[0].Node.Title != w.Adopted.Title {
		t.Errorf("the public should see the adopted strategy only, got %v", public.Strategies.list())
	}
	if public.ActionItems.TotalCount != 1 || public.ActionItems.Edges[0].Node.Title != w.Budapest.Title {
		t.Errorf("the public should see the adopted strategy's items only, got %v", public.ActionItems.list())
	}
	if reviewer.Strategies.TotalCount != 2 || reviewer.ActionItems.TotalCount != 4 {
		t.Errorf("a reviewer should see everything, got %d strategies and %d items", reviewer.Strategies.TotalCount, reviewer.ActionItems.TotalCount)
	}
}

func TestThePublicCannotReachDraftsThroughEdgesOrNodes(t *testing.T) {
	t.Parallel()
	s := apitest.New(t)
	w := s.World

	// The security agency leads three draft items and one adopted one.
	var viaAgency struct {
		Node struct{ LedActionItems titles }
	}
	s.OK(t, "", `query($id: ID!) { node(id: $id) { ... on Agency { ledActionItems { totalCount edges { node { id title } } } } } }`,
		map[string]any{"id": w.Security.ID}, &viaAgency)
	if got := viaAgency.Node.LedActionItems; got.TotalCount != 1 || len(got.Edges) != 1 || got.Edges[0].Node.Title != w.Budapest.Title {
		t.Errorf("through an agency's edge the public should reach the adopted item only, got %d: %v", got.TotalCount, got.list())
	}

	// Nested from an adopted item, a dependency on a draft would be hidden too;
	// here: node() of a draft item and of a draft strategy are null.
	res := s.Do(t, "", `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`,
		map[string]any{"ids": []any{w.Incidents.ID, w.Draft.ID, w.DraftLegal.ID, w.Budapest.ID}})
	var nodes struct{ Nodes []*struct{ ID string } }
	if err := json.Unmarshal(res.Data, &nodes); err != nil {
		t.Fatal(err)
	}
	for i, n := range nodes.Nodes[:3] {
		if n != nil {
			t.Errorf("node %d of a draft strategy is visible to the public: %v", i, n)
		}
	}
	if nodes.Nodes[3] == nil || len(res.Errors) != 3 || res.Code() != palabre.ENOTFOUND {
		t.Errorf("want the adopted item and three NOT_FOUND errors, got %+v and %+v", nodes.Nodes[3], res.Errors)
	}

	// Filtering items by their strategy's status finds nothing hidden.
	var filtered struct{ ActionItems titles }
	s.OK(t, "", `{ actionItems(where: {hasStrategyWith: {status: DRAFTING}}) { totalCount edges { node { id title } } } }`, nil, &filtered)
	if filtered.ActionItems.TotalCount != 0 {
		t.Errorf("a where-filter revealed %d draft items to the public", filtered.ActionItems.TotalCount)
	}

	// Filters through an agency's edges towards items and strategies do not
	// exist: they would tell the public that a hidden row exists.
	for _, q := range []string{
		`{ agencies(where: {hasLedActionItemsWith: {titleContains: "incidents"}}) { totalCount } }`,
		`{ agencies(where: {hasOwnedStrategiesWith: {status: DRAFTING}}) { totalCount } }`,
		`{ actionItems(where: {hasDependsOnWith: {titleContains: "x"}}) { totalCount } }`,
	} {
		if res := s.Do(t, "", q, nil); len(res.Errors) == 0 {
			t.Errorf("the edge filter of %s should not exist; got %s", q, res.Data)
		}
	}
}

func TestAccountsAreNotPublic(t *testing.T) {
	t.Parallel()
	s := apitest.New(t)
	w := s.World
	s.Fails(t, "", `{ accounts { totalCount } }`, nil, palabre.EUNAUTHENTICATED)

	var all, own struct{ Accounts struct{ TotalCount int } }
	s.OK(t, w.Admin, `{ accounts { totalCount } }`, nil, &all)
	s.OK(t, w.SecurityAgent, `{ accounts { totalCount } }`, nil, &own)
	if all.Accounts.TotalCount != 5 || own.Accounts.TotalCount != 1 {
		t.Errorf("admin should list 5 accounts and an agent only their own; got %d and %d", all.Accounts.TotalCount, own.Accounts.TotalCount)
	}

	var viewer struct{ Viewer *struct{ Email, Role string } }
	s.OK(t, w.SecurityAgent, `{ viewer { email role } }`, nil, &viewer)
	if viewer.Viewer == nil || viewer.Viewer.Email != "anssi@palabre.test" || viewer.Viewer.Role != "AGENCY" {
		t.Errorf("viewer = %+v", viewer.Viewer)
	}
	s.OK(t, "", `{ viewer { email } }`, nil, &viewer)
	if viewer.Viewer != nil {
		t.Errorf("the public has no viewer, got %+v", viewer.Viewer)
	}
}

func TestAnAgencyReportsProgressOnlyOnItemsItLeads(t *testing.T) {
	t.Parallel()
	s := apitest.New(t)
	w := s.World
	const update = `mutation($id: ID!, $rev: Int!, $in: UpdateActionItemInput!) {
		updateActionItem(id: $id, revision: $rev, input: $in) { actionItem { progress status revision } } }`

	// Progress is reported once a strategy is adopted: every agency reads the
	// Budapest item of the adopted strategy; the justice ministry does not lead it.
	before := s.Item(t, w.Budapest.ID)
	msg := s.Fails(t, w.JusticeAgent, update, map[string]any{"id": before.ID, "rev": before.Revision, "in": map[string]any{"progress": 90}}, palabre.EFORBIDDEN)
	if after := s.Item(t, w.Budapest.ID); after.Progress != before.Progress || after.Revision != before.Revision {
		t.Errorf("a refused update changed the item: %+v", after)
	}
	t.Logf("other agency: %s", msg)

	// The security agency leads it: progress and status are its to report,
	// with a dated report that sets them; a direct change of the item's
	// progress or status is refused with a pointer to the report.
	msg = s.Fails(t, w.SecurityAgent, update, map[string]any{"id": before.ID, "rev": before.Revision, "in": map[string]any{"progress": 75, "status": "DELAYED"}}, palabre.EFORBIDDEN)
	if !strings.Contains(msg, "fileProgressReport") {
		t.Errorf("the refusal should say how to report progress: %s", msg)
	}
	var res filed
	s.OK(t, w.SecurityAgent, fileReportMutation, report(before.ID, apitest.Today.Format("2006-01-02T15:04:05Z"), 75, "DELAYED"), &res)
	if got := res.FileProgressReport.ActionItem; got.Progress != 75 || got.Status != "DELAYED" || got.Revision != before.Revision+1 {
		t.Errorf("progress report not recorded: %+v", got)
	}

	// ...but not the plan: dates, title, lead agency.
	now := s.Item(t, w.Budapest.ID)
	for _, in := range []map[string]any{
		{"title": "Autre titre"},
		{"dueDate": "2030-01-01T00:00:00Z"},
		{"leadAgencyID": w.Justice.ID},
		{"addSupportingAgencyIDs": []any{w.Regulator.ID}},
	} {
		s.Fails(t, w.SecurityAgent, update, map[string]any{"id": now.ID, "rev": now.Revision, "in": in}, palabre.EFORBIDDEN)
	}
	if after := s.Item(t, w.Budapest.ID); after.Title != now.Title || after.Revision != now.Revision {
		t.Errorf("a refused plan change was stored: %+v", after)
	}
}
