package audit

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/palabre/palabre/auth"
	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/privacy"
)

// headID is the ID of the one row of the audit_heads table.
const headID = 1

// Record appends an event to the chain through client, which should be the
// client of the change's own transaction so that both commit or neither does.
// The actor is the viewer of ctx.
func Record(ctx context.Context, client *ent.Client, operation, entityType, entityID string, changes map[string]Change) error {
	ctx = privacy.DecisionContext(ctx, privacy.Allow) // nobody may write the trail but this function
	encoded, err := EncodeChanges(changes)
	if err != nil {
		return err
	}
	// Make sure the head exists, then move it: the update locks the head row
	// until the transaction ends, so writers chain one after the other.
	err = client.AuditHead.Create().SetID(headID).OnConflictColumns("id").DoNothing().Exec(ctx)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	head, err := client.AuditHead.UpdateOneID(headID).AddSequence(1).Save(ctx)
	if err != nil {
		return err
	}
	e := Event{
		Sequence:   head.Sequence,
		At:         time.Now().UTC().Truncate(time.Microsecond), // what both stores keep
		Operation:  operation,
		EntityType: entityType,
		EntityID:   entityID,
		Changes:    encoded,
	}
	if v := auth.FromContext(ctx); v != nil {
		e.ActorID = string(v.AccountID)
	}
	hash := Hash(head.Hash, e)
	err = client.AuditEvent.Create().
		SetSequence(e.Sequence).SetAt(e.At).SetActorID(e.ActorID).
		SetOperation(e.Operation).SetEntityType(e.EntityType).SetEntityID(e.EntityID).
		SetChanges(e.Changes).SetPreviousHash(head.Hash).SetHash(hash).
		Exec(ctx)
	if err != nil {
		return err
	}
	return client.AuditHead.UpdateOneID(headID).SetHash(hash).Exec(ctx)
}
