package graph_test

import (
	"bytes"
	"testing"
)

// Item 14 of issue 7: a line break inside a cell of the response matrix's CSV
// is kept as written; only the records end with CRLF.
func TestTheCSVKeepsLineBreaksAsWritten(t *testing.T) {
	t.Parallel()
	c := newConsulting(t)
	w := c.World
	round := c.openRound(w.Security)
	c.submit(w.SecurityAgent, submission(round, "Premier point.\nSecond point.\r\nTroisième point."))

	_, body := c.matrixCSV(t, w.Secretariat, round)
	cell := []byte("\"Premier point.\nSecond point.\r\nTroisième point.\"")
	if !bytes.Contains(body, cell) {
		t.Errorf("the observation's line breaks changed:\n%q", body)
	}
	lines := bytes.Split(bytes.TrimSuffix(body, []byte("\r\n")), []byte("\r\n"))
	if len(lines) != 3 || !bytes.HasPrefix(lines[0], []byte("\ufefftarget code,")) || !bytes.HasSuffix(body, []byte("\r\n")) {
		t.Errorf("want a header and a record ending in CRLF (the record spans a CRLF of its own):\n%q", body)
	}
}
