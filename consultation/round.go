package consultation

import (
	"context"
	"time"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/schema/pulid"
)

// The secretariat's actions on a round. Each one is a change of the round's
// times; whether the round may take it (opened only while planned, closed only
// while open, consolidated only once closed and answered) is checked by the
// Consultation's hooks in ent/schema, so the API and the command line obey the
// same rules. Updates take the caller's context: wrap it with revision.Expect
// to refuse a change based on a stale read.

// PlanRound stores a round on a published version of a strategy.
func PlanRound(ctx context.Context, client *ent.Client, in ent.CreateConsultationInput) (*ent.Consultation, error) {
	return client.Consultation.Create().SetInput(in).Save(ctx)
}

// OpenRound opens a planned round now instead of at its opening time.
func OpenRound(ctx context.Context, client *ent.Client, id pulid.ID) (*ent.Consultation, error) {
	return client.Consultation.UpdateOneID(id).SetOpensAt(Now()).Save(ctx)
}

// ExtendRound moves the closing time of a round that has not closed yet later.
func ExtendRound(ctx context.Context, client *ent.Client, id pulid.ID, closesAt time.Time) (*ent.Consultation, error) {
	// A closing time that has passed would close the round: that is CloseRound.
	if !closesAt.After(Now()) {
		return nil, palabre.Errorf(palabre.EINVALID, "the new closing time (%s) has passed: give a time in the future, or close the round",
			closesAt.UTC().Format("2006-01-02 15:04 UTC"))
	}
	return client.Consultation.UpdateOneID(id).SetClosesAt(closesAt).Save(ctx)
}

// CloseRound closes an open round now instead of at its closing time.
func CloseRound(ctx context.Context, client *ent.Client, id pulid.ID) (*ent.Consultation, error) {
	return client.Consultation.UpdateOneID(id).SetClosesAt(Now()).Save(ctx)
}

// ConsolidateRound consolidates a closed round whose submitted observations are
// all answered: its response matrix is then shared with the invited agencies.
func ConsolidateRound(ctx context.Context, client *ent.Client, id pulid.ID) (*ent.Consultation, error) {
	return client.Consultation.UpdateOneID(id).SetConsolidatedAt(Now()).Save(ctx)
}
