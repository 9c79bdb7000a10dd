package server

import (
	"context"
	"log/slog"
	"net/http"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/clock"
	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/schema/pulid"
	"github.com/palabre/palabre/plan"
)

// actionPlanCSV serves GET /strategies/{id}/action-plan.csv: the strategy's
// action plan with its progress as CSV (plan.Sheet), read on the request's
// clock.
func actionPlanCSV(client *ent.Client, logger *slog.Logger) http.Handler {
	return csvDownload(logger, "action-plan", func(ctx context.Context, id pulid.ID) (sheet, error) {
		s, err := client.Strategy.Get(ctx, id)
		if ent.IsNotFound(err) {
			return nil, palabre.Errorf(palabre.ENOTFOUND, "strategy %s not found", id)
		}
		if err != nil {
			return nil, err
		}
		return plan.LoadSheet(ctx, client, plan.InStrategy(s.ID), s.ReportingCadenceDays, clock.Now(ctx))
	})
}

// agreementActionPlanCSV serves GET /agreements/{id}/action-plan.csv: an
// agreement's action plan with its progress, as the strategy's.
func agreementActionPlanCSV(client *ent.Client, logger *slog.Logger) http.Handler {
	return csvDownload(logger, "action-plan", func(ctx context.Context, id pulid.ID) (sheet, error) {
		a, err := client.Agreement.Get(ctx, id)
		if ent.IsNotFound(err) {
			return nil, palabre.Errorf(palabre.ENOTFOUND, "agreement %s not found", id)
		}
		if err != nil {
			return nil, err
		}
		s, err := plan.LoadSheet(ctx, client, plan.InAgreement(a.ID), a.ReportingCadenceDays, clock.Now(ctx))
		if err != nil {
			return nil, err
		}
		s.ByCommitment = true
		return s, nil
	})
}
