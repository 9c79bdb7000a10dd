package versions

import (
	"github.com/palabre/palabre/ent/schema/pulid"
)

// codeLess orders reference codes as a reader expects: numbers by value, so
// that A1.2 comes before A1.10. The ID breaks ties, so that the order never
// depends on the order the store returned rows in.
func codeLess(a string, aID pulid.ID, b string, bID pulid.ID) bool {
	if c := compareCodes(a, b); c != 0 {
		return c < 0
	}
	return aID < bID
}

// compareCodes compares two codes run by run: runs of digits by value, other
// runs byte by byte.
func compareCodes(a, b string) int {
	for a != "" && b != "" {
		ra, restA := nextRun(a)
		rb, restB := nextRun(b)
		if c := compareRuns(ra, rb); c != 0 {
			return c
		}
		a, b = restA, restB
	}
	switch {
	case a == "" && b == "":
		return 0
	case a == "":
		return -1
	}
	return 1
}

func compareRuns(a, b string) int {
	if isDigit(a[0]) && isDigit(b[0]) {
		a, b = trimZeros(a), trimZeros(b)
		if len(a) != len(b) {
			return len(a) - len(b)
		}
	}
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// nextRun splits s after its first run of digits or of other bytes.
func nextRun(s string) (run, rest string) {
	digits := isDigit(s[0])
	i := 1
	for i < len(s) && isDigit(s[i]) == digits {
		i++
	}
	return s[:i], s[i:]
}

func trimZeros(s string) string {
	for len(s) > 1 && s[0] == '0' {
		s = s[1:]
	}
	return s
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }
