// Package cooperation holds the rules of agreements (MoUs, cooperation
// agreements) as plain functions of their values: the moves of an agreement's
// status and their guards (CheckMove), its term (CheckTerm), who may be made
// responsible for a commitment (CheckResponsibles). Move is the only way an
// agreement's status changes; it reads the facts, calls the rules and records
// the move with who made it. The Agreement's and Commitment's hooks (ent/schema)
// load what the other rules need and call them.
package cooperation

import (
	"slices"
	"strings"
	"time"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/ent/agreement"
	"github.com/palabre/palabre/ent/schema/pulid"
)

// moves are the edges of an agreement's life: negotiated, signed, in force,
// then expired at its term or terminated by its parties; a negotiation or a
// signed agreement that never enters into force may also be abandoned
// (terminated). Expired and terminated are final.
var moves = map[agreement.Status][]agreement.Status{
	agreement.StatusNegotiation: {agreement.StatusSigned, agreement.StatusTerminated},
	agreement.StatusSigned:      {agreement.StatusInForce, agreement.StatusTerminated},
	agreement.StatusInForce:     {agreement.StatusExpired, agreement.StatusTerminated},
}

// Allowed returns the statuses an agreement in from may move to; none once it
// has expired or been terminated.
func Allowed(from agreement.Status) []agreement.Status {
	return slices.Clone(moves[from])
}

// Facts are what the guards of a move read.
type Facts struct {
	Parties          int        // agencies party to the agreement
	SignedOn         *time.Time // the signature's date
	EntryIntoForceOn *time.Time
}

// CheckMove refuses a move off the edges (BAD_USER_INPUT naming the allowed
// moves) and a move whose guard does not hold (CONFLICT saying what is
// missing): a signature needs two parties or more and its date; entry into
// force needs its date.
func CheckMove(from, to agreement.Status, f Facts) error {
	allowed := moves[from]
	if !slices.Contains(allowed, to) {
		if len(allowed) == 0 {
			return palabre.Errorf(palabre.EINVALID, "the agreement is %s: its status moves no further", from)
		}
		return palabre.Errorf(palabre.EINVALID, "an agreement in %s may move to %s, not to %s", from, list(allowed), to)
	}
	switch to {
	case agreement.StatusSigned:
		if f.Parties < 2 {
			return palabre.Errorf(palabre.ECONFLICT, "an agreement is signed by two parties or more; it has %d: add its parties first", f.Parties)
		}
		if f.SignedOn == nil {
			return palabre.Errorf(palabre.ECONFLICT, "record the date of signature (signedOn) before moving the agreement to SIGNED")
		}
	case agreement.StatusInForce:
		if f.EntryIntoForceOn == nil {
			return palabre.Errorf(palabre.ECONFLICT, "record the date of entry into force (entryIntoForceOn) before moving the agreement to IN_FORCE")
		}
	}
	return nil
}

// CheckTerm refuses an entry into force before the signature, an end before
// the entry into force (or the signature), and both an end date and a
// duration: the term is one or the other.
func CheckTerm(signedOn, entryIntoForceOn, endsOn *time.Time, durationMonths *int) error {
	if signedOn != nil && entryIntoForceOn != nil && entryIntoForceOn.Before(*signedOn) {
		return palabre.Errorf(palabre.EINVALID, "the entry into force (%s) is before the signature (%s)", day(entryIntoForceOn), day(signedOn))
	}
	start := entryIntoForceOn
	if start == nil {
		start = signedOn
	}
	if endsOn != nil && start != nil && endsOn.Before(*start) {
		return palabre.Errorf(palabre.EINVALID, "the end (%s) is before the agreement starts (%s)", day(endsOn), day(start))
	}
	if endsOn != nil && durationMonths != nil {
		return palabre.Errorf(palabre.EINVALID, "an agreement's term is an end date (endsOn) or a duration (durationMonths), not both")
	}
	return nil
}

// CheckResponsibles requires the agencies responsible for a commitment to be
// party to its agreement.
func CheckResponsibles(responsible []pulid.ID, parties []pulid.ID) error {
	for _, id := range responsible {
		if !slices.Contains(parties, id) {
			return palabre.Errorf(palabre.EINVALID, "agency %s is not party to the agreement: add it as a party before making it responsible for a commitment", id)
		}
	}
	return nil
}

func day(t *time.Time) string { return t.Format("2006-01-02") }

// list names statuses as the API does, « A, B or C ».
func list(states []agreement.Status) string {
	names := make([]string, len(states))
	for i, s := range states {
		names[i] = string(s)
	}
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}
