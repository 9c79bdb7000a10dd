package graph_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/internal/apitest"
)

type items struct {
	ActionItems struct {
		TotalCount int
		PageInfo   struct {
			HasNextPage, HasPreviousPage bool
			StartCursor, EndCursor       *string
		}
		Edges []struct {
			Node struct {
				Code, Title, Status string
				LeadAgency          struct{ Acronym string }
			}
		}
	}
}

func (r items) codes() []string {
	var out []string
	for _, e := range r.ActionItems.Edges {
		out = append(out, e.Node.Code)
	}
	return out
}

const itemsQuery = `query($where: ActionItemWhereInput, $order: ActionItemOrder, $first: Int, $last: Int, $after: Cursor, $before: Cursor,
	$search: String, $overdueOn: Time, $agencyID: ID) {
	actionItems(where: $where, orderBy: $order, first: $first, last: $last, after: $after, before: $before,
		search: $search, overdueOn: $overdueOn, agencyID: $agencyID) {
		totalCount
		pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
		edges { node { code title status leadAgency { acronym } } }
	}
}`

func TestReviewersQuestionsAreOneQueryEach(t *testing.T) {
	t.Parallel()
	s := apitest.New(t)
	w := s.World
	byCode := map[string]any{"field": "CODE", "direction": "ASC"}
	for _, c := range []struct {
		question string
		vars     map[string]any
		want     []string
	}{
		{"the action plan of one agency, led and supported", map[string]any{"agencyID": w.Justice.ID, "order": byCode}, []string{"A1.1", "A2.1"}},
		{"items the agency leads", map[string]any{"where": map[string]any{"hasLeadAgencyWith": []any{map[string]any{"acronym": "ANSSI"}}}, "order": byCode}, []string{"A1.1", "A2.1", "A2.2"}},
		{"items overdue on a date", map[string]any{"overdueOn": apitest.Today.Format("2006-01-02T15:04:05Z")}, []string{"A2.1"}},
		{"items of one pillar", map[string]any{"where": map[string]any{"hasObjectiveWith": []any{map[string]any{"pillar": "TECHNICAL"}}}, "order": byCode}, []string{"A2.1", "A2.2"}},
		{"items by status and priority", map[string]any{"where": map[string]any{"status": "NOT_STARTED", "priority": "HIGH"}}, []string{"A2.2"}},
		{"items of one strategy", map[string]any{"where": map[string]any{"hasStrategyWith": []any{map[string]any{"id": w.Adopted.ID}}}}, []string{"A1.1"}},
		{"items due in a window", map[string]any{"where": map[string]any{"dueDateGTE": "2026-01-01T00:00:00Z", "dueDateLT": "2027-01-01T00:00:00Z"}, "order": map[string]any{"field": "DUE_DATE", "direction": "DESC"}}, []string{"A2.1", "A1.1"}},
		{"search ignoring accents", map[string]any{"search": "securite"}, []string{"A2.1"}},
		{"search ignoring case and accents the other way", map[string]any{"search": "SÉCURISER"}, []string{"A2.2"}},
		{"search in descriptions", map[string]any{"search": "operationnel"}, []string{"A2.1"}},
	} {
		t.Run(c.question, func(t *testing.T) {
			var r items
			s.OK(t, w.Reviewer, itemsQuery, c.vars, &r)
			if got := r.codes(); !slices.Equal(got, c.want) || r.ActionItems.TotalCount != len(c.want) {
				t.Errorf("got %v (total %d), want %v", got, r.ActionItems.TotalCount, c.want)
			}
		})
	}
}

func TestAStrategysWholePlanInOneQuery(t *testing.T) {
	t.Parallel()
	s := apitest.New(t)
	var r struct {
		Node struct {
			Title      string
			Objectives struct {
				Edges []struct {
					Node struct {
						Code        string
						ActionItems struct {
							Edges []struct {
								Node struct {
									Code               string
									LeadAgency         struct{ Acronym string }
									SupportingAgencies []struct{ Acronym string }
								}
							}
						}
					}
				}
			}
		}
	}
	s.OK(t, s.World.Reviewer, `query($id: ID!) { node(id: $id) { ... on Strategy { title
		objectives(orderBy: {field: POSITION}) { edges { node { code
			actionItems(orderBy: {field: CODE}) { edges { node { code leadAgency { acronym } supportingAgencies { acronym } } } } } } } } } }`,
		map[string]any{"id": s.World.Draft.ID}, &r)
	var got []string
	for _, o := range r.Node.Objectives.Edges {
		for _, i := range o.Node.ActionItems.Edges {
			got = append(got, fmt.Sprintf("%s/%s:%s+%d", o.Node.Code, i.Node.Code, i.Node.LeadAgency.Acronym, len(i.Node.SupportingAgencies)))
		}
	}
	want := []string{"OS1/A1.1:MJ+1", "OS2/A2.1:ANSSI+1", "OS2/A2.2:ANSSI+1"}
	if !slices.Equal(got, want) || r.Node.Title != s.World.Draft.Title {
		t.Errorf("plan = %v, want %v", got, want)
	}
}

