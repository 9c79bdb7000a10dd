package graph_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/access"
	"github.com/palabre/palabre/internal/apitest"
)

// Item 9 of issue 7: hostile text and times are refused with BAD_USER_INPUT,
// a message that names the field, and nothing stored, identically on both
// stores (a NUL was INTERNAL on PostgreSQL and stored on SQLite).

const (
	createObjectiveMutation = `mutation($in: CreateObjectiveInput!) { createObjective(input: $in) { objective { id } } }`
	updateItemMutation      = `mutation($id: ID!, $rev: Int!, $in: UpdateActionItemInput!) { updateActionItem(id: $id, revision: $rev, input: $in) { actionItem { id dueDate } } }`
)

// refusedNaming sends a request that must be refused with BAD_USER_INPUT, a
// message naming field, no leak of internals and nothing stored.
func refusedNaming(t *testing.T, s *apitest.Server, res func() *apitest.Response, field string) {
	t.Helper()
	before := s.Fingerprint(t)
	r := res()
	if r.Code() != palabre.EINVALID || r.Status >= 500 {
		t.Fatalf("want BAD_USER_INPUT, got status %d and %+v", r.Status, r.Errors)
	}
	msg := r.Errors[0].Message
	if !strings.Contains(msg, field) {
		t.Errorf("the message should name %s: %s", field, msg)
	}
	for _, leak := range []string{"ent:", "sql", "SQL", "pq:", "sqlite", "invalid byte sequence"} {
		if strings.Contains(msg, leak) {
			t.Errorf("message leaks internals (%q): %s", leak, msg)
		}
	}
	if s.Fingerprint(t) != before {
		t.Errorf("a refused request stored something")
	}
}

func TestHostileTextIsRefusedByName(t *testing.T) {
	t.Parallel()
	s := apitest.New(t)
	w := s.World
	objective := func(fields ...any) map[string]any {
		in := map[string]any{"strategyID": w.Draft.ID, "code": "OS9", "title": "Former les magistrats", "pillar": "LEGAL"}
		for i := 0; i < len(fields); i += 2 {
			in[fields[i].(string)] = fields[i+1]
		}
		return map[string]any{"in": in}
	}
	item := s.Item(t, w.Critical.ID)
	for _, c := range []struct {
		name, field, token, query string
		vars                      map[string]any
	}{
		{"NUL in a title", "title", w.Secretariat, createObjectiveMutation, objective("title", "Former\x00les magistrats")},
		{"NUL in a description", "description", w.Secretariat, createObjectiveMutation, objective("description", "Texte\x00")},
		{"a bell in a title", "title", w.Secretariat, createObjectiveMutation, objective("title", "Former\x07")},
		{"an escape in an update", "title", w.Secretariat, updateItemMutation, map[string]any{"id": item.ID, "rev": item.Revision, "in": map[string]any{"title": "\x1b[31mRouge"}}},
		{"a noncharacter", "title", w.Secretariat, createObjectiveMutation, objective("title", "Former\uFFFF")},
		{"whitespace-only title", "title", w.Secretariat, createObjectiveMutation, objective("title", " \t\n ")},
		{"whitespace-only update", "title", w.Secretariat, updateItemMutation, map[string]any{"id": item.ID, "rev": item.Revision, "in": map[string]any{"title": "   "}}},
		{"NUL in a search", "search", w.Reviewer, `query($q: String) { objectives(search: $q) { totalCount } }`, map[string]any{"q": "s\x00"}},
		{"NUL in a where-input", "titleContains", w.Reviewer, `query($q: String) { objectives(where: {titleContains: $q}) { totalCount } }`, map[string]any{"q": "s\x00"}},
		{"NUL in a literal", "search", w.Reviewer, `{ actionItems(search: "a\u0000b") { totalCount } }`, nil},
		{"a search of 100 000 characters", "search", w.Reviewer, `query($q: String) { actionItems(search: $q) { totalCount } }`, map[string]any{"q": strings.Repeat("sécurité ", 11112)}},
		{"a where-input pattern of 60 000 characters", "where.titleContains", w.Reviewer, `query($q: String) { actionItems(where: {titleContains: $q}) { totalCount } }`, map[string]any{"q": strings.Repeat("é", 60000)}},
		{"a nested where-input pattern", "where.and[0].hasLeadAgencyWith[0].nameHasPrefix", w.Reviewer, `query($q: String) { actionItems(where: {and: [{hasLeadAgencyWith: [{nameHasPrefix: $q}]}]}) { totalCount } }`, map[string]any{"q": strings.Repeat("é", 60000)}},
		{"a pattern in a nested list", "where.codeContainsFold", w.Reviewer, `query($id: ID!, $q: String) { node(id: $id) { ... on Strategy { objectives(where: {codeContainsFold: $q}) { totalCount } } } }`, map[string]any{"id": w.Draft.ID, "q": strings.Repeat("x", 201)}},
		{"a search of 201 characters", "search", w.Reviewer, `query($q: String) { strategies(search: $q) { totalCount } }`, map[string]any{"q": strings.Repeat("é", 201)}},
		{"NUL in an idempotency key", "idempotencyKey", w.SecurityAgent, submitObservationMutation, map[string]any{"in": map[string]any{
			"consultationID": "CO01JZZZZZZZZZZZZZZZZZZZZZZZ", "targetKind": "STRATEGY", "kind": "COMMENT", "body": "Avis", "idempotencyKey": "k\x00"}}},
		{"NUL in an observation's body", "body", w.SecurityAgent, submitObservationMutation, map[string]any{"in": map[string]any{
			"consultationID": "CO01JZZZZZZZZZZZZZZZZZZZZZZZ", "targetKind": "STRATEGY", "kind": "COMMENT", "body": "Avis\x00"}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			refusedNaming(t, s, func() *apitest.Response { return s.Do(t, c.token, c.query, c.vars) }, c.field)
		})
	}
	// Tabs and line breaks are text.
	s.OK(t, w.Secretariat, createObjectiveMutation, objective("description", "Ligne 1\r\nLigne 2\tfin"), nil)
	s.OK(t, w.Reviewer, `query($q: String) { objectives(search: $q) { totalCount } }`, map[string]any{"q": strings.Repeat("é", 200)}, nil)
}

