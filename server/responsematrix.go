package server

import (
	"context"
	"log/slog"
	"net/http"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/consultation"
	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/schema/pulid"
)

// responseMatrixCSV serves GET /consultations/{id}/response-matrix.csv: the
// round's response matrix as CSV, for the people who print it for the Council.
func responseMatrixCSV(client *ent.Client, logger *slog.Logger) http.Handler {
	return csvDownload(logger, "response-matrix", func(ctx context.Context, id pulid.ID) (sheet, error) {
		round, err := client.Consultation.Get(ctx, id)
		if ent.IsNotFound(err) {
			return nil, palabre.Errorf(palabre.ENOTFOUND, "consultation %s not found", id)
		}
		if err != nil {
			return nil, err
		}
		return consultation.ResponseMatrix(ctx, round)
	})
}
