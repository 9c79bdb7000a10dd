package plan

import (
	"strings"
	"time"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/ent/actionitem"
	"github.com/palabre/palabre/ent/agreement"
	"github.com/palabre/palabre/ent/predicate"
	"github.com/palabre/palabre/ent/schema/pulid"
	"github.com/palabre/palabre/ent/strategy"
)

// The rules of progress reporting, as plain functions of values and the time.
// File (report.go) and the rollups (rollup.go) call them; their SQL twins
// serve lists and counts.

// Report is what an item's lead agency reports on it as of a date.
type Report struct {
	ItemID       pulid.ID
	AsOf         time.Time
	Progress     int
	Status       actionitem.Status
	Narrative    string
	Difficulties string
	NextSteps    string
	// Measurements of the item's indicators, taken on AsOf.
	Measurements []Measured
	// IdempotencyKey, chosen by the client, makes a retried filing return the
	// first report instead of storing a second one.
	IdempotencyKey string
}

// Measured is a value of one of the item's indicators, filed with a report.
type Measured struct {
	IndicatorID pulid.ID
	Value       float64
	Note        string
}

// CheckReport refuses a report whose progress is outside 0–100, whose date
// is after now, or that says nothing of what was done.
func CheckReport(r Report, now time.Time) error {
	if r.Progress < 0 || r.Progress > 100 {
		return palabre.Refuse(palabre.EINVALID, palabre.ReasonProgressRange, "progress", r.Progress)
	}
	if r.AsOf.After(now) {
		return palabre.Refuse(palabre.EINVALID, palabre.ReasonReportInFuture, "asOf", r.AsOf, "now", now).Sayf("a report describes the past: its date (%s) is after now (%s)",
			r.AsOf.UTC().Format(time.RFC3339), now.UTC().Format(time.RFC3339))
	}
	if strings.TrimSpace(r.Narrative) == "" {
		return palabre.Refuse(palabre.EINVALID, palabre.ReasonReportNarrative)
	}
	return nil
}

// Latest reports whether a report as of asOf becomes the item's latest, the
// item's latest report so far being as of last (nil for none). A report of
// the same date as the latest one replaces it: that is how a report is
// corrected.
func Latest(asOf time.Time, last *time.Time) bool {
	return last == nil || !asOf.Before(*last)
}

// underWay are the states in which an item is expected to report.
var underWay = []actionitem.Status{actionitem.StatusInProgress, actionitem.StatusDelayed}

// Stale reports whether an item is stale on the date: under way (in progress
// or delayed) with no report within the plan's cadence, counted from its
// latest report or, before its first, from its start. An item reported
// exactly cadenceDays before the date is not stale yet; one under way with
// neither a report nor a start date is.
func Stale(status actionitem.Status, lastReport, start *time.Time, cadenceDays int, on time.Time) bool {
	if status != actionitem.StatusInProgress && status != actionitem.StatusDelayed {
		return false
	}
	since := lastReport
	if since == nil {
		since = start
	}
	return since == nil || since.Before(StaleBefore(on, cadenceDays))
}

// StaleBefore is the instant before which a latest report is too old on the
// date, for a cadence of so many days.
func StaleBefore(on time.Time, cadenceDays int) time.Time {
	return Instant(on).AddDate(0, 0, -cadenceDays)
}

// StaleOn matches the items Stale reports on the date, in plans whose cadence
// is one of cadences (the distinct cadences of the plans read; see
// Cadences): its SQL twin, for lists and counts.
func StaleOn(on time.Time, cadences []int) predicate.ActionItem {
	any := make([]predicate.ActionItem, 0, len(cadences))
	for _, c := range cadences {
		before := StaleBefore(on, c)
		any = append(any, actionitem.And(
			withCadence(c),
			actionitem.Or(
				actionitem.LastReportedAtLT(before),
				actionitem.And(actionitem.LastReportedAtIsNil(), actionitem.StartDateLT(before)),
				actionitem.And(actionitem.LastReportedAtIsNil(), actionitem.StartDateIsNil()),
			),
		))
	}
	return actionitem.And(actionitem.StatusIn(underWay...), actionitem.Or(any...))
}

// withCadence matches the items of plans, strategies and agreements, reported
// on every so many days.
func withCadence(days int) predicate.ActionItem {
	return actionitem.Or(
		actionitem.HasStrategyWith(strategy.ReportingCadenceDays(days)),
		actionitem.HasAgreementWith(agreement.ReportingCadenceDays(days)),
	)
}
