package plan

import (
	"context"
	stdsql "database/sql"
	"errors"
	"slices"

	"entgo.io/ent/dialect/sql"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/access"
	"github.com/palabre/palabre/auth"
	"github.com/palabre/palabre/clock"
	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/actionitem"
	"github.com/palabre/palabre/ent/agency"
	"github.com/palabre/palabre/ent/indicator"
	"github.com/palabre/palabre/ent/progressreport"
)

// File stores a progress report of the caller's agency on an item it leads
// and, when it is the item's latest (Latest), sets the item's progress,
// status and last report date in the same transaction. A retry with the same
// idempotency key returns the first report; the key used for another report
// is a CONFLICT. Who may file is the ProgressReport's privacy policy: the
// item's lead agency.
func File(ctx context.Context, client *ent.Client, r Report) (*ent.ProgressReport, error) {
	v := auth.FromContext(ctx)
	if v == nil { // before anything is looked up: the public learns nothing of the items
		return nil, palabre.Errorf(palabre.EUNAUTHENTICATED, "sign in as an account of the item's lead agency to file a progress report")
	}
	r.AsOf = r.AsOf.UTC()
	if err := CheckReport(r, clock.Now(ctx)); err != nil {
		return nil, err
	}
	item, err := client.ActionItem.Query().Where(actionitem.ID(r.ItemID)).
		Select(actionitem.FieldID, actionitem.FieldLastReportedAt, actionitem.FieldStatus).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, palabre.Errorf(palabre.ENOTFOUND, "action item %s not found", r.ItemID)
	}
	if err != nil {
		return nil, err
	}
	if r.IdempotencyKey != "" && v.Is(auth.RoleAgency) {
		first, err := filedWithKey(ctx, client, v, r.IdempotencyKey)
		if first != nil || err != nil {
			return replayReport(ctx, first, r, err)
		}
	}
	if err := checkIndicators(ctx, client, r); err != nil {
		return nil, err
	}
	create := client.ProgressReport.Create().
		SetActionItemID(r.ItemID).SetAsOf(r.AsOf).SetProgress(r.Progress).
		SetStatus(progressreport.Status(r.Status)).SetStatusBefore(progressreport.StatusBefore(item.Status)).
		SetNarrative(r.Narrative).SetDifficulties(r.Difficulties).SetNextSteps(r.NextSteps)
	if v.AgencyID != "" {
		create.SetAgencyID(v.AgencyID)
	}
	create.SetAuthorID(v.AccountID)
	if r.IdempotencyKey != "" {
		create.SetIdempotencyKey(r.IdempotencyKey).
			OnConflict(sql.ConflictColumns(progressreport.FieldIdempotencyKey, progressreport.AgencyColumn), sql.DoNothing())
	}
	report, err := create.Save(ctx)
	if errors.Is(err, stdsql.ErrNoRows) { // another request with the key filed first
		first, err := filedWithKey(ctx, client, v, r.IdempotencyKey)
		return replayReport(ctx, first, r, err)
	}
	if err != nil {
		return nil, err
	}
	// The report is allowed: what follows is its consequence, the system's.
	sys := access.AsSystem(ctx, "a progress report records its measurements and sets its item's progress")
	for _, m := range r.Measurements {
		if err := client.Measurement.Create().SetIndicatorID(m.IndicatorID).SetValue(m.Value).SetNote(m.Note).
			SetMeasuredAt(r.AsOf).SetProgressReportID(report.ID).Exec(sys); err != nil {
			return nil, err
		}
	}
	if Latest(r.AsOf, item.LastReportedAt) {
		if err := client.ActionItem.UpdateOneID(r.ItemID).
			SetProgress(r.Progress).SetStatus(r.Status).SetLastReportedAt(r.AsOf).Exec(sys); err != nil {
			return nil, err
		}
	}
	return report, nil
}

