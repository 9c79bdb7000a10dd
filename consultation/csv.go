package consultation

import (
	"bytes"
	"encoding/csv"
	"io"
	"strings"
)

// csvHeader names the columns of the matrix as CSV.
var csvHeader = []string{
	"target code", "target title", "agency", "kind", "status",
	"observation", "proposed text", "response", "responded at (UTC)",
}

// WriteCSV writes the matrix as CSV, one row per observation in the order of
// the groups, for the people who print it for the Council: UTF-8 behind a
// byte-order mark, without which Excel mangles the accents, and CRLF line ends.
func (m *Matrix) WriteCSV(w io.Writer) error {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return err
	}
	out := recordWriter{w: w}
	if err := out.Write(csvHeader); err != nil {
		return err
	}
	for _, g := range m.Groups {
		for _, o := range g.Observations {
			respondedAt := ""
			if o.RespondedAt != nil {
				respondedAt = o.RespondedAt.UTC().Format("2006-01-02 15:04")
			}
			row := []string{
				g.TargetCode, g.TargetTitle, o.Edges.Agency.Acronym, string(o.Kind), string(o.Status),
				o.Body, o.ProposedText, o.Response, respondedAt,
			}
			for i := range row {
				row[i] = inert(row[i])
			}
			if err := out.Write(row); err != nil {
				return err
			}
		}
	}
	return nil
}

// recordWriter ends each record with CRLF but keeps the line breaks inside a
// cell as they were written: encoding/csv's UseCRLF would turn every « \n » in
// an observation into « \r\n » and drop a lone « \r ».
type recordWriter struct {
	w   io.Writer
	buf bytes.Buffer
}

func (r *recordWriter) Write(record []string) error {
	r.buf.Reset()
	out := csv.NewWriter(&r.buf)
	if err := out.Write(record); err != nil {
		return err
	}
	out.Flush()
	if err := out.Error(); err != nil {
		return err
	}
	line := bytes.TrimSuffix(r.buf.Bytes(), []byte("\n"))
	_, err := r.w.Write(append(line, '\r', '\n'))
	return err
}

// inert keeps a spreadsheet from reading a cell as a formula: agencies write
// the observations, and a body starting with "=" would otherwise run in the
// secretariat's Excel. A leading apostrophe is how spreadsheets mark text.
func inert(cell string) string {
	if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
		return "'" + cell
	}
	return cell
}
