package audit

import (
	"context"
	stdsql "database/sql"
	"errors"
	"time"

	"entgo.io/ent/dialect"
	"entgo.io/ent/dialect/sql"

	"github.com/palabre/palabre/access"
	"github.com/palabre/palabre/auth"
	"github.com/palabre/palabre/clock"
	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/audithead"
	"github.com/palabre/palabre/transaction"
)

// headID is the ID of the one row of the audit_heads table.
const headID = 1

// Record appends an event to the chain through client, which should be the
// client of the change's own transaction so that both commit or neither does.
// The actor is the viewer of ctx.
//
// A change made outside any transaction (set-up code running as the system)
// cannot be joined: its event is then chained in a transaction of its own, so
// that the chain at least never forks.
func Record(ctx context.Context, client *ent.Client, operation, entityType, entityID string, changes map[string]Change) error {
	ctx = access.AsSystem(ctx, "writing the audit trail, which nobody may write but this function")
	encoded, err := EncodeChanges(changes)
	if err != nil {
		return err
	}
	e := Event{
		Operation:  operation,
		EntityType: entityType,
		EntityID:   entityID,
		Changes:    encoded,
	}
	if v := auth.FromContext(ctx); v != nil {
		e.ActorID = string(v.AccountID)
	}
	return transaction.Within(ctx, client, func(client *ent.Client) error { return appendEvent(ctx, client, e) })
}

// Lock takes the head of the chain for the rest of client's transaction. The
// audit hook calls it before the change writes anything: a transaction then
// locks the rows of audited entities only while it holds the head, so two
// transactions never each hold a row the other waits for. On PostgreSQL it
// also orders concurrent writers of one row: the second one to get the head
// finds the first one's revision, and is refused with CONFLICT.
func Lock(ctx context.Context, client *ent.Client) error {
	_, err := lockHead(access.AsSystem(ctx, "taking the head of the audit chain"), client)
	return err
}

// appendEvent chains e to the head and moves the head to it: three statements.
func appendEvent(ctx context.Context, client *ent.Client, e Event) error {
	head, err := lockHead(ctx, client)
	if err != nil {
		return err
	}
	e.Sequence = head.Sequence + 1
	e.At = clock.Now(ctx).Truncate(time.Microsecond) // what both stores keep
	hash := Hash(head.Hash, e)
	saved, err := client.AuditEvent.Create().
		SetSequence(e.Sequence).SetAt(e.At).SetActorID(e.ActorID).
		SetOperation(e.Operation).SetEntityType(e.EntityType).SetEntityID(e.EntityID).
		SetChanges(e.Changes).SetPreviousHash(head.Hash).SetHash(hash).
		Save(ctx)
	if err != nil {
		return err
	}
	if err := followed(ctx, client, []*ent.AuditEvent{saved}); err != nil {
		return err
	}
	return client.AuditHead.Update().Where(audithead.ID(headID)).
		SetSequence(e.Sequence).SetHash(hash).
		Exec(ctx)
}

// Follower is told of events appended to the trail, in their transaction:
// what it writes with client commits with them, or not at all. An error
// fails the change.
type Follower func(ctx context.Context, client *ent.Client, events []*ent.AuditEvent) error

var followers []Follower

// Follow has f told of every event appended from now on, by Record and by
// CreateAll alike (the notification outbox writes its rows so). It is meant
// for package initialisation: it is not safe to call while events are
// written.
func Follow(f Follower) { followers = append(followers, f) }

// Unannounced returns a context whose events go into the trail and are told
// to no follower: a bulk load (`palabre seed bench`) is history being
// written, not news. Without it, the million events of the bench data each
// queued a notification, and the outbox worker of every server started on
// that database spent the benchmark working through them.
func Unannounced(ctx context.Context) context.Context {
	return context.WithValue(ctx, unannouncedKey{}, true)
}

type unannouncedKey struct{}

// followed tells the followers of events, unless ctx is Unannounced; ctx is
// the system's.
func followed(ctx context.Context, client *ent.Client, events []*ent.AuditEvent) error {
	if quiet, _ := ctx.Value(unannouncedKey{}).(bool); quiet {
		return nil
	}
	for _, f := range followers {
		if err := f(ctx, client, events); err != nil {
			return err
		}
	}
	return nil
}

// lockHead reads the head, locked until the transaction ends, and creates it
// on the first event ever. ctx must be allowed past privacy.
func lockHead(ctx context.Context, client *ent.Client) (*ent.AuditHead, error) {
	head, err := client.AuditHead.Query().Where(audithead.ID(headID), forUpdate).Only(ctx)
	if !ent.IsNotFound(err) {
		return head, err
	}
	// Another first writer may be creating it too: whoever loses waits for
	// the winner's commit, does nothing, and then locks the winner's row.
	err = client.AuditHead.Create().SetID(headID).OnConflictColumns(audithead.FieldID).DoNothing().Exec(ctx)
	if err != nil && !errors.Is(err, stdsql.ErrNoRows) {
		return nil, err
	}
	return client.AuditHead.Query().Where(audithead.ID(headID), forUpdate).Only(ctx)
}

// Channel is the PostgreSQL notification channel on which the trail says that
// it grew: every transaction that writes to it notifies the channel once, with
// an empty payload, delivered when (and only if) the transaction commits. The
// listeners (events.Listen) then read the new events themselves, with their
// own permissions; nothing of a record travels in a notification.
const Channel = "palabre_audit"

// forUpdate locks the selected head on PostgreSQL, and notifies Channel in the
// same statement: every transaction that writes to the trail takes the head
// first, and PostgreSQL sends one notification for a transaction's identical
// ones, at its commit. SQLite has no row locks and needs none: a writing
// transaction holds the whole database from its BEGIN IMMEDIATE; its commits
// are heard in the process (database.WatchCommits).
func forUpdate(s *sql.Selector) {
	if s.Dialect() == dialect.Postgres {
		s.AppendSelectExpr(sql.Expr("pg_notify('" + Channel + "', '')")).ForUpdate()
	}
}
