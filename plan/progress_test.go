package plan

import (
	"testing"
	"time"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/ent/actionitem"
)

func TestWhenAnItemIsStale(t *testing.T) {
	on := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	ago := func(days int, d time.Duration) *time.Time { t := on.AddDate(0, 0, -days).Add(d); return &t }
	for _, c := range []struct {
		name              string
		status            actionitem.Status
		lastReport, start *time.Time
		cadence           int
		want              bool
	}{
		{"reported exactly a cadence ago", actionitem.StatusInProgress, ago(90, 0), nil, 90, false},
		{"reported the instant before", actionitem.StatusInProgress, ago(90, -time.Microsecond), nil, 90, true},
		{"reported yesterday", actionitem.StatusDelayed, ago(1, 0), nil, 90, false},
		{"delayed, reported long ago", actionitem.StatusDelayed, ago(200, 0), nil, 90, true},
		{"never reported, started a cadence ago", actionitem.StatusInProgress, nil, ago(30, 0), 30, false},
		{"never reported, started before", actionitem.StatusInProgress, nil, ago(31, 0), 30, true},
		{"never reported, no start", actionitem.StatusInProgress, nil, nil, 90, true},
		{"a recent report wins over an old start", actionitem.StatusInProgress, ago(10, 0), ago(400, 0), 90, false},
		{"not started", actionitem.StatusNotStarted, nil, nil, 90, false},
		{"completed", actionitem.StatusCompleted, ago(400, 0), nil, 90, false},
		{"cancelled", actionitem.StatusCancelled, nil, nil, 90, false},
	} {
		if got := Stale(c.status, c.lastReport, c.start, c.cadence, on); got != c.want {
			t.Errorf("%s: stale = %v", c.name, got)
		}
	}
}

func TestWhatAReportMustSay(t *testing.T) {
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	ok := Report{AsOf: now, Progress: 50, Status: actionitem.StatusInProgress, Narrative: "Fait."}
	with := func(change func(*Report)) Report { r := ok; change(&r); return r }
	for _, c := range []struct {
		name string
		r    Report
		code string
	}{
		{"a report as of now", ok, ""},
		{"0 %", with(func(r *Report) { r.Progress = 0 }), ""},
		{"100 %", with(func(r *Report) { r.Progress = 100 }), ""},
		{"101 %", with(func(r *Report) { r.Progress = 101 }), palabre.EINVALID},
		{"-1 %", with(func(r *Report) { r.Progress = -1 }), palabre.EINVALID},
		{"a second in the future", with(func(r *Report) { r.AsOf = now.Add(time.Second) }), palabre.EINVALID},
		{"a blank narrative", with(func(r *Report) { r.Narrative = " \n" }), palabre.EINVALID},
	} {
		err := CheckReport(c.r, now)
		if got := code(err); got != c.code {
			t.Errorf("%s: %q (%v)", c.name, got, err)
		}
	}
}

func code(err error) string {
	if err == nil {
		return ""
	}
	return palabre.ErrorCode(err)
}

func TestWhichReportIsTheLatest(t *testing.T) {
	oct, nov := time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	if !Latest(oct, nil) || !Latest(nov, &oct) || !Latest(oct, &oct) || Latest(oct, &nov) {
		t.Error("the first report, a later one and one of the same date become the latest; an earlier one does not")
	}
}

func TestARetryRepeatsAReport(t *testing.T) {
	at := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	filed := Report{ItemID: "AI1", AsOf: at, Progress: 40, Status: actionitem.StatusInProgress, Narrative: "Fait.",
		Measurements: []Measured{{IndicatorID: "IN1", Value: 1}, {IndicatorID: "IN2", Value: 2}}}
	retry := filed
	retry.AsOf = at.In(time.FixedZone("WAT", 3600))
	retry.Measurements = []Measured{{IndicatorID: "IN2", Value: 2}, {IndicatorID: "IN1", Value: 1}}
	if !SameReport(filed, retry) {
		t.Error("the same report, its date in another zone and its measurements in another order, is a retry")
	}
	for name, change := range map[string]func(*Report){
		"progress":    func(r *Report) { r.Progress = 41 },
		"status":      func(r *Report) { r.Status = actionitem.StatusDelayed },
		"date":        func(r *Report) { r.AsOf = at.Add(time.Hour) },
		"narrative":   func(r *Report) { r.Narrative = "Autre." },
		"next steps":  func(r *Report) { r.NextSteps = "Ensuite." },
		"item":        func(r *Report) { r.ItemID = "AI2" },
		"measurement": func(r *Report) { r.Measurements = []Measured{{IndicatorID: "IN1", Value: 1}} },
	} {
		other := filed
		change(&other)
		if SameReport(filed, other) {
			t.Errorf("another %s is another report", name)
		}
	}
}

// A rule and its SQL twin agree to the stores' precision: a microsecond.
func TestRulesReadTimesToTheMicrosecond(t *testing.T) {
	due := time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC)
	if Overdue(&due, actionitem.StatusInProgress, due.Add(time.Nanosecond)) {
		t.Error("a nanosecond after its due date, an item is overdue, which the stores cannot tell")
	}
	if !Overdue(&due, actionitem.StatusInProgress, due.Add(time.Microsecond)) {
		t.Error("a microsecond after its due date, an item is not overdue")
	}
	if Stale(actionitem.StatusInProgress, &due, nil, 1, due.AddDate(0, 0, 1).Add(time.Nanosecond)) {
		t.Error("a nanosecond past its cadence, an item is stale, which the stores cannot tell")
	}
}
