package consultation

import (
	"context"
	"time"

	"github.com/palabre/palabre/clock"
	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/schema/pulid"
)

// The secretariat's actions on a round. Each one is a change of the round's
// times, made in the name of the action: the Consultation's hooks check it
// with the rule of that action (Round.Open, Extend, Close, Consolidate) and
// refuse a change of times made in no action's name, so the API and the
// command line obey the same rules. Updates take the caller's context: wrap
// it with revision.Expect to refuse a change based on a stale read.

type actionKey struct{}

// ActionOf returns the action a change of a round's times is made for.
func ActionOf(ctx context.Context) (Action, bool) {
	a, ok := ctx.Value(actionKey{}).(Action)
	return a, ok
}

func taking(ctx context.Context, a Action) context.Context {
	return context.WithValue(ctx, actionKey{}, a)
}

// PlanRound stores a round on a published version of a strategy.
func PlanRound(ctx context.Context, client *ent.Client, in ent.CreateConsultationInput) (*ent.Consultation, error) {
	return client.Consultation.Create().SetInput(in).Save(ctx)
}

// OpenRound opens a planned round now instead of at its opening time.
func OpenRound(ctx context.Context, client *ent.Client, id pulid.ID) (*ent.Consultation, error) {
	return client.Consultation.UpdateOneID(id).SetOpensAt(clock.Now(ctx)).Save(taking(ctx, Opening))
}

// ExtendRound moves the closing time of a round that has not closed yet later.
func ExtendRound(ctx context.Context, client *ent.Client, id pulid.ID, closesAt time.Time) (*ent.Consultation, error) {
	return client.Consultation.UpdateOneID(id).SetClosesAt(closesAt).Save(taking(ctx, Extending))
}

// CloseRound closes an open round now instead of at its closing time.
func CloseRound(ctx context.Context, client *ent.Client, id pulid.ID) (*ent.Consultation, error) {
	return client.Consultation.UpdateOneID(id).SetClosesAt(clock.Now(ctx)).Save(taking(ctx, Closing))
}

// ConsolidateRound consolidates a closed round whose submitted observations are
// all answered: its response matrix is then shared with the invited agencies.
func ConsolidateRound(ctx context.Context, client *ent.Client, id pulid.ID) (*ent.Consultation, error) {
	return client.Consultation.UpdateOneID(id).SetConsolidatedAt(clock.Now(ctx)).Save(taking(ctx, Consolidating))
}
