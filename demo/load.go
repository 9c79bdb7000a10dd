package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/actionitem"
	"github.com/palabre/palabre/ent/objective"
	"github.com/palabre/palabre/ent/progressreport"
	"github.com/palabre/palabre/ent/schema/pulid"
	"github.com/palabre/palabre/ent/strategy"
)

// strategyData is a strategy with its whole content.
type strategyData struct {
	Title              string
	StartYear, EndYear int
	Summary            string
	Status             strategy.Status
	Owner              string // acronym
	Implementer        string // acronym; "" while undecided
	Objectives         []objectiveData
}

// objectiveData is an objective; its position is its rank in the list.
type objectiveData struct {
	Code        string
	Title       string
	Description string
	Pillar      objective.Pillar
	Items       []itemData
	Indicators  []indicatorData
}

// itemData is an action item. Dates are « YYYY-MM-DD »; a zero Budget means
// none was estimated. DependsOn names items of the same strategy listed before.
type itemData struct {
	Code        string
	Title       string
	Description string
	Lead        string   // acronym
	Supporting  []string // acronyms
	Funding     []string // acronyms
	Priority    actionitem.Priority
	Status      actionitem.Status
	Progress    int
	Start, Due  string
	Budget      int64 // XOF
	DependsOn   []string
	Indicators  []indicatorData
	// Reports are the lead agency's progress reports, oldest first; the last
	// gives the item's progress and status, which must then agree with it.
	Reports []reportData
}

// reportData is a progress report filed by the item's lead agency.
type reportData struct {
	AsOf                               string
	Progress                           int
	Status                             actionitem.Status
	Narrative, Difficulties, NextSteps string
}

// indicatorData is an indicator and its measurements.
type indicatorData struct {
	Name             string
	Unit             string
	Baseline, Target float64
	TargetDate       string
	Measurements     []measurementData
}

// measurementData is one dated value of an indicator.
type measurementData struct {
	At    string
	Value float64
	Note  string
}

// budgetCurrency is the currency of every demo budget: the West African CFA franc.
const budgetCurrency = "XOF"

// loaded holds the IDs of a stored strategy and of its content, by code.
type loaded struct {
	id         pulid.ID
	objectives map[string]pulid.ID
	items      map[string]pulid.ID
}

// loadStrategy stores a strategy, its objectives, items, indicators and
// measurements.
func loadStrategy(ctx context.Context, c *ent.Client, s strategyData, agencyIDs map[string]pulid.ID) (*loaded, error) {
	l := &loaded{objectives: map[string]pulid.ID{}, items: map[string]pulid.ID{}}
	agencyID := func(what, acronym string) (pulid.ID, error) {
		id, ok := agencyIDs[acronym]
		if !ok {
			return "", fmt.Errorf("demo: %s: unknown agency %q", what, acronym)
		}
		return id, nil
	}
	owner, err := agencyID(s.Title, s.Owner)
	if err != nil {
		return nil, err
	}
	create := c.Strategy.Create().
		SetTitle(s.Title).
		SetCountry(Country).
		SetStartYear(s.StartYear).
		SetEndYear(s.EndYear).
		SetSummary(s.Summary).
		SetStatus(s.Status).
		SetOwnerAgencyID(owner)
	if s.Implementer != "" {
		id, err := agencyID(s.Title, s.Implementer)
		if err != nil {
			return nil, err
		}
		create.SetImplementingAgencyID(id)
	}
	st, err := create.Save(ctx)
	if err != nil {
		return nil, fmt.Errorf("demo: strategy « %s »: %w", s.Title, err)
	}
	l.id = st.ID

	for pos, o := range s.Objectives {
		obj, err := c.Objective.Create().
			SetStrategyID(st.ID).
			SetCode(o.Code).
			SetTitle(o.Title).
			SetDescription(o.Description).
			SetPillar(o.Pillar).
			SetPosition(pos).
			Save(ctx)
		if err != nil {
			return nil, fmt.Errorf("demo: objective %s: %w", o.Code, err)
		}
		l.objectives[o.Code] = obj.ID
		for _, in := range o.Indicators {
			if err := loadIndicator(ctx, c, c.Indicator.Create().SetObjectiveID(obj.ID), in); err != nil {
				return nil, fmt.Errorf("demo: objective %s: %w", o.Code, err)
			}
		}
		for _, it := range o.Items {
			id, err := loadItem(ctx, c, obj.ID, it, agencyID, l.items)
			if err != nil {
				return nil, fmt.Errorf("demo: action item %s: %w", it.Code, err)
			}
			l.items[it.Code] = id
		}
	}
	return l, nil
}

