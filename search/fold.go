// Package search folds text for accent- and case-insensitive matching that works
// the same on SQLite and PostgreSQL: each searchable entity stores a folded copy
// of its text, and queries are folded the same way and matched with ent's Contains (a LIKE
// with its wildcards escaped).
package search

import (
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/input"
)

// Fold lowercases s, strips its accents and collapses its white space:
// "Sécurité  NATIONALE" becomes "securite nationale".
func Fold(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	folded, _, err := transform.String(t, s)
	if err != nil {
		folded = s
	}
	return strings.Join(strings.Fields(strings.ToLower(folded)), " ")
}

// Pattern checks a search a caller sent (at most input.MaxSearch characters of
// text) and folds it for matching: an unbounded pattern would make SQLite's
// LIKE fail, and scan every row for nothing.
func Pattern(s string) (string, error) {
	if err := input.CheckSearch(s); err != nil {
		return "", palabre.Errorf(palabre.EINVALID, "search: %v", err)
	}
	return Fold(s), nil
}
