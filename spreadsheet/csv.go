// Package spreadsheet writes CSV files for the people who open them in a
// spreadsheet: UTF-8 behind a byte-order mark, without which Excel mangles
// the accents, CRLF line ends, and no cell that a spreadsheet would run as a
// formula.
package spreadsheet

import (
	"bytes"
	"encoding/csv"
	"io"
	"strings"
)

// Writer writes the rows of one CSV file.
type Writer struct {
	w   io.Writer
	buf bytes.Buffer
}

// NewWriter writes the byte-order mark and returns a writer of rows.
func NewWriter(w io.Writer) (*Writer, error) {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return nil, err
	}
	return &Writer{w: w}, nil
}

// Write writes one row, its cells made inert (Inert). Each record ends with
// CRLF but line breaks inside a cell stay as they were written:
// encoding/csv's UseCRLF would turn every « \n » of a text into « \r\n » and
// drop a lone « \r ».
func (r *Writer) Write(record []string) error {
	cells := make([]string, len(record))
	for i, c := range record {
		cells[i] = Inert(c)
	}
	r.buf.Reset()
	out := csv.NewWriter(&r.buf)
	if err := out.Write(cells); err != nil {
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

// Inert keeps a spreadsheet from reading a cell as a formula: agencies write
// the texts, and one starting with "=" would otherwise run in the reader's
// Excel. A leading apostrophe is how spreadsheets mark text.
func Inert(cell string) string {
	if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
		return "'" + cell
	}
	return cell
}
