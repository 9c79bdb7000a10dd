package graph_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/palabre/palabre/access"
	"github.com/palabre/palabre/ent/schema/pulid"
)

// TestTheRoundsCounterFollowsEveryChange: observations submitted, kept as
// drafts and withdrawn by two agencies at once, then answered and one
// deleted, leave the store's counter (observation_counts, which totalCount
// reads) equal to counting the rows, on both stores; and totalCount is the
// same as counting, for a reviewer (from the counter) and for an agency
// (counted: its drafts are its own).
func TestTheRoundsCounterFollowsEveryChange(t *testing.T) {
	t.Parallel()
	c := newConsulting(t)
	w := c.World
	round := c.openRound(w.Security, w.Justice)

	var (
		wg        sync.WaitGroup
		mu        sync.Mutex
		submitted []pulid.ID
		justice   pulid.ID // one of the justice ministry's, answered, then deleted
	)
	for _, token := range []string{w.SecurityAgent, w.JusticeAgent} {
		for i := range 6 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				var out struct {
					SubmitObservation struct{ Observation struct{ ID pulid.ID } }
				}
				res := c.Do(t, token, submitObservationMutation, submission(round, fmt.Sprintf("Observation %d", i), "draft", i%3 == 0))
				if len(res.Errors) > 0 {
					t.Errorf("submitting: %+v", res.Errors)
					return
				}
				if err := json.Unmarshal(res.Data, &out); err != nil {
					t.Error(err)
					return
				}
				id := out.SubmitObservation.Observation.ID
				if i%3 == 1 {
					if res := c.Do(t, token, withdrawObservationMutation, map[string]any{"id": id, "rev": 1}); len(res.Errors) > 0 {
						t.Errorf("withdrawing: %+v", res.Errors)
					}
					return
				}
				if i%3 == 2 {
					mu.Lock()
					submitted = append(submitted, id)
					if token == w.JusticeAgent {
						justice = id
					}
					mu.Unlock()
				}
			}()
		}
	}
	wg.Wait()
	for i, id := range submitted {
		c.answer(id, []string{"ACCEPTED", "REJECTED"}[i%2], "Réponse motivée.")
	}

	ctx := context.Background()
	table := func(query string) string {
		t.Helper()
		rows, err := c.Client.QueryContext(ctx, query)
		if err != nil {
			t.Fatalf("%s: %v", query, err)
		}
		defer rows.Close()
		var lines []string
		for rows.Next() {
			var round, status, agency string
			var n int64
			if err := rows.Scan(&round, &status, &agency, &n); err != nil {
				t.Fatal(err)
			}
			lines = append(lines, fmt.Sprintf("%s %s %s %d", round, status, agency, n))
		}
		return strings.Join(lines, "\n")
	}
	counted := func() string {
		return table(`SELECT consultation_observations, status, observation_agency, COUNT(*) FROM observations GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`)
	}
	kept := func() string {
		return table(`SELECT consultation_observations, status, observation_agency, n FROM observation_counts WHERE n <> 0 ORDER BY 1, 2, 3`)
	}
	if got, want := kept(), counted(); got != want || want == "" {
		t.Errorf("the counter:\n%s\ncounting the rows:\n%s", got, want)
	}
	if _, err := c.Client.ExecContext(ctx, `DELETE FROM observations WHERE id = $1`, string(justice)); err != nil {
		t.Fatal(err)
	}
	if got, want := kept(), counted(); got != want {
		t.Errorf("after a delete, the counter:\n%s\ncounting the rows:\n%s", got, want)
	}

	total := func(token string) int {
		var out struct {
			Node struct{ Observations struct{ TotalCount int } }
		}
		c.OK(t, token, `query($id: ID!) { node(id: $id) { ... on Consultation { observations { totalCount } } } }`, map[string]any{"id": round}, &out)
		return out.Node.Observations.TotalCount
	}
	// 12 submitted, 4 of them drafts, 1 of the justice ministry's deleted.
	if n := total(w.Reviewer); n != 7 {
		t.Errorf("a reviewer's totalCount is %d, want 7", n)
	}
	if n := total(w.SecurityAgent); n != 6 {
		t.Errorf("an agency's totalCount is %d, want its own 6 (drafts included)", n)
	}
	// The reviewer's is read from the counter: a counter made wrong shows.
	if _, err := c.Client.ExecContext(ctx, `UPDATE observation_counts SET n = n + 100 WHERE status = 'SUBMITTED'`); err != nil {
		t.Fatal(err)
	}
	if n := total(w.Reviewer); n < 100 {
		t.Errorf("a reviewer's totalCount is %d after the counter gained 100s: it is not read from the counter", n)
	}
}

