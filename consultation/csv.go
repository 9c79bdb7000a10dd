package consultation

import (
	"io"

	"github.com/palabre/palabre/spreadsheet"
)

// csvHeader names the columns of the matrix as CSV.
var csvHeader = []string{
	"target code", "target title", "agency", "kind", "status",
	"observation", "proposed text", "response", "responded at (UTC)",
}

// WriteCSV writes the matrix as CSV, one row per observation in the order of
// the groups, for the people who print it for the Council (see spreadsheet:
// UTF-8 behind a byte-order mark, CRLF line ends, no formula cells).
func (m *Matrix) WriteCSV(w io.Writer) error {
	out, err := spreadsheet.NewWriter(w)
	if err != nil {
		return err
	}
	if err := out.Write(csvHeader); err != nil {
		return err
	}
	for _, g := range m.Groups {
		for _, o := range g.Observations {
			respondedAt := ""
			if o.RespondedAt != nil {
				respondedAt = o.RespondedAt.UTC().Format("2006-01-02 15:04")
			}
			if err := out.Write([]string{
				g.TargetCode, g.TargetTitle, o.Edges.Agency.Acronym, string(o.Kind), string(o.Status),
				o.Body, o.ProposedText, o.Response, respondedAt,
			}); err != nil {
				return err
			}
		}
	}
	return nil
}