// TestTextThatIsNotUTF8IsRefusedByName: the JSON decoder would have changed
// the bytes to U+FFFD without a word.
func TestTextThatIsNotUTF8IsRefusedByName(t *testing.T) {
	t.Parallel()
	s := apitest.New(t)
	w := s.World
	body := `{"query": "mutation($in: CreateObjectiveInput!) { createObjective(input: $in) { objective { id title } } }",
		"variables": {"in": {"strategyID": "` + string(w.Draft.ID) + `", "code": "OS9", "title": "` + "S\xe9curit\xe9" + `", "pillar": "LEGAL"}}}`
	refusedNaming(t, s, func() *apitest.Response { return rawPost(t, s, w.Secretariat, body) }, "title")

	// A lone surrogate escaped in JSON, which the decoder would also replace.
	surrogate := `{"query": "mutation($in: CreateObjectiveInput!) { createObjective(input: $in) { objective { id } } }",
		"variables": {"in": {"strategyID": "` + string(w.Draft.ID) + `", "code": "OS9", "title": "Titre", "description": "moiti\ud83d d'un emoji", "pillar": "LEGAL"}}}`
	refusedNaming(t, s, func() *apitest.Response { return rawPost(t, s, w.Secretariat, surrogate) }, "description")

	get := s.URL + `?query=` + `%7B%20objectives(search%3A%20%22s%E9curit%E9%22)%20%7B%20totalCount%20%7D%20%7D`
	req, _ := http.NewRequest(http.MethodGet, get, nil)
	req.Header.Set("Authorization", "Bearer "+w.Reviewer)
	refusedNaming(t, s, func() *apitest.Response { return decodeResponse(t, req) }, "search")
}

func rawPost(t *testing.T, s *apitest.Server, token, body string) *apitest.Response {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, s.URL, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+token)
	return decodeResponse(t, req)
}

func decodeResponse(t *testing.T, req *http.Request) *apitest.Response {
	t.Helper()
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var b bytes.Buffer
	_, _ = b.ReadFrom(res.Body)
	out := &apitest.Response{Status: res.StatusCode}
	if err := json.Unmarshal(b.Bytes(), out); err != nil {
		t.Fatalf("response is not JSON (status %d): %s", res.StatusCode, b.String())
	}
	return out
}

