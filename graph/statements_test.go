package graph_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"

	"entgo.io/ent/dialect"

	"github.com/palabre/palabre/database/dbtest"
	"github.com/palabre/palabre/ent/objective"
	"github.com/palabre/palabre/internal/apitest"
)

// counter counts the SQL statements sent through the driver it wraps.
type counter struct {
	dialect.Driver
	n *atomic.Int64
}

func (c counter) Exec(ctx context.Context, query string, args, v any) error {
	c.n.Add(1)
	return c.Driver.Exec(ctx, query, args, v)
}

func (c counter) Query(ctx context.Context, query string, args, v any) error {
	c.n.Add(1)
	return c.Driver.Query(ctx, query, args, v)
}

// TestNestedPlanQueriesDoNotMultiplyStatements: strategies → objectives →
// action items → lead and supporting agencies costs as many statements for
// one row at each level as for many (no N+1).
func TestNestedPlanQueriesDoNotMultiplyStatements(t *testing.T) {
	t.Parallel()
	var n atomic.Int64
	s := apitest.New(t, dbtest.WithDriver(func(d dialect.Driver) dialect.Driver { return counter{d, &n} }))
	w := s.World
	// Widen the draft strategy: 6 objectives of 5 items each.
	for o := 3; o <= 6; o++ {
		obj := s.NewObjective(t, w.Draft, fmt.Sprintf("OS%d", o), objective.PillarCapacityDevelopment)
		for i := 1; i <= 5; i++ {
			s.NewItemUnder(t, obj, fmt.Sprintf("A%d.%d", o, i), w.Regulator, w.Justice, w.Security)
		}
	}
	const plan = `query($n: Int!) { strategies(first: $n) { totalCount edges { node { title
		objectives(first: $n) { totalCount edges { node { code
			actionItems(first: $n) { totalCount edges { node { code
				leadAgency { acronym } supportingAgencies { acronym } } } } } } } } } } }`
	count := func(size int) int64 {
		n.Store(0)
		s.OK(t, w.Reviewer, plan, map[string]any{"n": size}, nil)
		return n.Load()
	}
	count(1) // warm up: authentication may record the token's last use
	small, large := count(1), count(20)
	if small == 0 {
		t.Fatal("no statement was counted: the counter sees nothing")
	}
	if small != large {
		t.Errorf("the nested plan query sent %d statements for pages of 1 and %d for pages of 20", small, large)
	}
	t.Logf("%d statements for the whole nested plan", large)
}

// TestRollupsAndInvolvementDoNotGrowWithTheItems: a strategy's, an
// objective's and an agency's rollups, and an agency's involvement with the
// items' progress, cost as many statements with 5 items as with 45: the
// database does the sums.
func TestRollupsAndInvolvementDoNotGrowWithTheItems(t *testing.T) {
	t.Parallel()
	var n atomic.Int64
	s := apitest.New(t, dbtest.WithDriver(func(d dialect.Driver) dialect.Driver { return counter{d, &n} }))
	w := s.World
	const query = `query($s: ID!, $o: ID!, $a: ID!) {
		strategy: node(id: $s) { ... on Strategy { progressRollup { total overdue stale meanProgress budgetWeightedProgress byStatus { status count } } } }
		objective: node(id: $o) { ... on Objective { progressRollup { total overdue stale meanProgress budgetWeightedProgress } } }
		agency: node(id: $a) { ... on Agency { progressRollup { total overdue stale meanProgress budgetWeightedProgress }
			involvedActionItems(first: 100) { totalCount edges { node { code progress status lastReportedAt overdue
				leadAgency { acronym } } } } } } }`
	vars := map[string]any{"s": w.Draft.ID, "o": w.DraftTechnical.ID, "a": w.Regulator.ID}
	count := func() int64 {
		n.Store(0)
		s.OK(t, w.Reviewer, query, vars, nil)
		return n.Load()
	}
	count() // warm up: authentication may record the token's last use
	small := count()
	for i := 1; i <= 40; i++ {
		item := s.NewItemUnder(t, w.DraftTechnical, fmt.Sprintf("A2.%d", 10+i), w.Regulator, w.Justice)
		if _, err := s.Client.ActionItem.UpdateOneID(item.ID).SetProgress(i).SetEstimatedBudget(int64(1000 * i)).
			SetBudgetCurrency("XOF").SetStatus("IN_PROGRESS").Save(systemContext()); err != nil {
			t.Fatal(err)
		}
	}
	large := count()
	if small == 0 {
		t.Fatal("no statement was counted: the counter sees nothing")
	}
	if small != large {
		t.Errorf("rollups and involvement sent %d statements with 5 items and %d with 45", small, large)
	}
	t.Logf("%d statements for three rollups and an agency's involvement", large)
}
