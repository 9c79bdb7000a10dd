package graph_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"entgo.io/ent/dialect"

	"github.com/palabre/palabre/access"
	"github.com/palabre/palabre/database/dbtest"
	"github.com/palabre/palabre/ent/objective"
	"github.com/palabre/palabre/ent/schema/pulid"
	"github.com/palabre/palabre/internal/apitest"
)

// screen returns the document of a screen of the frontend contract
// (frontend-contract/operations/<file>.graphql) with the shared fragments it
// uses, as a frontend sends it.
func screen(t *testing.T, file string) string {
	t.Helper()
	read := func(name string) string {
		src, err := os.ReadFile(filepath.Join("..", "frontend-contract", "operations", name+".graphql"))
		if err != nil {
			t.Fatal(err)
		}
		return string(src)
	}
	doc := read(file)
	fragments := read("fragments")
	for added := true; added; { // until every fragment used, fragments' own included, is there
		added = false
		for _, m := range regexp.MustCompile(`\.\.\.([A-Z]\w*)`).FindAllStringSubmatch(doc, -1) {
			start := strings.Index(fragments, "fragment "+m[1]+" ")
			if start < 0 || strings.Contains(doc, "fragment "+m[1]+" ") {
				continue
			}
			end := strings.Index(fragments[start:], "\n}\n")
			doc += "\n" + fragments[start:start+end+3]
			added = true
		}
	}
	return doc
}

// screenCounter is the test world with the statements sent counted.
type screenCounter struct {
	*apitest.Server
	n atomic.Int64
}

func newScreenCounter(t *testing.T) *screenCounter {
	t.Helper()
	c := &screenCounter{}
	c.Server = apitest.New(t, dbtest.WithDriver(func(d dialect.Driver) dialect.Driver { return counter{d, &c.n} }))
	return c
}

// statements returns how many statements a screen's operation sent, after a
// first run that lets authentication record the token's last use.
func (c *screenCounter) statements(t *testing.T, token, doc, operation string, vars map[string]any) int64 {
	t.Helper()
	send := func() {
		body := c.DoOperation(t, token, doc, operation, vars)
		if len(body.Errors) > 0 {
			t.Fatalf("%s: %+v", operation, body.Errors)
		}
	}
	send()
	c.n.Store(0)
	send()
	return c.n.Load()
}

// TestTheScreensDoNotMultiplyStatements: every list screen of the frontend
// contract costs as many statements for many rows as for few (no N+1), with
// the documents the contract publishes.
func TestTheScreensDoNotMultiplyStatements(t *testing.T) {
	t.Parallel()
	c := newScreenCounter(t)
	w := c.World
	ctx := access.SystemContext(context.Background())

	plan := screen(t, "action-plan-by-agency")
	overdue := screen(t, "overdue-items")
	detail := screen(t, "strategy-detail")
	audit := screen(t, "audit-trail")
	type measure struct {
		name, token, doc, operation string
		vars                        map[string]any
	}
	measures := []measure{
		{"action plan by agency", w.Reviewer, plan, "ActionPlanByAgency", map[string]any{"agencyID": w.Security.ID}},
		{"action plan led by agency", w.Reviewer, plan, "ActionPlanLedByAgency", map[string]any{"agencyID": w.Security.ID}},
		{"overdue items", w.Reviewer, overdue, "OverdueItems", map[string]any{"on": apitest.Today.Format(time.RFC3339)}},
		{"strategy detail", w.Reviewer, detail, "StrategyDetail", map[string]any{"id": w.Draft.ID}},
		{"audit trail", w.Admin, audit, "AuditTrail", map[string]any{"entityID": w.Incidents.ID}},
	}
	update := `mutation($id: ID!, $rev: Int!, $p: Int!) { updateActionItem(id: $id, revision: $rev, input: { progress: $p }) { actionItem { id } } }`
	change := func(token string, progress int) {
		c.OK(t, token, update, map[string]any{"id": w.Incidents.ID, "rev": c.Item(t, w.Incidents.ID).Revision, "p": progress}, nil)
	}
	change(w.Secretariat, 5) // one event with an actor

	before := map[string]int64{}
	for _, m := range measures {
		before[m.name] = c.statements(t, m.token, m.doc, m.operation, m.vars)
	}

	// More of everything: objectives and items led by the security agency,
	// overdue, with supporters; more changes of an item.
	for o := 3; o <= 5; o++ {
		obj := c.NewObjective(t, w.Draft, fmt.Sprintf("OS%d", o), objective.PillarCapacityDevelopment)
		for i := 1; i <= 4; i++ {
			item := c.NewItemUnder(t, obj, fmt.Sprintf("A%d.%d", o, i), w.Security, w.Justice, w.Regulator)
			if err := item.Update().SetDueDate(apitest.Today.AddDate(0, -1, -i)).Exec(ctx); err != nil {
				t.Fatal(err)
			}
		}
	}
	for i := range 4 {
		change(w.Secretariat, 10*(i+1))
	}

	for _, m := range measures {
		if after := c.statements(t, m.token, m.doc, m.operation, m.vars); after != before[m.name] {
			t.Errorf("%s: %d statements, then %d with more rows", m.name, before[m.name], after)
		}
	}
}

