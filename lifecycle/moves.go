package lifecycle

import (
	"slices"
	"strings"

	"github.com/palabre/palabre/ent/strategy"
)

// moves are the lifecycle's edges, forward first: a strategy goes from drafting
// to the Council of Ministers and on to implementation; consolidation may call
// another round of consultation; anything before adoption may go back to
// drafting. Adoption is final: after it, a strategy is implemented, then
// superseded by the next one.
var moves = map[strategy.Status][]strategy.Status{
	strategy.StatusDrafting:         {strategy.StatusConsultation},
	strategy.StatusConsultation:     {strategy.StatusConsolidation, strategy.StatusDrafting},
	strategy.StatusConsolidation:    {strategy.StatusValidation, strategy.StatusConsultation, strategy.StatusDrafting},
	strategy.StatusValidation:       {strategy.StatusSubmitted, strategy.StatusDrafting},
	strategy.StatusSubmitted:        {strategy.StatusAdopted, strategy.StatusDrafting},
	strategy.StatusAdopted:          {strategy.StatusInImplementation},
	strategy.StatusInImplementation: {strategy.StatusSuperseded},
}

// Allowed returns the states a strategy in from may move to, whatever the
// guards say; none for a superseded strategy.
func Allowed(from strategy.Status) []strategy.Status {
	return slices.Clone(moves[from])
}

// allows reports whether the lifecycle has an edge from one state to the other.
func allows(from, to strategy.Status) bool {
	return slices.Contains(moves[from], to)
}

// adopted are the states in which a strategy has an adopted text: the text no
// longer changes, and the public reads it.
var adopted = []strategy.Status{strategy.StatusAdopted, strategy.StatusInImplementation, strategy.StatusSuperseded}

// AdoptedStatuses lists the states in which a strategy has an adopted text,
// which no longer changes and which the public reads: adopted, in
// implementation, superseded.
func AdoptedStatuses() []strategy.Status {
	return slices.Clone(adopted)
}

// list names states as the API does, « A, B or C ».
func list(states []strategy.Status) string {
	names := make([]string, len(states))
	for i, s := range states {
		names[i] = string(s)
	}
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}
