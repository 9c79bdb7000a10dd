package palabre_test

import (
	"fmt"
	"maps"
	"testing"
	"time"

	"github.com/palabre/palabre"
)

func TestARefusalNamesItsReasonAndItsParams(t *testing.T) {
	at := time.Date(2027, 3, 1, 9, 30, 0, 0, time.FixedZone("WAT", 3600))
	err := fmt.Errorf("wrapped: %w", palabre.Refuse(palabre.ECONFLICT, palabre.ReasonRoundClosed,
		"title", "Atelier", "status", "CLOSED", "closesAt", at, "count", 3, "agencies", []string{"ANSSI", "MJ"}))
	reason, params := palabre.ErrorReason(err)
	if reason != palabre.ReasonRoundClosed || palabre.ErrorCode(err) != palabre.ECONFLICT {
		t.Fatalf("reason %q, code %q", reason, palabre.ErrorCode(err))
	}
	want := map[string]string{"title": "Atelier", "status": "CLOSED", "closesAt": "2027-03-01T08:30:00Z", "count": "3", "agencies": "ANSSI, MJ"}
	if !maps.Equal(params, want) {
		t.Errorf("params %v, want %v", params, want)
	}
	// Without Sayf, the message is the reason's sentence, filled.
	if got := palabre.ErrorMessage(err); got != "the round Atelier is CLOSED (it closed at 2027-03-01T08:30:00Z): its closing time, its observations and their changes are final" {
		t.Errorf("message %q", got)
	}
	said := palabre.Refuse(palabre.EINVALID, palabre.ReasonOptionTwice, "option", "Présidence").Sayf("the option « %s » is given twice", "Présidence")
	if said.Message != "the option « Présidence » is given twice" || said.Params["option"] != "Présidence" {
		t.Errorf("Sayf: %+v", said)
	}
}

func TestAnErrorWithoutAReasonHasNone(t *testing.T) {
	for _, err := range []error{palabre.Errorf(palabre.EINVALID, "no"), fmt.Errorf("plain")} {
		if reason, params := palabre.ErrorReason(err); reason != "" || params != nil {
			t.Errorf("%v: reason %q, params %v", err, reason, params)
		}
	}
}

func TestEveryReasonIsDescribedOnce(t *testing.T) {
	seen := map[palabre.Reason]bool{}
	for _, r := range palabre.Reasons {
		if r.Doc == "" || seen[r.Reason] {
			t.Errorf("%s: described %q, twice: %v", r.Reason, r.Doc, seen[r.Reason])
		}
		seen[r.Reason] = true
	}
}
