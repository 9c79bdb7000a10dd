package graph_test

import (
	"bytes"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/ent/schema/pulid"
)

func (p *progressWorld) planCSV(t *testing.T, token string, strategy pulid.ID) (*http.Response, []byte) {
	t.Helper()
	url := strings.TrimSuffix(p.URL, "/graphql") + "/strategies/" + string(strategy) + "/action-plan.csv"
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, body
}

// The action plan of an adopted strategy with its progress, as CSV: UTF-8
// behind a byte-order mark, one row per item in code order with its latest
// report, overdue and stale on the server's date, formulas made inert.
func TestTheActionPlanWithItsProgressAsCSV(t *testing.T) {
	t.Parallel()
	p := newProgressWorld(t)
	w := p.World
	p.file(t, w.SecurityAgent, report(p.item.ID, "2026-11-20T00:00:00Z", 45, "DELAYED",
		"narrative", "=HYPERLINK(\"http://exemple.test\")", "difficulties", "Recrutement des analystes en retard."))
	res, body := p.planCSV(t, "", w.Adopted.ID) // the public reads adopted strategies
	if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "text/csv; charset=utf-8" {
		t.Fatalf("%d %s: %s", res.StatusCode, res.Header.Get("Content-Type"), body)
	}
	lines := bytes.Split(bytes.TrimSuffix(body, []byte("\r\n")), []byte("\r\n"))
	want := []string{
		"\ufeffobjective,code,title,lead agency,supporting agencies,funding partners,priority,status,progress (%),start date,due date,estimated budget,currency,overdue,stale,latest report (as of),narrative,difficulties,next steps",
		"OS1,A1.1,Adhérer à la Convention de Budapest,ANSSI,,,MEDIUM,COMPLETED,100,,,,,no,no,,,,",
		`OS1,A1.2,Mettre en place le point de contact 24/7,ANSSI,,,MEDIUM,DELAYED,45,2026-01-01,2026-12-31,1000000,XOF,no,no,2026-11-20,"'=HYPERLINK(""http://exemple.test"")",Recrutement des analystes en retard.,`,
	}
	if len(lines) != len(want) {
		t.Fatalf("want %d lines, got:\n%s", len(want), body)
	}
	for i := range want {
		if string(lines[i]) != want[i] {
			t.Errorf("line %d:\n got %s\nwant %s", i, lines[i], want[i])
		}
	}
	// Overdue and stale follow the server's clock.
	p.clock.Set(day("2027-03-01"))
	_, body = p.planCSV(t, w.Reviewer, w.Adopted.ID)
	if !bytes.Contains(body, []byte(",XOF,yes,yes,2026-11-20,")) {
		t.Errorf("on 2027-03-01 the item is overdue and stale:\n%s", body)
	}
}

// A strategy the caller may not read is not found, as in GraphQL; the public
// does not read drafts.
func TestTheActionPlanCSVAnswersRefusalsAsTheAPIDoes(t *testing.T) {
	t.Parallel()
	p := newProgressWorld(t)
	w := p.World
	for who, token := range map[string]string{"the public": "", "an agency not consulted": w.JusticeAgent} {
		res, body := p.planCSV(t, token, w.Draft.ID)
		if code := csvFailure(t, res, body); code != palabre.ENOTFOUND {
			t.Errorf("%s reading a draft's plan: %d %s", who, res.StatusCode, code)
		}
	}
	res, body := p.planCSV(t, w.Reviewer, w.Draft.ID)
	if res.StatusCode != http.StatusOK || !bytes.Contains(body, []byte("OS2,A2.1,")) {
		t.Errorf("a reviewer reads the draft's plan: %d\n%s", res.StatusCode, body)
	}
	res, body = p.planCSV(t, w.Reviewer, "ST01ARZ3NDEKTSV4RRFFQ69G5FAV")
	if code := csvFailure(t, res, body); code != palabre.ENOTFOUND {
		t.Errorf("an unknown strategy: %d %s", res.StatusCode, code)
	}
}