// loadItem stores an action item and its indicators; before holds the items of
// the strategy stored so far, by code.
func loadItem(ctx context.Context, c *ent.Client, objectiveID pulid.ID, it itemData,
	agencyID func(what, acronym string) (pulid.ID, error), before map[string]pulid.ID) (pulid.ID, error) {
	lead, err := agencyID(it.Code, it.Lead)
	if err != nil {
		return "", err
	}
	create := c.ActionItem.Create().
		SetObjectiveID(objectiveID).
		SetCode(it.Code).
		SetTitle(it.Title).
		SetDescription(it.Description).
		SetLeadAgencyID(lead).
		SetPriority(it.Priority).
		SetStatus(it.Status).
		SetProgress(it.Progress)
	for _, a := range it.Supporting {
		id, err := agencyID(it.Code, a)
		if err != nil {
			return "", err
		}
		create.AddSupportingAgencyIDs(id)
	}
	for _, a := range it.Funding {
		id, err := agencyID(it.Code, a)
		if err != nil {
			return "", err
		}
		create.AddFundingPartnerIDs(id)
	}
	for _, code := range it.DependsOn {
		id, ok := before[code]
		if !ok {
			return "", fmt.Errorf("depends on %s, which is not listed before it", code)
		}
		create.AddDependsOnIDs(id)
	}
	if it.Start != "" {
		create.SetStartDate(day(it.Start))
	}
	if it.Due != "" {
		create.SetDueDate(day(it.Due))
	}
	if it.Budget > 0 {
		create.SetEstimatedBudget(it.Budget).SetBudgetCurrency(budgetCurrency)
	}
	if n := len(it.Reports); n > 0 {
		latest := it.Reports[n-1]
		if latest.Progress != it.Progress || latest.Status != it.Status {
			return "", fmt.Errorf("%s: its progress and status are its latest report's", it.Code)
		}
		create.SetLastReportedAt(day(latest.AsOf))
	}
	item, err := create.Save(ctx)
	if err != nil {
		return "", err
	}
	for _, r := range it.Reports {
		if err := c.ProgressReport.Create().SetActionItemID(item.ID).SetAgencyID(lead).
			SetAsOf(day(r.AsOf)).SetProgress(r.Progress).SetStatus(progressreport.Status(r.Status)).
			SetNarrative(r.Narrative).SetDifficulties(r.Difficulties).SetNextSteps(r.NextSteps).
			Exec(ctx); err != nil {
			return "", fmt.Errorf("%s: report of %s: %w", it.Code, r.AsOf, err)
		}
	}
	for _, in := range it.Indicators {
		if err := loadIndicator(ctx, c, c.Indicator.Create().SetActionItemID(item.ID), in); err != nil {
			return "", err
		}
	}
	return item.ID, nil
}

// loadIndicator stores an indicator, already placed on its objective or item,
// and its measurements.
func loadIndicator(ctx context.Context, c *ent.Client, create *ent.IndicatorCreate, in indicatorData) error {
	ind, err := create.
		SetName(in.Name).
		SetUnit(in.Unit).
		SetBaseline(in.Baseline).
		SetTarget(in.Target).
		SetTargetDate(day(in.TargetDate)).
		Save(ctx)
	if err != nil {
		return fmt.Errorf("indicator « %s »: %w", in.Name, err)
	}
	for _, m := range in.Measurements {
		if _, err := c.Measurement.Create().
			SetIndicatorID(ind.ID).
			SetValue(m.Value).
			SetMeasuredAt(day(m.At)).
			SetNote(m.Note).
			Save(ctx); err != nil {
			return fmt.Errorf("indicator « %s », measurement of %s: %w", in.Name, m.At, err)
		}
	}
	return nil
}

// day parses a « YYYY-MM-DD » date of the tables, at midnight UTC.
func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(fmt.Sprintf("demo: bad date %q in the data tables: %v", s, err))
	}
	return t
}
