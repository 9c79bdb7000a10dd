// Package lifecycle moves a strategy through its lifecycle: drafting,
// consultation, consolidation, validation, submitted to the Council of
// Ministers, adopted, in implementation, superseded. Move is the only way a
// strategy's status changes (the Strategy's hooks refuse any change made
// outside it, see Moving), so every move, from the API or the command line,
// is on the lifecycle's edges, passes its guards and is kept in the history.
//
// The rules are plain functions of the states and of the facts a move needs
// (CheckMove, Allowed, AdoptedStatuses); Move reads the facts and calls them.
package lifecycle

import (
	"context"
	"time"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/auth"
	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/schema/pulid"
	"github.com/palabre/palabre/ent/schema/revision"
	"github.com/palabre/palabre/ent/strategy"
	"github.com/palabre/palabre/transaction"
)

// Step is a move the secretariat asks for.
type Step struct {
	StrategyID pulid.ID
	Revision   int             // the revision of the strategy the move is based on
	To         strategy.Status // the state to move to
	Comment    string          // why, in the words of who moves it
	Adoption   *Adoption       // the adopting act: required to move to ADOPTED, refused otherwise
}

// Adoption is the act that adopts a strategy.
type Adoption struct {
	VersionID    pulid.ID // the published version of the strategy that the act adopts
	ActReference string   // such as « Décret n° 2022-123 du 15 mars 2022 »
	ActDate      time.Time
}

type movingKey struct{}

// Moving reports whether ctx is that of a Move. The Strategy's hooks let its
// status change only then; nothing outside this package can set it.
func Moving(ctx context.Context) bool {
	return ctx.Value(movingKey{}) != nil
}

// Move moves a strategy to step.To and records the move, with the viewer of
// ctx as its actor. The strategy's privacy policy decides who may; a move off
// the lifecycle's edges is BAD_USER_INPUT naming the allowed ones; a guard
// that does not hold is CONFLICT (or BAD_USER_INPUT for a wrong adoption)
// saying what is missing; a stale revision is CONFLICT. Nothing is stored
// unless everything holds: Move runs in client's transaction, or in one of its
// own.
func Move(ctx context.Context, client *ent.Client, step Step) (*ent.Strategy, *ent.StrategyTransition, error) {
	var (
		moved      *ent.Strategy
		transition *ent.StrategyTransition
	)
	err := transaction.Within(ctx, client, func(client *ent.Client) error {
		var err error
		moved, transition, err = move(ctx, client, step)
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	return moved, transition, nil
}

func move(ctx context.Context, client *ent.Client, step Step) (*ent.Strategy, *ent.StrategyTransition, error) {
	update := client.Strategy.UpdateOneID(step.StrategyID)
	// The policy is asked first, so that a caller who may not move the strategy
	// learns nothing of where it stands or of what a guard would say.
	if err := strategy.Policy.EvalMutation(ctx, update.Mutation()); err != nil {
		return nil, nil, err
	}
	current, err := client.Strategy.Get(ctx, step.StrategyID)
	if err != nil {
		return nil, nil, err
	}
	from := current.Status
	if !allows(from, step.To) {
		return nil, nil, illegal(from, step.To) // before reading anything for the guards
	}
	facts, err := gather(ctx, client, current, step)
	if err != nil {
		return nil, nil, err
	}
	if err := CheckMove(from, step, facts); err != nil {
		return nil, nil, err
	}

	ctx = context.WithValue(revision.Expect(ctx, step.StrategyID, step.Revision), movingKey{}, true)
	update.SetStatus(step.To)
	if a := step.Adoption; a != nil {
		update.SetAdoptionReference(a.ActReference).SetAdoptedOn(a.ActDate).SetAdoptedVersionID(a.VersionID)
	}
	moved, err := update.Save(ctx)
	if err != nil {
		return nil, nil, err
	}
	record := client.StrategyTransition.Create().
		SetStrategyID(moved.ID).
		SetFromStatus(string(from)).
		SetToStatus(string(step.To)).
		SetComment(step.Comment)
	if v := auth.FromContext(ctx); v != nil {
		record.SetActorID(v.AccountID)
	}
	transition, err := record.Save(ctx)
	if err != nil {
		return nil, nil, err
	}
	return moved, transition, nil
}

// illegal is the error for a move off the lifecycle's edges.
func illegal(from, to strategy.Status) error {
	allowed := moves[from]
	if len(allowed) == 0 {
		return palabre.Refuse(palabre.EINVALID, palabre.ReasonLifecycleEnded, "status", from).
			Sayf("the strategy is %s, the end of its lifecycle: it moves no further", from)
	}
	names := make([]string, len(allowed))
	for i, s := range allowed {
		names[i] = string(s)
	}
	return palabre.Refuse(palabre.EINVALID, palabre.ReasonIllegalMove, "from", from, "to", to, "allowed", names).
		Sayf("a strategy in %s may move to %s, not to %s", from, list(allowed), to)
}
