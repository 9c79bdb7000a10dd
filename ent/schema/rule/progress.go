package rule

import (
	"context"

	"github.com/palabre/palabre/auth"
	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/actionitem"
	"github.com/palabre/palabre/ent/privacy"
	"github.com/palabre/palabre/ent/progressreport"
)

// FilterProgressReports lets a caller read the reports of the items it reads,
// of strategies and of agreements alike: the public those of adopted
// strategies and public agreements, an agency those and the plans it is
// consulted on or party to, everyone else every report.
func FilterProgressReports() privacy.QueryRule {
	return privacy.ProgressReportQueryRuleFunc(func(ctx context.Context, q *ent.ProgressReportQuery) error {
		if p := readableItem(auth.FromContext(ctx)); p != nil {
			q.Where(progressreport.HasActionItemWith(p))
		}
		return privacy.Skip
	})
}

// AllowLeadAgencyReports lets an agency account file a report, for its own
// agency, on an item its agency leads. Nobody changes or deletes a report.
func AllowLeadAgencyReports() privacy.MutationRule {
	return privacy.ProgressReportMutationRuleFunc(func(ctx context.Context, m *ent.ProgressReportMutation) error {
		v := auth.FromContext(ctx)
		if !m.Op().Is(ent.OpCreate) {
			return Denied(ctx, "a progress report is never changed or deleted: file a new report to correct it")
		}
		if !v.Is(auth.RoleAgency) {
			return Denied(ctx, "only the lead agency of an action item files progress reports on it")
		}
		if id, ok := m.AgencyID(); !ok || id != v.AgencyID {
			return Denied(ctx, "an agency files progress reports for its own agency only")
		}
		item, ok := m.ActionItemID()
		if !ok {
			return privacy.Skip // refused by the required edge
		}
		lead, err := m.Client().ActionItem.Query().Where(actionitem.ID(item)).QueryLeadAgency().OnlyID(ctx)
		if ent.IsNotFound(err) {
			return privacy.Skip // the item does not exist or is hidden: plan.File says NOT_FOUND first
		}
		if err != nil {
			return err
		}
		if lead != v.AgencyID {
			return Denied(ctx, "only the lead agency of an action item files progress reports on it")
		}
		return privacy.Allow
	})
}
