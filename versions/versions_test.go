package versions

import (
	"encoding/json"
	"reflect"
	"sort"
	"testing"
)

func TestCodesSortAsAReaderExpects(t *testing.T) {
	codes := []string{"A1.10", "A2.1", "A1.2", "OS10", "A1.1", "OS2", "A1.02b", "A1"}
	sort.Slice(codes, func(i, j int) bool { return codeLess(codes[i], "", codes[j], "") })
	want := []string{"A1", "A1.1", "A1.2", "A1.02b", "A1.10", "A2.1", "OS2", "OS10"}
	if !reflect.DeepEqual(codes, want) {
		t.Errorf("got %v, want %v", codes, want)
	}
}

// A field that an older version lacks shows as absent, not as a zero value.
func TestAFieldMissingFromAnOlderVersionIsAbsent(t *testing.T) {
	before := fields{"id": json.RawMessage(`"AI1"`), "title": json.RawMessage(`"Réviser la loi"`)}
	after := fields{"id": json.RawMessage(`"AI1"`), "title": json.RawMessage(` "Réviser la loi" `), "risk": json.RawMessage(`null`)}
	got := diffFields(actionItemFields, before, after)
	if len(got) != 1 || got[0].Field != "risk" || got[0].Before != nil || *got[0].After != "null" {
		t.Errorf("got %+v", got)
	}
}

func TestEncodingIsCanonical(t *testing.T) {
	s := &Snapshot{Strategy: StrategyDoc{ID: "ST1", Title: "Sécurité & résilience"}, Objectives: []ObjectiveDoc{}}
	a, err := Encode(s)
	if err != nil {
		t.Fatal(err)
	}
	parsed, err := Parse(a)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Encode(parsed)
	if err != nil {
		t.Fatal(err)
	}
	if a != b || Hash(a) != Hash(b) {
		t.Errorf("encoding a parsed snapshot changed it:\n%s\n%s", a, b)
	}
}

func TestCompareCodesRunByRun(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want int // the sign
	}{
		{"A1.2", "A1.10", -1},
		{"A1.10", "A1.2", 1},
		{"A1.02", "A1.2", 0}, // leading zeros do not count
		{"A1", "A1.1", -1},   // a prefix first
		{"OS2", "OS10", -1},
		{"A9", "B1", -1},
		{"A1.1", "A1.1", 0},
		{"", "A1", -1},
	} {
		got := compareCodes(c.a, c.b)
		if sign(got) != c.want {
			t.Errorf("compareCodes(%q, %q) = %d, want sign %d", c.a, c.b, got, c.want)
		}
	}
	if !codeLess("A1", "AI1", "A1", "AI2") || codeLess("A1", "AI2", "A1", "AI1") {
		t.Error("equal codes are ordered by ID")
	}
}

func sign(n int) int {
	switch {
	case n < 0:
		return -1
	case n > 0:
		return 1
	}
	return 0
}
