package plan

import (
	"context"
	"io"
	"strconv"
	"strings"
	"time"

	"entgo.io/ent/dialect/sql"

	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/actionitem"
	"github.com/palabre/palabre/ent/agency"
	"github.com/palabre/palabre/ent/commitment"
	"github.com/palabre/palabre/ent/objective"
	"github.com/palabre/palabre/ent/predicate"
	"github.com/palabre/palabre/ent/progressreport"
	"github.com/palabre/palabre/spreadsheet"
)

// Sheet is an action plan with its progress, as a spreadsheet reads it: one
// row per item, with its latest report, overdue and stale on a date.
type Sheet struct {
	On      time.Time
	Cadence int // the plan's reporting cadence, in days
	Items   []*ent.ActionItem
	Latest  map[string]*ent.ProgressReport // by item ID
	// ByCommitment heads the first column « commitment » and fills it with
	// the items' commitments: an agreement's plan. A strategy's has objectives.
	ByCommitment bool
}

// LoadSheet reads the items of scope the caller reads, in code order, with
// their objective, agencies and latest report, in a bounded number of
// statements: the items and their edges, then the reports of all of them.
func LoadSheet(ctx context.Context, client *ent.Client, scope predicate.ActionItem, cadence int, on time.Time) (*Sheet, error) {
	items, err := client.ActionItem.Query().Where(scope).
		Order(actionitem.ByCode()).
		WithObjective(func(q *ent.ObjectiveQuery) { q.Select(objective.FieldCode) }).
		WithCommitment(func(q *ent.CommitmentQuery) { q.Select(commitment.FieldCode) }).
		WithLeadAgency(func(q *ent.AgencyQuery) { q.Select(agency.FieldAcronym) }).
		WithSupportingAgencies(func(q *ent.AgencyQuery) { q.Select(agency.FieldAcronym) }).
		WithFundingPartners(func(q *ent.AgencyQuery) { q.Select(agency.FieldAcronym) }).
		All(ctx)
	if err != nil {
		return nil, err
	}
	ids := make([]any, len(items))
	for i, it := range items {
		ids[i] = it.ID
	}
	s := &Sheet{On: on, Cadence: cadence, Items: items, Latest: map[string]*ent.ProgressReport{}}
	if len(ids) == 0 {
		return s, nil
	}
	// Every report of the items, oldest first: the last one seen per item is
	// its latest (by date, then by filing).
	reports, err := client.ProgressReport.Query().
		Where(func(sel *sql.Selector) { sel.Where(sql.In(sel.C(progressreport.ActionItemColumn), ids...)) }).
		Order(progressreport.ByAsOf(), progressreport.ByID()).
		WithActionItem(func(q *ent.ActionItemQuery) { q.Select(actionitem.FieldID) }).
		All(ctx)
	if err != nil {
		return nil, err
	}
	for _, r := range reports {
		s.Latest[string(r.Edges.ActionItem.ID)] = r
	}
	return s, nil
}

// sheetHeader names the columns of an action plan as CSV.
var sheetHeader = []string{
	"objective", "code", "title", "lead agency", "supporting agencies", "funding partners",
	"priority", "status", "progress (%)", "start date", "due date", "estimated budget", "currency",
	"overdue", "stale", "latest report (as of)", "narrative", "difficulties", "next steps",
}

// WriteCSV writes the sheet as CSV (see spreadsheet), dates as YYYY-MM-DD in
// UTC, overdue and stale as « yes » or « no » on the sheet's date.
func (s *Sheet) WriteCSV(w io.Writer) error {
	out, err := spreadsheet.NewWriter(w)
	if err != nil {
		return err
	}
	header := sheetHeader
	if s.ByCommitment {
		header = append([]string{"commitment"}, sheetHeader[1:]...)
	}
	if err := out.Write(header); err != nil {
		return err
	}
	for _, it := range s.Items {
		row := []string{
			planCode(it), it.Code, it.Title, it.Edges.LeadAgency.Acronym,
			acronyms(it.Edges.SupportingAgencies), acronyms(it.Edges.FundingPartners),
			string(it.Priority), string(it.Status), strconv.Itoa(it.Progress),
			date(it.StartDate), date(it.DueDate), "", "",
			yesNo(Overdue(it.DueDate, it.Status, s.On)),
			yesNo(Stale(it.Status, it.LastReportedAt, it.StartDate, s.Cadence, s.On)),
			"", "", "", "",
		}
		if it.EstimatedBudget != nil {
			row[11] = strconv.FormatInt(*it.EstimatedBudget, 10)
		}
		if it.BudgetCurrency != nil {
			row[12] = *it.BudgetCurrency
		}
		if r := s.Latest[string(it.ID)]; r != nil {
			row[15], row[16], row[17], row[18] = date(&r.AsOf), r.Narrative, r.Difficulties, r.NextSteps
		}
		if err := out.Write(row); err != nil {
			return err
		}
	}
	return nil
}

func acronyms(agencies []*ent.Agency) string {
	names := make([]string, len(agencies))
	for i, a := range agencies {
		names[i] = a.Acronym
	}
	return strings.Join(names, ", ")
}

func date(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.UTC().Format("2006-01-02")
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// planCode is the code of an item's objective or commitment.
func planCode(it *ent.ActionItem) string {
	if it.Edges.Objective != nil {
		return it.Edges.Objective.Code
	}
	if it.Edges.Commitment != nil {
		return it.Edges.Commitment.Code
	}
	return ""
}
