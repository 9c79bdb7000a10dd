package graph_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"

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