func TestPaginationBothWays(t *testing.T) {
	t.Parallel()
	s := apitest.New(t)
	w := s.World
	for i := 0; i < 23; i++ {
		s.NewItem(t, fmt.Sprintf("B%02d", i))
	}
	order := map[string]any{"field": "CODE", "direction": "ASC"}
	where := map[string]any{"codeHasPrefix": "B"}

	var page items
	s.OK(t, w.Reviewer, itemsQuery, map[string]any{"where": where, "order": order}, &page)
	if len(page.ActionItems.Edges) != 20 || page.ActionItems.TotalCount != 23 || !page.ActionItems.PageInfo.HasNextPage {
		t.Fatalf("without first or last, a page holds 20 of 23 items: got %d of %d", len(page.ActionItems.Edges), page.ActionItems.TotalCount)
	}

	var next items
	s.OK(t, w.Reviewer, itemsQuery, map[string]any{"where": where, "order": order, "first": 10, "after": page.ActionItems.PageInfo.EndCursor}, &next)
	if got := next.codes(); !slices.Equal(got, []string{"B20", "B21", "B22"}) || next.ActionItems.PageInfo.HasNextPage {
		t.Errorf("after the first page: %v", got)
	}

	var back items
	s.OK(t, w.Reviewer, itemsQuery, map[string]any{"where": where, "order": order, "last": 2, "before": next.ActionItems.PageInfo.StartCursor}, &back)
	if got := back.codes(); !slices.Equal(got, []string{"B18", "B19"}) || !back.ActionItems.PageInfo.HasPreviousPage {
		t.Errorf("backwards from B20: %v", got)
	}

	for _, n := range []int{101, -1} {
		s.Fails(t, w.Reviewer, itemsQuery, map[string]any{"first": n}, palabre.EINVALID)
		s.Fails(t, w.Reviewer, itemsQuery, map[string]any{"last": n}, palabre.EINVALID)
	}
	s.Fails(t, w.Reviewer, itemsQuery, map[string]any{"first": 2, "last": 2}, palabre.EINVALID)
	s.Fails(t, w.Reviewer, itemsQuery, map[string]any{"after": "not-a-cursor"}, palabre.EINVALID)
	s.Fails(t, w.Reviewer, itemsQuery, map[string]any{"overdueOn": "yesterday"}, palabre.EINVALID)
	// Nested connections are bounded too.
	s.Fails(t, w.Reviewer, `{ strategies { edges { node { objectives(first: 500) { totalCount } } } } }`, nil, palabre.EINVALID)
}

func TestNodeLookupKnowsEveryType(t *testing.T) {
	t.Parallel()
	s := apitest.New(t)
	w := s.World
	for id, typ := range map[string]string{
		string(w.Security.ID): "Agency", string(w.Draft.ID): "Strategy",
		string(w.DraftLegal.ID): "Objective", string(w.Incidents.ID): "ActionItem",
		string(s.Account(t, "mj@palabre.test").ID): "Account",
	} {
		var r struct{ Node struct{ Typename, ID string } }
		s.OK(t, w.Admin, `query($id: ID!) { node(id: $id) { typename: __typename id } }`, map[string]any{"id": id}, &r)
		if r.Node.Typename != typ || r.Node.ID != id {
			t.Errorf("node(%s) = %+v, want a %s", id, r.Node, typ)
		}
	}
	// An ID of the right shape that names nothing is NOT_FOUND, as is a draft
	// for the public; a malformed one is bad input.
	s.Fails(t, w.Admin, `{ node(id: "AI01JZZZZZZZZZZZZZZZZZZZZZZZ") { id } }`, nil, palabre.ENOTFOUND)
	s.Fails(t, "", `query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": w.Incidents.ID}, palabre.ENOTFOUND)
	s.Fails(t, w.Admin, `query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": "42"}, palabre.EINVALID)
}
