package database_test

import (
	"fmt"
	"sync"
	"testing"

	entsql "entgo.io/ent/dialect/sql"

	"github.com/palabre/palabre/database"
	"github.com/palabre/palabre/database/dbtest"
)

// count runs SELECT count(*) … through p and returns the count.
func count(t *testing.T, p *database.PreparedReads, query string, args ...any) int {
	t.Helper()
	n, err := countOf(p, query, args...)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func countOf(p *database.PreparedReads, query string, args ...any) (int, error) {
	var rows entsql.Rows
	if err := p.Query(allow(), query, args, &rows); err != nil {
		return 0, fmt.Errorf("%s: %w", query, err)
	}
	defer rows.Close()
	var n int
	if !rows.Next() {
		return 0, fmt.Errorf("%s: no row (%v)", query, rows.Err())
	}
	return n, rows.Scan(&n)
}

// TestPreparedReadsKeepTheRecentStatements: a statement run again is not
// prepared again, the set never holds more than its limit, and a statement
// pushed out while a read still uses it lets that read finish.
func TestPreparedReadsKeepTheRecentStatements(t *testing.T) {
	t.Parallel()
	db, _ := dbtest.OpenDB(t)
	p := database.NewPreparedReads(db, 2)
	query := func(k int) string { return fmt.Sprintf("SELECT count(*) + %d FROM agencies WHERE name <> $1", k) }

	for range 3 {
		if n := count(t, p, query(1), "x"); n != 1 {
			t.Fatalf("got %d, want 1", n)
		}
	}
	if p.Size() != 1 {
		t.Errorf("one statement run three times: %d prepared", p.Size())
	}

	// A read left open on statement 1 while 2 and 3 push it out.
	var open entsql.Rows
	if err := p.Query(allow(), query(1), []any{"x"}, &open); err != nil {
		t.Fatal(err)
	}
	count(t, p, query(2), "x")
	count(t, p, query(3), "x")
	if p.Size() != 2 {
		t.Errorf("limit 2: %d prepared", p.Size())
	}
	var n int
	if !open.Next() || open.Scan(&n) != nil || n != 1 {
		t.Errorf("the read of the pushed-out statement: %d, %v", n, open.Err())
	}
	open.Close()
	open.Close() // closing twice releases once
	if n := count(t, p, query(1), "x"); n != 1 {
		t.Errorf("prepared again after it left: %d", n)
	}
}

// TestPreparedReadsUnderConcurrency: many readers of a few statements, with
// the set smaller than them, all get their answers (go test -race).
func TestPreparedReadsUnderConcurrency(t *testing.T) {
	t.Parallel()
	db, _ := dbtest.OpenDB(t)
	p := database.NewPreparedReads(db, 3)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 25 {
				k := (g + i) % 5
				if n, err := countOf(p, fmt.Sprintf("SELECT count(*) + %d FROM agencies WHERE name <> $1", k), "x"); err != nil || n != k {
					t.Errorf("got %d (%v), want %d", n, err, k)
					return
				}
			}
		}()
	}
	wg.Wait()
	if p.Size() > 3 {
		t.Errorf("%d prepared, limit 3", p.Size())
	}
}
