package cooperation

import (
	"testing"
	"time"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/ent/agreement"
	"github.com/palabre/palabre/ent/schema/pulid"
)

func code(err error) string {
	if err == nil {
		return ""
	}
	return palabre.ErrorCode(err)
}

func TestAnAgreementsMoves(t *testing.T) {
	signed := time.Date(2026, 3, 12, 0, 0, 0, 0, time.UTC)
	ready := Facts{Parties: 2, SignedOn: &signed, EntryIntoForceOn: &signed}
	for _, c := range []struct {
		name     string
		from, to agreement.Status
		facts    Facts
		code     string
	}{
		{"signed with two parties and its date", agreement.StatusNegotiation, agreement.StatusSigned, ready, ""},
		{"signed with one party", agreement.StatusNegotiation, agreement.StatusSigned, Facts{Parties: 1, SignedOn: &signed}, palabre.ECONFLICT},
		{"signed without its date", agreement.StatusNegotiation, agreement.StatusSigned, Facts{Parties: 3}, palabre.ECONFLICT},
		{"negotiation abandoned", agreement.StatusNegotiation, agreement.StatusTerminated, Facts{}, ""},
		{"in force straight from negotiation", agreement.StatusNegotiation, agreement.StatusInForce, ready, palabre.EINVALID},
		{"in force with its date", agreement.StatusSigned, agreement.StatusInForce, ready, ""},
		{"in force without its date", agreement.StatusSigned, agreement.StatusInForce, Facts{Parties: 2, SignedOn: &signed}, palabre.ECONFLICT},
		{"expired once in force", agreement.StatusInForce, agreement.StatusExpired, ready, ""},
		{"terminated once in force", agreement.StatusInForce, agreement.StatusTerminated, ready, ""},
		{"expired before force", agreement.StatusSigned, agreement.StatusExpired, ready, palabre.EINVALID},
		{"back to negotiation", agreement.StatusSigned, agreement.StatusNegotiation, ready, palabre.EINVALID},
		{"revived once expired", agreement.StatusExpired, agreement.StatusInForce, ready, palabre.EINVALID},
		{"revived once terminated", agreement.StatusTerminated, agreement.StatusNegotiation, ready, palabre.EINVALID},
	} {
		if got := code(CheckMove(c.from, c.to, c.facts)); got != c.code {
			t.Errorf("%s: code %q, want %q", c.name, got, c.code)
		}
	}
	if len(Allowed(agreement.StatusExpired)) != 0 || len(Allowed(agreement.StatusNegotiation)) != 2 {
		t.Error("allowed moves are off")
	}
}

func TestAnAgreementsTermAndResponsibles(t *testing.T) {
	d := func(s string) *time.Time {
		v, _ := time.Parse("2006-01-02", s)
		return &v
	}
	months := 36
	for _, c := range []struct {
		name string
		err  error
		code string
	}{
		{"signed, in force, ends", CheckTerm(d("2026-03-12"), d("2026-04-01"), d("2029-04-01"), nil), ""},
		{"in force the day it is signed", CheckTerm(d("2026-03-12"), d("2026-03-12"), nil, &months), ""},
		{"in force before signed", CheckTerm(d("2026-03-12"), d("2026-03-01"), nil, nil), palabre.EINVALID},
		{"ends before in force", CheckTerm(nil, d("2026-03-12"), d("2026-03-01"), nil), palabre.EINVALID},
		{"ends before signed", CheckTerm(d("2026-03-12"), nil, d("2026-03-01"), nil), palabre.EINVALID},
		{"an end and a duration", CheckTerm(nil, nil, d("2029-03-01"), &months), palabre.EINVALID},
		{"nothing known yet", CheckTerm(nil, nil, nil, nil), ""},
		{"responsibles among the parties", CheckResponsibles([]pulid.ID{"AG1"}, []pulid.ID{"AG1", "AG2"}), ""},
		{"a responsible stranger", CheckResponsibles([]pulid.ID{"AG3"}, []pulid.ID{"AG1", "AG2"}), palabre.EINVALID},
	} {
		if got := code(c.err); got != c.code {
			t.Errorf("%s: %v, want code %q", c.name, c.err, c.code)
		}
	}
}