// TestEveryReadersTotalCountComesFromTheCounter: for every reader (the
// public, invited agencies, an agency not invited, a reviewer, the
// secretariat), a round's totalCount equals the observations it lists, in a
// consolidated round of an adopted strategy and in an open one, drafts
// included; and it is read from the counter: a counter made wrong shows to
// each reader who sees any observation.
func TestEveryReadersTotalCountComesFromTheCounter(t *testing.T) {
	t.Parallel()
	c := newConsulting(t)
	w := c.World
	adopted := c.publish(w.Adopted.ID, "Stratégie adoptée")
	public := c.plan(adopted, -1, 24*60, w.Security, w.Justice)
	open := c.openRound(w.Security, w.Justice)
	for _, round := range []pulid.ID{public, open} {
		for i, token := range []string{w.SecurityAgent, w.SecurityAgent, w.JusticeAgent} {
			id := c.submit(token, submission(round, fmt.Sprintf("Avis n° %d", i)))
			if round == public {
				c.answer(id, "ACCEPTED", "")
			}
		}
		c.submit(w.SecurityAgent, submission(round, "Brouillon de l'ANSSI", "draft", true))
		c.submit(w.JusticeAgent, submission(round, "Brouillon du ministère", "draft", true))
	}
	c.act("closeConsultation", public)
	c.act("consolidateConsultation", public)

	type seen struct{ total, listed int }
	read := func(token string, round pulid.ID) seen {
		var out struct {
			Node *struct {
				Observations struct {
					TotalCount int
					Edges      []struct{ Node struct{ ID pulid.ID } }
				}
			}
		}
		res := c.Do(t, token, `query($id: ID!) { node(id: $id) { ... on Consultation { observations(first: 100) { totalCount edges { node { id } } } } } }`,
			map[string]any{"id": round})
		if res.Code() == "NOT_FOUND" { // a round the reader may not read
			return seen{}
		}
		if len(res.Errors) > 0 {
			t.Fatalf("reading round %s: %+v", round, res.Errors)
		}
		if err := json.Unmarshal(res.Data, &out); err != nil {
			t.Fatal(err)
		}
		return seen{out.Node.Observations.TotalCount, len(out.Node.Observations.Edges)}
	}
	readers := map[string]string{"the public": "", "an invited agency": w.SecurityAgent, "another invited agency": w.JusticeAgent,
		"an agency not invited": c.RegulatorAgent, "a reviewer": w.Reviewer, "the secretariat": w.Secretariat}
	rounds := map[string]pulid.ID{"consolidated": public, "open": open}
	before := map[string]seen{}
	for reader, token := range readers {
		for name, round := range rounds {
			s := read(token, round)
			if s.total != s.listed {
				t.Errorf("%s, %s round: totalCount %d, lists %d", reader, name, s.total, s.listed)
			}
			before[reader+name] = s
		}
	}
	if s := before["the public"+"consolidated"]; s.listed != 3 {
		t.Errorf("the public lists %d observations of the consolidated round, want the 3 submitted", s.listed)
	}
	if s := before["an invited agency"+"open"]; s.listed != 3 {
		t.Errorf("an agency lists %d observations of the open round, want its own 3 (its draft included)", s.listed)
	}

	if _, err := c.Client.ExecContext(access.SystemContext(context.Background()), `UPDATE observation_counts SET n = n + 1000`); err != nil {
		t.Fatal(err)
	}
	for reader, token := range readers {
		for name, round := range rounds {
			if was := before[reader+name]; was.listed > 0 {
				if now := read(token, round); now.total < 1000 {
					t.Errorf("%s, %s round: totalCount %d after the counter gained 1000s: it is not read from the counter", reader, name, now.total)
				}
			}
		}
	}
}
