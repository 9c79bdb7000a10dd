package search

import "testing"

func TestFold(t *testing.T) {
	for in, want := range map[string]string{
		"Sécurité  NATIONALE":         "securite nationale",
		"Agence nationale de la SSI":  "agence nationale de la ssi",
		"Côte d'Ivoire — Œuvre ÉLÈVE": "cote d'ivoire — œuvre eleve",
		"":                            "",
	} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}
