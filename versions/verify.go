package versions

import (
	"context"
	"fmt"

	"github.com/palabre/palabre/access"
	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/schema/pulid"
	"github.com/palabre/palabre/ent/strategy"
	"github.com/palabre/palabre/ent/strategyversion"
)

// Mismatch is a version whose stored content no longer hashes to the SHA-256
// published with it: the content or the hash was changed behind the API.
type Mismatch struct {
	VersionID  pulid.ID
	StrategyID pulid.ID
	Number     int
	Stored     string // the SHA-256 stored with the version
	Computed   string // the SHA-256 of the content stored now
}

// Error describes the mismatch for a person.
func (m Mismatch) Error() string {
	return fmt.Sprintf("version %d (%s) of strategy %s: its content hashes to %s, but %s was published",
		m.Number, m.VersionID, m.StrategyID, m.Computed, m.Stored)
}

// verifyBatch is how many versions Verify reads at a time: contents can be large.
const verifyBatch = 100

// Verify recomputes the SHA-256 of every version's stored content and returns
// the versions whose hash does not match, by ID; none when all hold. It reads
// as the system: every version is checked, whoever asks.
func Verify(ctx context.Context, client *ent.Client) ([]Mismatch, error) {
	ctx = access.AsSystem(ctx, "verifying every version, whoever asks")
	mismatches := []Mismatch{}
	var after pulid.ID
	for {
		q := client.StrategyVersion.Query().
			WithStrategy(func(q *ent.StrategyQuery) { q.Select(strategy.FieldID) }).
			Order(ent.Asc(strategyversion.FieldID)).
			Limit(verifyBatch)
		if after != "" {
			q.Where(strategyversion.IDGT(after))
		}
		list, err := q.All(ctx)
		if err != nil {
			return nil, err
		}
		for _, v := range list {
			if computed := Hash(v.Content); computed != v.Sha256 {
				m := Mismatch{VersionID: v.ID, Number: v.Number, Stored: v.Sha256, Computed: computed}
				if v.Edges.Strategy != nil {
					m.StrategyID = v.Edges.Strategy.ID
				}
				mismatches = append(mismatches, m)
			}
			after = v.ID
		}
		if len(list) < verifyBatch {
			return mismatches, nil
		}
	}
}
