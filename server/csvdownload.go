package server

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"

	"github.com/palabre/palabre/ent/schema/pulid"
)

// sheet is what a CSV download writes: a response matrix, an action plan.
type sheet interface {
	WriteCSV(io.Writer) error
}

// csvDownload serves a CSV file named prefix-<id>.csv, built by load for the
// record whose ID is in the path. It runs as the caller that authenticate put
// in the request's context, so the file holds exactly what the caller reads
// through GraphQL; a record the caller may not read is not found. Failures are
// answered as the GraphQL API codes them (writeFailure).
func csvDownload(logger *slog.Logger, prefix string, load func(ctx context.Context, id pulid.ID) (sheet, error)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := pulid.ID(r.PathValue("id"))
		s, err := load(r.Context(), id)
		if err != nil {
			writeFailure(w, r, logger, err)
			return
		}
		var body bytes.Buffer // a failure halfway is still an error, not half a file
		if err := s.WriteCSV(&body); err != nil {
			writeFailure(w, r, logger, err)
			return
		}
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s-%s.csv"`, prefix, id))
		w.Header().Set("Cache-Control", "no-store") // what a caller sees depends on who they are
		_, _ = body.WriteTo(w)
	})
}
