package graph_test

import (
	"slices"
	"testing"

	"github.com/palabre/palabre/internal/apitest"
)

// TestSearchIsTheSameOnBothStores: search: finds a substring of an item's
// folded text whatever its accents and case, through each store's trigram
// index (pg_trgm on PostgreSQL, FTS5 on SQLite), short patterns and the
// characters of each index's syntax included, and follows a change of title.
func TestSearchIsTheSameOnBothStores(t *testing.T) {
	t.Parallel()
	s := apitest.New(t)
	w := s.World
	ctx := systemContext()
	awareness := s.NewItemUnder(t, w.AdoptedCooperation, "A1.7", w.Security)
	awareness = awareness.Update().SetTitle("Sensibilisation du public à la Sécurité numérique").SaveX(ctx)
	s.NewItemUnder(t, w.AdoptedCooperation, "A1.8", w.Security).Update().
		SetTitle(`Plan « 100 % » d'"urgence" _cyber_ (phase*1)`).SaveX(ctx)
	search := func(q string) []string {
		t.Helper()
		var out struct {
			ActionItems struct {
				Edges []struct{ Node struct{ Code string } }
			}
		}
		s.OK(t, w.Reviewer, `query($q: String) { actionItems(first: 100, search: $q) { edges { node { code } } } }`,
			map[string]any{"q": q}, &out)
		var codes []string
		for _, e := range out.ActionItems.Edges {
			codes = append(codes, e.Node.Code)
		}
		slices.Sort(codes)
		return codes
	}
	for q, want := range map[string][]string{
		"securite numerique":          {"A1.7"},
		"SÉCURITÉ NUMÉRIQUE":          {"A1.7"},
		"ibilisation du pu":           {"A1.7"},
		"sensibilisation  du  public": {"A1.7"}, // white space folded as in the text
		"« 100 % »":                   {"A1.8"},
		`"urgence"`:                   {"A1.8"},
		"_cyber_":                     {"A1.8"},
		"(phase*1)":                   {"A1.8"},
		"100 %%":                      nil,
		"sécurité informatique":       nil,
		"-":                           nil,
	} {
		if got := search(q); !slices.Equal(got, want) {
			t.Errorf("search %q: %v, want %v", q, got, want)
		}
	}
	// Two characters have no trigram: still found, by reading every row.
	if got := search("Sé"); !slices.Contains(got, "A1.7") {
		t.Errorf("search « Sé »: %v, want A1.7 among them", got)
	}
	awareness.Update().SetTitle("Exercice national de gestion de crise").SaveX(ctx)
	if got := search("sensibilisation"); len(got) != 0 {
		t.Errorf("after the new title, the old one still finds %v", got)
	}
	if got := search("gestion de crise"); !slices.Equal(got, []string{"A1.7"}) {
		t.Errorf("after the new title, it finds %v", got)
	}
}