// TestTheConsultationScreensDoNotMultiplyStatements: an agency's inbox, the
// response matrix, and a round's observations with their author and who
// answered them cost as many statements for many observations as for one.
func TestTheConsultationScreensDoNotMultiplyStatements(t *testing.T) {
	t.Parallel()
	var n atomic.Int64
	c := &consulting{Server: apitest.New(t, dbtest.WithDriver(func(d dialect.Driver) dialect.Driver { return counter{d, &n} })), t: t}
	w := c.World
	c.version = c.publish(w.Draft.ID, "Projet soumis à consultation")
	first := c.openRound(w.Security, w.Justice)
	second := c.openRound(w.Security, w.Justice)
	later := c.publish(w.Draft.ID, "Version 2")
	answered := func(round pulid.ID, token, body string) {
		id := c.submit(token, submission(round, body, "targetKind", "ACTION_ITEM", "targetID", w.Incidents.ID))
		c.OK(t, w.Secretariat, answerObservationMutation, map[string]any{"in": map[string]any{
			"observationID": id, "revision": c.observation(id).Revision, "disposition": "PARTIALLY_ACCEPTED",
			"response": "Retenu en partie", "takenIntoVersionID": later.ID,
		}}, nil)
	}
	answered(first, w.SecurityAgent, "Une seule observation")

	inbox := screen(t, "consultation-inbox")
	matrix := screen(t, "response-matrix")
	const observations = `query($id: ID!) { node(id: $id) { ... on Consultation {
		observations(first: 50) { totalCount edges { node { id author { name } respondedBy { name } agency { acronym } takenInto { number } } } }
		responseMatrix { groups { observations { author { name } respondedBy { name } takenInto { number } } } } } } }`
	count := func(token, doc, operation string, vars map[string]any) int64 {
		t.Helper()
		send := func() {
			if res := c.DoOperation(t, token, doc, operation, vars); len(res.Errors) > 0 {
				t.Fatalf("%s: %+v", operation, res.Errors)
			}
		}
		send() // authentication may record the token's last use
		n.Store(0)
		send()
		return n.Load()
	}
	measure := func(round pulid.ID) map[string]int64 {
		return map[string]int64{
			"the agency's inbox":              count(w.SecurityAgent, inbox, "ConsultationInbox", nil),
			"the response matrix":             count(w.Reviewer, matrix, "ResponseMatrix", map[string]any{"consultationID": round}),
			"observations with their authors": count(w.Secretariat, observations, "", map[string]any{"id": round}),
		}
	}
	before := measure(first)
	for i := range 3 {
		answered(second, w.SecurityAgent, fmt.Sprintf("Avis de l'ANSSI n° %d", i))
		answered(second, w.JusticeAgent, fmt.Sprintf("Avis du ministère n° %d", i))
	}
	for screen, after := range measure(second) {
		if after != before[screen] {
			t.Errorf("%s: %d statements for one observation, %d for several", screen, before[screen], after)
		}
	}
}
