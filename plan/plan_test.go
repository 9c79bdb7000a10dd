package plan

import (
	"testing"
	"time"

	"github.com/palabre/palabre/ent/actionitem"
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
