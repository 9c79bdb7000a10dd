package consensus

import (
	"slices"
	"strings"
	"time"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/ent/decision"
)

// The rules of a decision, as plain functions of the values they need. The
// Decision's and the DecisionPosition's hooks (ent/schema) load those values
// and call them.

// CheckOpen refuses to change a settled decision: the question, the options
// and the outcome are the record of what was decided.
func CheckOpen(status decision.Status) error {
	if status == decision.StatusSettled {
		return palabre.Refuse(palabre.ECONFLICT, palabre.ReasonDecisionSettled).
			Sayf("the decision is settled: its question, options and outcome are the record of what was decided and no longer change")
	}
	return nil
}

// CheckOptions requires the options to be distinct and not blank, and to keep
// every option a recorded position favours (favoured).
func CheckOptions(options, favoured []string) error {
	for i, o := range options {
		if strings.TrimSpace(o) == "" {
			return palabre.Refuse(palabre.EINVALID, palabre.ReasonOptionBlank)
		}
		if slices.Contains(options[:i], o) {
			return palabre.Refuse(palabre.EINVALID, palabre.ReasonOptionTwice, "option", o).Sayf("the option « %s » is given twice", o)
		}
	}
	for _, f := range favoured {
		if f != "" && !slices.Contains(options, f) {
			return palabre.Refuse(palabre.ECONFLICT, palabre.ReasonOptionFavoured, "option", f).
				Sayf("a recorded position favours « %s », which the new options leave out: record that agency's position again first", f)
		}
	}
	return nil
}

// Outcome is what a settlement records.
type Outcome struct {
	Outcome   string
	HasBody   bool
	DecidedOn *time.Time
}

// CheckSettlement requires a settled decision to say what was decided, by
// which body and when.
func CheckSettlement(o Outcome) error {
	switch {
	case strings.TrimSpace(o.Outcome) == "":
		return palabre.Refuse(palabre.EINVALID, palabre.ReasonSettlementOutcome)
	case !o.HasBody:
		return palabre.Refuse(palabre.EINVALID, palabre.ReasonSettlementBody)
	case o.DecidedOn == nil:
		return palabre.Refuse(palabre.EINVALID, palabre.ReasonSettlementDate)
	}
	return nil
}

// CheckPosition records positions while the decision is open only, and for
// one of its options (or none, "").
func CheckPosition(status decision.Status, options []string, option string) error {
	if status != decision.StatusOpen {
		return palabre.Refuse(palabre.ECONFLICT, palabre.ReasonDecisionSettled).Sayf("the decision is settled: positions are recorded while it is open")
	}
	if option != "" && !slices.Contains(options, option) {
		return palabre.Refuse(palabre.EINVALID, palabre.ReasonOptionUnknown, "option", option, "options", options).
			Sayf("« %s » is not one of the decision's options (%s)", option, strings.Join(options, ", "))
	}
	return nil
}