// checkIndicators refuses measurements of indicators that do not measure the
// item.
func checkIndicators(ctx context.Context, client *ent.Client, r Report) error {
	if len(r.Measurements) == 0 {
		return nil
	}
	ids := make([]any, 0, len(r.Measurements))
	distinct := map[any]bool{}
	for _, m := range r.Measurements {
		if !distinct[m.IndicatorID] {
			distinct[m.IndicatorID] = true
			ids = append(ids, m.IndicatorID)
		}
	}
	n, err := client.Indicator.Query().
		Where(func(s *sql.Selector) { s.Where(sql.In(s.C(indicator.FieldID), ids...)) },
			indicator.HasActionItemWith(actionitem.ID(r.ItemID))).
		Count(ctx)
	if err != nil {
		return err
	}
	if n != len(distinct) {
		return palabre.Refuse(palabre.EINVALID, palabre.ReasonReportIndicators)
	}
	return nil
}

// filedWithKey finds the report the caller's agency filed with the key, if
// any, with its measurements. Keys are per agency.
func filedWithKey(ctx context.Context, client *ent.Client, v *auth.Viewer, key string) (*ent.ProgressReport, error) {
	first, err := client.ProgressReport.Query().
		Where(progressreport.IdempotencyKey(key), progressreport.HasAgencyWith(agency.ID(v.AgencyID))).
		WithActionItem(func(q *ent.ActionItemQuery) { q.Select(actionitem.FieldID) }).
		WithMeasurements(func(q *ent.MeasurementQuery) {
			q.WithIndicator(func(q *ent.IndicatorQuery) { q.Select(indicator.FieldID) })
		}).
		Only(ctx)
	if ent.IsNotFound(err) {
		return nil, nil
	}
	return first, err
}

// replayReport returns the report first filed with a key, when r repeats it.
func replayReport(_ context.Context, first *ent.ProgressReport, r Report, err error) (*ent.ProgressReport, error) {
	if err != nil {
		return nil, err
	}
	if first == nil { // cannot happen: the key is taken
		return nil, palabre.Refuse(palabre.ECONFLICT, palabre.ReasonKeyInUse, "key", r.IdempotencyKey).Sayf("the idempotency key « %s » is being used by another request: retry", r.IdempotencyKey)
	}
	if !SameReport(Filed(first), r) {
		return nil, palabre.Refuse(palabre.ECONFLICT, palabre.ReasonKeyReused, "key", r.IdempotencyKey, "first", first.ID).Sayf(
			"the idempotency key « %s » was already used for another report (%s): use a new key for a new report, or resend the first request unchanged",
			r.IdempotencyKey, first.ID)
	}
	return first, nil
}

// Filed returns the report as it was filed, from a report loaded with its
// item and its measurements' indicators.
func Filed(p *ent.ProgressReport) Report {
	r := Report{AsOf: p.AsOf.UTC(), Progress: p.Progress, Status: actionitem.Status(p.Status),
		Narrative: p.Narrative, Difficulties: p.Difficulties, NextSteps: p.NextSteps, IdempotencyKey: deref(p.IdempotencyKey)}
	if p.Edges.ActionItem != nil {
		r.ItemID = p.Edges.ActionItem.ID
	}
	for _, m := range p.Edges.Measurements {
		measured := Measured{Value: m.Value, Note: m.Note}
		if m.Edges.Indicator != nil {
			measured.IndicatorID = m.Edges.Indicator.ID
		}
		r.Measurements = append(r.Measurements, measured)
	}
	return r
}

// SameReport reports whether a filing repeats a report filed before: the
// same item, date, progress, status, texts and measurements.
func SameReport(filed, retry Report) bool {
	key := func(m Measured) string { return string(m.IndicatorID) }
	sorted := func(ms []Measured) []Measured {
		ms = slices.Clone(ms)
		slices.SortStableFunc(ms, func(a, b Measured) int {
			if key(a) < key(b) {
				return -1
			}
			if key(a) > key(b) {
				return 1
			}
			return 0
		})
		return ms
	}
	return filed.ItemID == retry.ItemID && filed.AsOf.Equal(retry.AsOf.UTC()) &&
		filed.Progress == retry.Progress && filed.Status == retry.Status &&
		filed.Narrative == retry.Narrative && filed.Difficulties == retry.Difficulties && filed.NextSteps == retry.NextSteps &&
		slices.Equal(sorted(filed.Measurements), sorted(retry.Measurements))
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
