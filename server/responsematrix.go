package server

import (
	"bytes"
	"fmt"
	"log/slog"
	"net/http"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/consultation"
	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/schema/pulid"
)

// responseMatrixCSV serves GET /consultations/{id}/response-matrix.csv: the
// round's response matrix as CSV, for the people who print it for the Council.
// It runs as the caller that authenticate put in the request's context, so the
// file holds exactly what the caller sees of the matrix through GraphQL; a
// round the caller may not see is not found. Internal errors go to the logger,
// never to the caller.
func responseMatrixCSV(client *ent.Client, logger *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		id := pulid.ID(r.PathValue("id"))
		round, err := client.Consultation.Get(ctx, id)
		if ent.IsNotFound(err) {
			writeError(w, http.StatusNotFound, palabre.ENOTFOUND, fmt.Sprintf("consultation %s not found", id))
			return
		}
		if err != nil {
			matrixFailed(w, r, logger, err)
			return
		}
		matrix, err := consultation.ResponseMatrix(ctx, round)
		if err != nil {
			matrixFailed(w, r, logger, err)
			return
		}
		// Written to memory first, so that a failure halfway is still an error
		// and not half a file.
		var body bytes.Buffer
		if err := matrix.WriteCSV(&body); err != nil {
			matrixFailed(w, r, logger, err)
			return
		}
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="response-matrix-%s.csv"`, id))
		w.Header().Set("Cache-Control", "no-store") // what a caller sees depends on who they are
		_, _ = body.WriteTo(w)
	})
}

// matrixFailed answers without the details of err (see failed).
func matrixFailed(w http.ResponseWriter, r *http.Request, logger *slog.Logger, err error) {
	failed(w, r, logger, "building a response matrix", err)
}
