package cooperation

import (
	"context"

	"github.com/palabre/palabre/auth"
	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/agreement"
	"github.com/palabre/palabre/ent/agreementparty"
	"github.com/palabre/palabre/ent/schema/pulid"
	"github.com/palabre/palabre/ent/schema/revision"
	"github.com/palabre/palabre/transaction"
)

// Step is a move of an agreement the secretariat asks for.
type Step struct {
	AgreementID pulid.ID
	Revision    int              // the revision of the agreement the move is based on
	To          agreement.Status // the status to move to
	Comment     string           // why, in the words of who moves it
}

type movingKey struct{}

// Moving reports whether ctx is that of a Move: the Agreement's hooks let its
// status change only then, and its history be written.
func Moving(ctx context.Context) bool {
	return ctx.Value(movingKey{}) != nil
}

// Move moves an agreement to step.To and records the move with the viewer of
// ctx as its actor. The agreement's privacy policy decides who may; a move off
// the edges is BAD_USER_INPUT, a guard that does not hold CONFLICT, a stale
// revision CONFLICT. Nothing is stored unless everything holds.
func Move(ctx context.Context, client *ent.Client, step Step) (*ent.Agreement, *ent.AgreementTransition, error) {
	var (
		moved      *ent.Agreement
		transition *ent.AgreementTransition
	)
	err := transaction.Within(ctx, client, func(client *ent.Client) error {
		update := client.Agreement.UpdateOneID(step.AgreementID)
		// The policy first: a caller who may not move it learns nothing of it.
		if err := agreement.Policy.EvalMutation(ctx, update.Mutation()); err != nil {
			return err
		}
		current, err := client.Agreement.Get(ctx, step.AgreementID)
		if err != nil {
			return err
		}
		parties, err := client.AgreementParty.Query().
			Where(agreementparty.HasAgreementWith(agreement.ID(current.ID))).Count(ctx)
		if err != nil {
			return err
		}
		facts := Facts{Parties: parties, SignedOn: current.SignedOn, EntryIntoForceOn: current.EntryIntoForceOn}
		if err := CheckMove(current.Status, step.To, facts); err != nil {
			return err
		}
		ctx := context.WithValue(revision.Expect(ctx, step.AgreementID, step.Revision), movingKey{}, true)
		if moved, err = update.SetStatus(step.To).Save(ctx); err != nil {
			return err
		}
		record := client.AgreementTransition.Create().
			SetAgreementID(moved.ID).
			SetFromStatus(string(current.Status)).
			SetToStatus(string(step.To)).
			SetComment(step.Comment)
		if v := auth.FromContext(ctx); v != nil {
			record.SetActorID(v.AccountID)
		}
		transition, err = record.Save(ctx)
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	return moved, transition, nil
}
