package plan

import (
	"testing"
	"time"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/ent/actionitem"
	"github.com/palabre/palabre/ent/schema/pulid"
)

func TestWhenAnItemIsOverdue(t *testing.T) {
	on := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	day := func(d int) *time.Time { t := on.AddDate(0, 0, d); return &t }
	for _, c := range []struct {
		name   string
		due    *time.Time
		status actionitem.Status
		want   bool
	}{
		{"due yesterday, in progress", day(-1), actionitem.StatusInProgress, true},
		{"due yesterday, not started", day(-1), actionitem.StatusNotStarted, true},
		{"due yesterday, delayed", day(-1), actionitem.StatusDelayed, true},
		{"due yesterday, completed", day(-1), actionitem.StatusCompleted, false},
		{"due yesterday, cancelled", day(-1), actionitem.StatusCancelled, false},
		{"due today", day(0), actionitem.StatusInProgress, false},
		{"due the instant before", func() *time.Time { t := on.Add(-time.Nanosecond); return &t }(), actionitem.StatusInProgress, true},
		{"due tomorrow", day(1), actionitem.StatusNotStarted, false},
		{"no due date", nil, actionitem.StatusDelayed, false},
	} {
		if got := Overdue(c.due, c.status, on); got != c.want {
			t.Errorf("%s: overdue = %v", c.name, got)
		}
	}
}

func TestThePlansRecords(t *testing.T) {
	code := func(err error) string {
		if err == nil {
			return ""
		}
		return palabre.ErrorCode(err)
	}
	jan, jun := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2027, 6, 30, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		name string
		err  error
		code string
	}{
		{"a period of five years", CheckPeriod(2027, 2031), ""},
		{"a period of one year", CheckPeriod(2027, 2027), ""},
		{"a period that ends before it starts", CheckPeriod(2031, 2027), palabre.EINVALID},

		{"due after it starts", CheckSchedule(&jan, &jun), ""},
		{"due the day it starts", CheckSchedule(&jan, &jan), ""},
		{"due before it starts", CheckSchedule(&jun, &jan), palabre.EINVALID},
		{"no start date", CheckSchedule(nil, &jan), ""},
		{"no due date", CheckSchedule(&jun, nil), ""},

		{"a budget with its currency", CheckBudget(true, true), ""},
		{"a budget without currency", CheckBudget(true, false), palabre.EINVALID},
		{"no budget", CheckBudget(false, false), ""},

		{"dependencies in the strategy", CheckDependencies("AI1", []pulid.ID{"AI2", "AI3", "AI2"}, 2), ""},
		{"a dependency on itself", CheckDependencies("AI1", []pulid.ID{"AI2", "AI1"}, 2), palabre.EINVALID},
		{"a dependency in another strategy", CheckDependencies("AI1", []pulid.ID{"AI2", "AI9"}, 1), palabre.EINVALID},

		{"under an objective", CheckPlan(true, false), ""},
		{"under a commitment", CheckPlan(false, true), ""},
		{"under both", CheckPlan(true, true), palabre.EINVALID},
		{"under neither", CheckPlan(false, false), palabre.EINVALID},

		{"a strategy's item implementing a commitment", CheckLink(true, true), ""},
		{"an agreement's item implementing a commitment", CheckLink(false, true), palabre.EINVALID},
		{"an agreement's item linked to nothing", CheckLink(false, false), ""},
	} {
		if code(c.err) != c.code {
			t.Errorf("%s: %v, want code %q", c.name, c.err, c.code)
		}
	}
}
