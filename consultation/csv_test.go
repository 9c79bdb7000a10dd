package consultation

import (
	"bytes"
	"encoding/csv"
	"testing"
	"time"

	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/observation"
)

func TestTheMatrixAsCSVIsSafeInASpreadsheet(t *testing.T) {
	answered := time.Date(2027, 3, 2, 14, 30, 0, 0, time.FixedZone("CET", 3600))
	anssi := &ent.Agency{Acronym: "ANSSI"}
	objection := &ent.Observation{Kind: observation.KindObjection, Status: observation.StatusRejected,
		Body: "Le rattachement n'est pas « évident ».", Response: "Maintenu.", RespondedAt: &answered}
	objection.Edges.Agency = anssi
	formula := &ent.Observation{Kind: observation.KindComment, Status: observation.StatusSubmitted, Body: "=HYPERLINK(\"http://x.test\")",
		ProposedText: "+1", Response: "-"}
	formula.Edges.Agency = anssi
	m := &Matrix{Groups: []Group{
		{TargetKind: observation.TargetKindStrategy, TargetTitle: "Stratégie", Observations: []*ent.Observation{formula}},
		{TargetKind: observation.TargetKindActionItem, TargetCode: "A2.1", TargetTitle: "@CERT", Observations: []*ent.Observation{objection}},
	}}
	var out bytes.Buffer
	if err := m.WriteCSV(&out); err != nil {
		t.Fatal(err)
	}
	raw := out.Bytes()
	if !bytes.HasPrefix(raw, []byte("\ufeff")) || !bytes.Contains(raw, []byte("\r\n")) {
		t.Fatalf("want a byte-order mark and CRLF line ends: %q", raw)
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(raw, []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		csvHeader,
		{"", "Stratégie", "ANSSI", "COMMENT", "SUBMITTED", "'=HYPERLINK(\"http://x.test\")", "'+1", "'-", ""},
		{"A2.1", "'@CERT", "ANSSI", "OBJECTION", "REJECTED", "Le rattachement n'est pas « évident ».", "", "Maintenu.", "2027-03-02 13:30"},
	}
	if len(rows) != len(want) {
		t.Fatalf("rows %q", rows)
	}
	for i := range want {
		for j := range want[i] {
			if rows[i][j] != want[i][j] {
				t.Errorf("row %d column %d: %q, want %q", i, j, rows[i][j], want[i][j])
			}
		}
	}
}
