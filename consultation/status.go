// Package consultation runs consultation rounds: where a round stands on the
// clock, the secretariat's actions on it (open, extend, close, consolidate),
// the observations agencies submit and the answers they get, and the response
// matrix that sums a round up for the Council. It is the one home of the
// rules of rounds and observations (rules.go, target.go): plain functions of
// the values they need and of the time. The Consultation's and the
// Observation's hooks in ent/schema load those values and call the rules, so
// that they hold whoever writes (the API, the command line).
package consultation

import (
	"time"

	"github.com/palabre/palabre/ent"
	entconsultation "github.com/palabre/palabre/ent/consultation"
	"github.com/palabre/palabre/ent/predicate"
)

// Status is where a round stands. It is not stored: it follows from the
// round's opening and closing times and whether it was consolidated, so a
// round opens and closes on time without anyone acting.
type Status string

// The states of a round, in the order a round goes through them.
const (
	Planned      Status = "PLANNED"      // before opensAt
	Open         Status = "OPEN"         // from opensAt until closesAt
	Closed       Status = "CLOSED"       // from closesAt, until consolidated
	Consolidated Status = "CONSOLIDATED" // once the secretariat consolidated it
)

// Round is what the status of a round depends on.
type Round struct {
	OpensAt, ClosesAt time.Time
	ConsolidatedAt    *time.Time
}

// RoundOf returns the timing of a stored round.
func RoundOf(c *ent.Consultation) Round {
	return Round{OpensAt: c.OpensAt, ClosesAt: c.ClosesAt, ConsolidatedAt: c.ConsolidatedAt}
}

// StatusAt returns where the round stands at the given time.
func (r Round) StatusAt(now time.Time) Status {
	switch {
	case r.ConsolidatedAt != nil:
		return Consolidated
	case now.Before(r.OpensAt):
		return Planned
	case now.Before(r.ClosesAt):
		return Open
	}
	return Closed
}

// StatusAt returns where a stored round stands at the given time.
func StatusAt(c *ent.Consultation, now time.Time) Status {
	return RoundOf(c).StatusAt(now)
}

// InStatus matches the rounds that stand in the given state at the given time:
// the SQL twin of StatusAt, for lists filtered by status. Times are compared in
// UTC, as the Consultation's hooks store them, so that SQLite's textual
// timestamps compare in order.
func InStatus(s Status, now time.Time) predicate.Consultation {
	now = now.UTC()
	pending := entconsultation.ConsolidatedAtIsNil()
	switch s {
	case Planned:
		return entconsultation.And(pending, entconsultation.OpensAtGT(now))
	case Open:
		return entconsultation.And(pending, entconsultation.OpensAtLTE(now), entconsultation.ClosesAtGT(now))
	case Closed:
		return entconsultation.And(pending, entconsultation.ClosesAtLTE(now))
	case Consolidated:
		return entconsultation.ConsolidatedAtNotNil()
	}
	// An unknown state matches no round.
	return entconsultation.And(entconsultation.ConsolidatedAtIsNil(), entconsultation.ConsolidatedAtNotNil())
}
