// Package events tells what happened in Palabre, as it happens: the kinds of
// events a screen may watch (Kind), how an entry of the audit trail is one
// (Classify), and the hub that reads the trail as it grows and hands its
// events to subscribers (Hub).
//
// The audit trail is the one record of changes, written in the transaction of
// each change (ent/schema/mixin_audit.go): an event is therefore published by
// the transaction that makes the change, and a change rolled back leaves no
// entry and announces nothing. The trail's sequence numbers commit in order
// (a writer holds the head of the chain until it commits), so a hub that
// remembers the last sequence it read misses nothing and reads nothing twice.
// An event carries IDs only: a subscriber reads the record with its own
// permissions before it is told anything.
package events

import (
	"encoding/json"
	"time"

	"github.com/palabre/palabre/audit"
	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/decision"
	"github.com/palabre/palabre/ent/observation"
	"github.com/palabre/palabre/ent/schema/pulid"
)

// Kind is what happened.
type Kind string

// The kinds of events; the GraphQL enum EventKind (graph/schema/events.graphql)
// says what each means and what its subject is.
const (
	ObservationSubmitted Kind = "OBSERVATION_SUBMITTED"
	ObservationEdited    Kind = "OBSERVATION_EDITED"
	ObservationWithdrawn Kind = "OBSERVATION_WITHDRAWN"
	ObservationAnswered  Kind = "OBSERVATION_ANSWERED"
	RoundOpened          Kind = "ROUND_OPENED"
	RoundExtended        Kind = "ROUND_EXTENDED"
	RoundClosed          Kind = "ROUND_CLOSED"
	RoundConsolidated    Kind = "ROUND_CONSOLIDATED"
	StrategyMoved        Kind = "STRATEGY_MOVED"
	VersionPublished     Kind = "VERSION_PUBLISHED"
	ProgressReported     Kind = "PROGRESS_REPORTED"
	DecisionSettled      Kind = "DECISION_SETTLED"
)

// Event is one thing that happened: what, to which record, when, and where
// in the audit trail.
type Event struct {
	// Sequence is the audit event's position in the trail.
	Sequence int64
	Kind     Kind
	// SubjectID is the ID of the record the event is about.
	SubjectID pulid.ID
	At        time.Time
}

// Classify tells which event an entry of the audit trail is, if any.
func Classify(e *ent.AuditEvent) (Event, bool) {
	var changes map[string]audit.Change
	if err := json.Unmarshal([]byte(e.Changes), &changes); err != nil {
		return Event{}, false
	}
	kind, ok := kindOf(e.EntityType, e.Operation, changes)
	if !ok {
		return Event{}, false
	}
	return Event{Sequence: e.Sequence, Kind: kind, SubjectID: pulid.ID(e.EntityID), At: e.At}, true
}

// kindOf reads a change of a record as an event. Values are as the trail
// keeps them, decoded from JSON: enums and times are strings.
func kindOf(entityType, operation string, changes map[string]audit.Change) (Kind, bool) {
	changed := func(f string) (audit.Change, bool) { c, ok := changes[f]; return c, ok }
	switch {
	case entityType == ent.TypeObservation && operation == "CREATE":
		if c, ok := changed("status"); ok && c.After == string(observation.StatusSubmitted) {
			return ObservationSubmitted, true
		}
	case entityType == ent.TypeObservation && operation == "UPDATE":
		if c, ok := changed("status"); ok {
			switch c.After {
			case string(observation.StatusSubmitted):
				return ObservationSubmitted, true
			case string(observation.StatusWithdrawn):
				return ObservationWithdrawn, true
			case string(observation.StatusAccepted), string(observation.StatusPartiallyAccepted),
				string(observation.StatusRejected), string(observation.StatusOutOfScope):
				return ObservationAnswered, true
			}
			return "", false
		}
		for _, f := range []string{"kind", "body", "proposed_text"} {
			if _, ok := changed(f); ok {
				return ObservationEdited, true
			}
		}
	case entityType == ent.TypeConsultation && operation == "UPDATE":
		if _, ok := changed("consolidated_at"); ok {
			return RoundConsolidated, true
		}
		if _, ok := changed("opens_at"); ok {
			return RoundOpened, true
		}
		if c, ok := changed("closes_at"); ok {
			if later(c.After, c.Before) {
				return RoundExtended, true
			}
			return RoundClosed, true
		}
	case entityType == ent.TypeStrategy && operation == "UPDATE":
		if _, ok := changed("status"); ok {
			return StrategyMoved, true
		}
	case entityType == ent.TypeStrategyVersion && operation == "CREATE":
		return VersionPublished, true
	case entityType == ent.TypeProgressReport && operation == "CREATE":
		return ProgressReported, true
	case entityType == ent.TypeDecision && operation == "UPDATE":
		if c, ok := changed("status"); ok && c.After == string(decision.StatusSettled) {
			return DecisionSettled, true
		}
	}
	return "", false
}

// later reports whether time a is after time b, both as the trail writes them.
func later(a, b any) bool {
	as, _ := a.(string)
	bs, _ := b.(string)
	ta, errA := time.Parse(time.RFC3339Nano, as)
	tb, errB := time.Parse(time.RFC3339Nano, bs)
	return errA == nil && errB == nil && ta.After(tb)
}
