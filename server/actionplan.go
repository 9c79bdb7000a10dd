package server

import (
	"bytes"
	"fmt"
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
// clock. Like the response matrix, it runs as the caller, so the file holds
// what the caller reads through GraphQL; a strategy the caller may not read
// is not found. An agreement's plan is one more route over plan.LoadSheet.
func actionPlanCSV(client *ent.Client, logger *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		id := pulid.ID(r.PathValue("id"))
		s, err := client.Strategy.Get(ctx, id)
		if ent.IsNotFound(err) {
			err = palabre.Errorf(palabre.ENOTFOUND, "strategy %s not found", id)
		}
		if err != nil {
			writeFailure(w, r, logger, err)
			return
		}
		sheet, err := plan.LoadSheet(ctx, client, plan.InStrategy(s.ID), s.ReportingCadenceDays, clock.Now(ctx))
		if err != nil {
			writeFailure(w, r, logger, err)
			return
		}
		var body bytes.Buffer // a failure halfway is still an error, not half a file
		if err := sheet.WriteCSV(&body); err != nil {
			writeFailure(w, r, logger, err)
			return
		}
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="action-plan-%s.csv"`, id))
		w.Header().Set("Cache-Control", "no-store") // what a caller sees depends on who they are
		_, _ = body.WriteTo(w)
	})
}
