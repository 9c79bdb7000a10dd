package consensus

import (
	"testing"
	"time"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/ent/decision"
)

func code(err error) string {
	if err == nil {
		return ""
	}
	return palabre.ErrorCode(err)
}

func TestTheRulesOfADecision(t *testing.T) {
	decided := time.Date(2027, 5, 12, 0, 0, 0, 0, time.UTC)
	options := []string{"Primature", "Ministère des Forces armées"}
	for _, c := range []struct {
		name string
		err  error
		code string
	}{
		{"change an open decision", CheckOpen(decision.StatusOpen), ""},
		{"change a settled decision", CheckOpen(decision.StatusSettled), palabre.ECONFLICT},

		{"distinct options", CheckOptions(options, nil), ""},
		{"no options yet", CheckOptions(nil, nil), ""},
		{"a blank option", CheckOptions([]string{"Primature", "  "}, nil), palabre.EINVALID},
		{"an empty option", CheckOptions([]string{""}, nil), palabre.EINVALID},
		{"an option twice", CheckOptions([]string{"Primature", "Primature"}, nil), palabre.EINVALID},
		{"keep the options positions favour", CheckOptions(options, []string{"Primature"}), ""},
		{"a position for no option", CheckOptions(options, []string{""}), ""},
		{"drop an option a position favours", CheckOptions([]string{"Primature"}, []string{"Ministère des Forces armées"}), palabre.ECONFLICT},

		{"a full settlement", CheckSettlement(Outcome{Outcome: "Rattachement à la Primature", HasBody: true, DecidedOn: &decided}), ""},
		{"no outcome", CheckSettlement(Outcome{Outcome: " ", HasBody: true, DecidedOn: &decided}), palabre.EINVALID},
		{"no body", CheckSettlement(Outcome{Outcome: "Primature", DecidedOn: &decided}), palabre.EINVALID},
		{"no date", CheckSettlement(Outcome{Outcome: "Primature", HasBody: true}), palabre.EINVALID},

		{"a position for an option", CheckPosition(decision.StatusOpen, options, "Primature"), ""},
		{"a position for none", CheckPosition(decision.StatusOpen, options, ""), ""},
		{"a position for another option", CheckPosition(decision.StatusOpen, options, "Présidence"), palabre.EINVALID},
		{"a position once settled", CheckPosition(decision.StatusSettled, options, "Primature"), palabre.ECONFLICT},
	} {
		if code(c.err) != c.code {
			t.Errorf("%s: %v, want code %q", c.name, c.err, c.code)
		}
	}
}
