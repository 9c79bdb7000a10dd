package database

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
)

// Querier runs a query: an *ent.Client (sql/execquery) or a *sql.DB.
type Querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// CounterDrift is a row of the observations' counter (observation_counts,
// kept by triggers: migrategen/counts.go) that differs from counting the rows.
type CounterDrift struct {
	Round, Status, Agency string
	Counter, Counted      int64
}

func (d CounterDrift) Error() string {
	return fmt.Sprintf("round %s, status %s, agency %s: the counter says %d, the rows %d", d.Round, d.Status, d.Agency, d.Counter, d.Counted)
}

// VerifyCounters compares the observations' counter with COUNT(*) per round,
// status and agency, and returns how many (round, status, agency) it checked
// and those that drift, in a stable order.
func VerifyCounters(ctx context.Context, db Querier) (int, []CounterDrift, error) {
	type key struct{ round, status, agency string }
	read := func(query string) (map[key]int64, error) {
		rows, err := db.QueryContext(ctx, query)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		out := map[key]int64{}
		for rows.Next() {
			var k key
			var agency sql.NullString
			var n int64
			if err := rows.Scan(&k.round, &k.status, &agency, &n); err != nil {
				return nil, err
			}
			k.agency = agency.String
			out[k] += n
		}
		return out, rows.Err()
	}
	counter, err := read(`SELECT consultation_observations, status, observation_agency, n FROM observation_counts WHERE n <> 0`)
	if err != nil {
		return 0, nil, fmt.Errorf("reading the observations' counter: %w", err)
	}
	counted, err := read(`SELECT consultation_observations, status, observation_agency, COUNT(*) FROM observations GROUP BY consultation_observations, status, observation_agency`)
	if err != nil {
		return 0, nil, fmt.Errorf("counting the observations: %w", err)
	}
	var drift []CounterDrift
	checked := len(counted)
	for k, n := range counted {
		if counter[k] != n {
			drift = append(drift, CounterDrift{k.round, k.status, k.agency, counter[k], n})
		}
	}
	for k, n := range counter {
		if _, ok := counted[k]; !ok {
			checked++ // a counter row with no observation behind it
			drift = append(drift, CounterDrift{k.round, k.status, k.agency, n, 0})
		}
	}
	sort.Slice(drift, func(i, j int) bool {
		a, b := drift[i], drift[j]
		if a.Round != b.Round {
			return a.Round < b.Round
		}
		if a.Status != b.Status {
			return a.Status < b.Status
		}
		return a.Agency < b.Agency
	})
	return checked, drift, nil
}
