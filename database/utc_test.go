package database_test

import (
	"testing"
	"time"

	"github.com/palabre/palabre/database/dbtest"
	"github.com/palabre/palabre/ent/agency"
	"github.com/palabre/palabre/ent/predicate"
)

// TestTimesInQueriesCompareAsInstants: a Go caller's query with a time in
// another zone compares instants on both stores. SQLite compares times as
// text: without the conversion to UTC under the client, 10:00 at -12:00 came
// before 09:00 in UTC.
func TestTimesInQueriesCompareAsInstants(t *testing.T) {
	t.Parallel()
	ctx := allow()
	client := dbtest.Open(t)
	a, err := client.Agency.Create().SetName("Direction").SetAcronym("DCS").SetKind(agency.KindNationalAgency).SetCountry("CI").Save(ctx)
	if err != nil {
		t.Fatal(err)
	}
	later := a.CreatedAt.Add(time.Hour).In(time.FixedZone("", -12*3600))
	earlier := a.CreatedAt.Add(-time.Hour).In(time.FixedZone("", 14*3600))
	for _, c := range []struct {
		name  string
		where predicate.Agency
		want  int
	}{
		{"created before an hour later at -12:00", agency.CreatedAtLT(later), 1},
		{"created before an hour earlier at +14:00", agency.CreatedAtLT(earlier), 0},
		{"created after an hour earlier at +14:00", agency.CreatedAtGT(earlier), 1},
	} {
		if n, err := client.Agency.Query().Where(c.where).Count(ctx); err != nil || n != c.want {
			t.Errorf("%s: %d agencies (%v), want %d", c.name, n, err, c.want)
		}
	}
	if a.CreatedAt.Location() != time.UTC {
		t.Errorf("created at %v, not in UTC", a.CreatedAt)
	}
}
