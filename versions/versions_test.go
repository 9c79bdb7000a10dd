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
