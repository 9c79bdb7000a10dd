// Package audit keeps the audit trail: one event per change, written in the
// transaction of the change, each chained to the previous by its hash so that
// a changed, inserted or removed row breaks the chain where it happened.
package audit

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"time"
)

// Change is a field's value before and after a change; Before is left out of
// a creation, After out of a field emptied. For edges, Before lists the IDs
// removed ("cleared" when all were) and After the IDs added: the previous
// target of a to-one edge is the After of the event that set it.
type Change struct {
	Before any `json:"before,omitempty"`
	After  any `json:"after,omitempty"`
}

// Event is the content of an audit event, what its hash covers.
type Event struct {
	Sequence   int64
	At         time.Time
	ActorID    string
	Operation  string
	EntityType string
	EntityID   string
	Changes    string // canonical JSON of map[string]Change
}

// EncodeChanges returns the canonical JSON of changes: keys sorted, as
// encoding/json writes maps.
func EncodeChanges(changes map[string]Change) (string, error) {
	if changes == nil {
		changes = map[string]Change{}
	}
	b, err := json.Marshal(changes)
	return string(b), err
}

// Hash returns the hash of an event chained to the previous hash.
func Hash(previous string, e Event) string {
	content, _ := json.Marshal([]any{
		previous, e.Sequence, e.At.UTC().Format(time.RFC3339Nano), e.ActorID,
		e.Operation, e.EntityType, e.EntityID, e.Changes,
	})
	sum := sha256.Sum256(content)
	return hex.EncodeToString(sum[:])
}
