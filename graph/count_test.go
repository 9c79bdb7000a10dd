package graph_test

import (
	"context"
	"strings"
	"sync"
	"testing"

	"entgo.io/ent/dialect"

	"github.com/palabre/palabre/database/dbtest"
	"github.com/palabre/palabre/internal/apitest"
)

// recorder keeps the text of the SQL statements sent through the driver it wraps.
type recorder struct {
	dialect.Driver
	mu    *sync.Mutex
	texts *[]string
}

func (r recorder) Query(ctx context.Context, query string, args, v any) error {
	r.mu.Lock()
	*r.texts = append(*r.texts, query)
	r.mu.Unlock()
	return r.Driver.Query(ctx, query, args, v)
}

// counts returns how many of the recorded statements count rows.
func counts(texts []string) int {
	n := 0
	for _, q := range texts {
		if strings.Contains(strings.ToUpper(q), "COUNT(") {
			n++
		}
	}
	return n
}

// TestPageInfoAloneCountsNothing: a screen that pages with pageInfo but shows
// no total must not pay for counting every row of the list (at a million
// observations, the count was most of a page's time). Asking for totalCount
// still counts, and pageInfo stays right.
func TestPageInfoAloneCountsNothing(t *testing.T) {
	t.Parallel()
	var (
		mu    sync.Mutex
		texts []string
	)
	s := apitest.New(t, dbtest.WithDriver(func(d dialect.Driver) dialect.Driver { return recorder{d, &mu, &texts} }))
	w := s.World
	run := func(query string) (statements []string, data struct {
		Strategies struct {
			TotalCount int
			PageInfo   struct{ HasNextPage bool }
			Edges      []struct {
				Node struct {
					Objectives struct {
						TotalCount int
						PageInfo   struct{ HasNextPage bool }
						Edges      []struct{ Node struct{ ID string } }
					}
				}
			}
		}
	}) {
		s.OK(t, w.Reviewer, query, nil, nil) // warm up: authentication may record the token's last use
		mu.Lock()
		texts = nil
		mu.Unlock()
		s.OK(t, w.Reviewer, query, nil, &data)
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), texts...), data
	}

	const paged = `{ strategies(first: 1) { pageInfo { hasNextPage endCursor }
		edges { node { objectives(first: 1) { pageInfo { hasNextPage } edges { node { id } } } } } } }`
	statements, data := run(paged)
	if len(statements) == 0 {
		t.Fatal("no statement was recorded: the recorder is not in the path")
	}
	if n := counts(statements); n != 0 {
		t.Errorf("pageInfo without totalCount sent %d counting statements:\n%s", n, strings.Join(statements, "\n"))
	}
	if !data.Strategies.PageInfo.HasNextPage {
		t.Error("hasNextPage is false on the first of several strategies")
	}
	if len(data.Strategies.Edges) != 1 || !data.Strategies.Edges[0].Node.Objectives.PageInfo.HasNextPage {
		t.Errorf("the first strategy's first objective page says there is no next page: %+v", data.Strategies.Edges)
	}

	const counted = `{ strategies(first: 1) { totalCount pageInfo { hasNextPage }
		edges { node { objectives(first: 1) { totalCount edges { node { id } } } } } } }`
	statements, data = run(counted)
	if n := counts(statements); n != 2 {
		t.Errorf("totalCount at two levels sent %d counting statements, want 2:\n%s", n, strings.Join(statements, "\n"))
	}
	if data.Strategies.TotalCount < 2 || data.Strategies.Edges[0].Node.Objectives.TotalCount < 2 {
		t.Errorf("totals: %+v", data.Strategies)
	}
}