func TestHostileTimesAreRefusedByName(t *testing.T) {
	t.Parallel()
	s := apitest.New(t)
	w := s.World
	item := s.Item(t, w.Critical.ID)
	update := func(in map[string]any) func() *apitest.Response {
		return func() *apitest.Response {
			return s.Do(t, w.Secretariat, updateItemMutation, map[string]any{"id": item.ID, "rev": item.Revision, "in": in})
		}
	}
	for _, c := range []struct {
		name, field string
		send        func() *apitest.Response
	}{
		// An empty string cleared the date; null is how to clear it.
		{"an empty due date", "dueDate", update(map[string]any{"dueDate": ""})},
		{"the year 9999", "dueDate", update(map[string]any{"dueDate": "9999-12-31T00:00:00Z"})},
		{"the year 1899", "startDate", update(map[string]any{"startDate": "1899-12-31T23:59:59Z"})},
		{"year 2201 once in UTC", "dueDate", update(map[string]any{"dueDate": "2200-12-31T23:00:00-02:00"})},
		{"not a time", "dueDate", update(map[string]any{"dueDate": "demain"})},
		{"an empty filter", "overdueOn", func() *apitest.Response {
			return s.Do(t, w.Reviewer, `{ actionItems(overdueOn: "") { totalCount } }`, nil)
		}},
		{"an empty date in an input of our own", "decidedOn", func() *apitest.Response {
			return s.Do(t, w.Secretariat, settleDecision, map[string]any{"in": map[string]any{
				"decisionID": "DE01JZZZZZZZZZZZZZZZZZZZZZZZ", "revision": 1, "outcome": "x", "body": "VALIDATION_WORKSHOP", "decidedOn": ""}})
		}},
	} {
		t.Run(c.name, func(t *testing.T) { refusedNaming(t, s, c.send, c.field) })
	}
	if after := s.Item(t, w.Critical.ID); after.DueDate == nil || !after.DueDate.Equal(*item.DueDate) {
		t.Errorf("the due date changed: %v", after.DueDate)
	}
	// null still clears it, and the range's ends are accepted.
	s.OK(t, w.Secretariat, updateItemMutation, map[string]any{"id": item.ID, "rev": item.Revision, "in": map[string]any{"startDate": "1900-01-01T00:00:00Z", "dueDate": "2200-12-31T23:59:59Z"}}, nil)
	s.OK(t, w.Secretariat, updateItemMutation, map[string]any{"id": item.ID, "rev": item.Revision + 1, "in": map[string]any{"clearDueDate": true}}, nil)
	if after := s.Item(t, w.Critical.ID); after.DueDate != nil {
		t.Errorf("clearDueDate left %v", after.DueDate)
	}
}

// TestGoCallersFollowTheSameRules: the command line, the demo and any Go
// caller write through the same client, whose hook checks text and times and
// keeps times in UTC.
func TestGoCallersFollowTheSameRules(t *testing.T) {
	t.Parallel()
	s := apitest.New(t)
	ctx := access.SystemContext(context.Background())
	w := s.World
	_, err := s.Client.Objective.Create().SetStrategyID(w.Draft.ID).SetCode("OS9").SetTitle("Titre\x00").SetPillar("LEGAL").Save(ctx)
	if palabre.ErrorCode(err) != palabre.EINVALID || !strings.Contains(palabre.ErrorMessage(err), "title") {
		t.Errorf("a NUL from a Go caller: %v", err)
	}
	_, err = s.Client.Indicator.Create().SetObjectiveID(w.DraftLegal.ID).SetName("Textes").SetTargetDate(time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)).Save(ctx)
	if palabre.ErrorCode(err) != palabre.EINVALID || !strings.Contains(palabre.ErrorMessage(err), "targetDate") {
		t.Errorf("the year 9999 from a Go caller: %v", err)
	}
	dakar := time.FixedZone("", 2*3600)
	in, err := s.Client.Indicator.Create().SetObjectiveID(w.DraftLegal.ID).SetName("Textes").
		SetTargetDate(time.Date(2027, 6, 1, 10, 0, 0, 0, dakar)).Save(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var read struct{ Node struct{ TargetDate string } }
	s.OK(t, w.Reviewer, `query($id: ID!) { node(id: $id) { ... on Indicator { targetDate } } }`, map[string]any{"id": in.ID}, &read)
	if read.Node.TargetDate != "2027-06-01T08:00:00Z" {
		t.Errorf("read back %s", read.Node.TargetDate)
	}
}
