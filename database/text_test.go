package database_test

import (
	"testing"

	"github.com/palabre/palabre/database/dbtest"
	"github.com/palabre/palabre/ent/agency"
)

// TestFrenchTextRoundTrips: accents, typographic quotes and apostrophes, and
// the same letter composed (é) or decomposed (e + ◌́) come back byte for byte:
// the store neither normalises nor transcodes.
func TestFrenchTextRoundTrips(t *testing.T) {
	t.Parallel()
	ctx := allow()
	client := dbtest.Open(t)
	t.Logf("store: %s", dbtest.Dialect())
	names := []string{
		"Ministère de l’Économie numérique et des Postes",
		"Autorité de Régulation des Télécommunications « ARTP » — Sénégal",
		"Agence nationale de la sécurité : œuvre, çà et là, où ?",
		"Sécurité (décomposée) : Se\u0301curite\u0301",
		"ÀÂÆÇÉÈÊËÎÏÔŒÙÛÜŸ àâæçéèêëîïôœùûüÿ",
	}
	for i, name := range names {
		a, err := client.Agency.Create().
			SetName(name).
			SetAcronym(string(rune('A'+i)) + "É").
			SetKind(agency.KindMinistry).
			SetCountry("SN").
			Save(ctx)
		if err != nil {
			t.Fatalf("storing %q: %v", name, err)
		}
		got, err := client.Agency.Get(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Name != name {
			t.Errorf("stored %q (% x), read back %q (% x)", name, name, got.Name, got.Name)
		}
		if got.Acronym != a.Acronym {
			t.Errorf("acronym %q read back as %q", a.Acronym, got.Acronym)
		}
	}
	// Equality in SQL works on the exact text too.
	n, err := client.Agency.Query().Where(agency.Name(names[0])).Count(ctx)
	if err != nil || n != 1 {
		t.Errorf("finding %q by name: %d rows, %v", names[0], n, err)
	}
}
