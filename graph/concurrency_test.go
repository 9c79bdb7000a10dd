package graph_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/access"
	"github.com/palabre/palabre/ent/auditevent"
	"github.com/palabre/palabre/ent/schema/pulid"
	"github.com/palabre/palabre/internal/apitest"
)

// writers is how many requests race each other.
const writers = 8

// race sends the requests at once, each from its own goroutine, and returns
// their responses in the same order.
func race(t *testing.T, s *apitest.Server, token string, query string, vars []map[string]any) []*apitest.Response {
	t.Helper()
	responses := make([]*apitest.Response, len(vars))
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i := range vars {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			responses[i] = s.Do(t, token, query, vars[i])
		}()
	}
	close(start)
	wg.Wait()
	return responses
}

const updateTitle = `mutation($id: ID!, $rev: Int!, $title: String!) {
	updateActionItem(id: $id, revision: $rev, input: {title: $title}) { actionItem { title revision } } }`

// TestConcurrentUpdatesOfOneItemOneWins: eight people edit the same revision
// of an item at once. One edit is kept; the seven others are told CONFLICT,
// and nothing of theirs is stored, not even an audit event.
func TestConcurrentUpdatesOfOneItemOneWins(t *testing.T) {
	t.Parallel()
	s := apitest.New(t)
	w := s.World
	it := s.Item(t, w.Incidents.ID)
	events := eventCount(t, s)
	var vars []map[string]any
	for i := range writers {
		vars = append(vars, map[string]any{"id": it.ID, "rev": it.Revision, "title": fmt.Sprintf("Créer le CERT national — version %d", i)})
	}
	won := -1
	for i, res := range race(t, s, w.Secretariat, updateTitle, vars) {
		switch res.Code() {
		case "":
			if won >= 0 {
				t.Fatalf("updates %d and %d both won", won, i)
			}
			won = i
		case palabre.ECONFLICT:
		default:
			t.Errorf("update %d: want success or CONFLICT, got %+v", i, res.Errors)
		}
	}
	if won < 0 {
		t.Fatal("no update won")
	}
	after := s.Item(t, it.ID)
	if after.Revision != it.Revision+1 || after.Title != vars[won]["title"] {
		t.Fatalf("the item is at revision %d with title %q, want %d and %q", after.Revision, after.Title, it.Revision+1, vars[won]["title"])
	}
	if n := eventCount(t, s); n != events+1 {
		t.Fatalf("%d events were written, want the winner's one", n-events)
	}
	verifyChain(t, s)
}

// TestConcurrentUpdatesOfDifferentItemsAllSucceed: edits of different items
// do not conflict, and their events still form one chain.
func TestConcurrentUpdatesOfDifferentItemsAllSucceed(t *testing.T) {
	t.Parallel()
	s := apitest.New(t)
	w := s.World
	var vars []map[string]any
	for i := range writers {
		it := s.NewItem(t, fmt.Sprintf("A1.%d", 20+i))
		vars = append(vars, map[string]any{"id": it.ID, "rev": it.Revision, "title": fmt.Sprintf("Former les magistrats, vague %d", i)})
	}
	for round := range 3 {
		for i, res := range race(t, s, w.Secretariat, updateTitle, vars) {
			if res.Code() != "" {
				t.Fatalf("round %d, update %d: %+v", round, i, res.Errors)
			}
			vars[i]["rev"] = vars[i]["rev"].(int) + 1
		}
	}
	for _, v := range vars {
		if it := s.Item(t, v["id"].(pulid.ID)); it.Revision != 4 {
			t.Errorf("item %s at revision %d after three updates", it.Code, it.Revision)
		}
	}
	checkChainHasNoFork(t, s)
}

// TestCrossedUpdatesDoNotDeadlock: two kinds of operation each update the
// same two items, in opposite orders, in one transaction. Each operation
// takes the head of the audit chain before it writes, so none can hold one
// item while waiting for the other: every operation succeeds or is told
// CONFLICT, never a deadlock.
func TestCrossedUpdatesDoNotDeadlock(t *testing.T) {
	t.Parallel()
	s := apitest.New(t)
	w := s.World
	const crossed = `mutation($first: ID!, $firstRev: Int!, $second: ID!, $secondRev: Int!, $title: String!) {
		a: updateActionItem(id: $first, revision: $firstRev, input: {title: $title}) { actionItem { id } }
		b: updateActionItem(id: $second, revision: $secondRev, input: {title: $title}) { actionItem { id } } }`
	x, y := s.NewItem(t, "A1.30"), s.NewItem(t, "A1.31")
	for round := range 3 {
		x, y = s.Item(t, x.ID), s.Item(t, y.ID)
		var vars []map[string]any
		for i := range writers {
			v := map[string]any{"first": x.ID, "firstRev": x.Revision, "second": y.ID, "secondRev": y.Revision, "title": fmt.Sprintf("Titre %d.%d", round, i)}
			if i%2 == 1 {
				v = map[string]any{"first": y.ID, "firstRev": y.Revision, "second": x.ID, "secondRev": x.Revision, "title": fmt.Sprintf("Titre %d.%d", round, i)}
			}
			vars = append(vars, v)
		}
		wins := 0
		for i, res := range race(t, s, w.Secretariat, crossed, vars) {
			switch res.Code() {
			case "":
				wins++
			case palabre.ECONFLICT:
			default:
				t.Fatalf("round %d, operation %d: want success or CONFLICT, got %+v", round, i, res.Errors)
			}
		}
		if wins != 1 {
			t.Fatalf("round %d: %d operations won", round, wins)
		}
		if nx, ny := s.Item(t, x.ID), s.Item(t, y.ID); nx.Revision != x.Revision+1 || ny.Revision != y.Revision+1 || nx.Title != ny.Title {
			t.Fatalf("round %d: the items moved apart: %d %q, %d %q", round, nx.Revision, nx.Title, ny.Revision, ny.Title)
		}
	}
	checkChainHasNoFork(t, s)
}

// checkChainHasNoFork verifies the chain and that no two events follow the
// same one.
func checkChainHasNoFork(t *testing.T, s *apitest.Server) {
	t.Helper()
	n := verifyChain(t, s)
	ctx := access.SystemContext(context.Background())
	distinct, err := s.Client.AuditEvent.Query().Unique(true).Select(auditevent.FieldPreviousHash).Strings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if int64(len(distinct)) != n {
		t.Fatalf("%d events but %d distinct predecessors: the chain forked", n, len(distinct))
	}
}
