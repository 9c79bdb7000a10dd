package rule

import (
	"context"

	"github.com/palabre/palabre/auth"
	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/actionitem"
	"github.com/palabre/palabre/ent/privacy"
)

// progressFields are what an agency may change on an item its agency leads:
// how far the item has come, nothing of what was planned.
var progressFields = map[string]bool{
	actionitem.FieldProgress:  true,
	actionitem.FieldStatus:    true,
	actionitem.FieldUpdatedAt: true,
	"revision":                true,
}

// AllowLeadAgencyProgress lets an agency account report progress on a single
// item that its own agency leads; any other change by an agency is denied.
func AllowLeadAgencyProgress() privacy.MutationRule {
	return privacy.ActionItemMutationRuleFunc(func(ctx context.Context, m *ent.ActionItemMutation) error {
		v := auth.FromContext(ctx)
		if !v.Is(auth.RoleAgency) {
			return privacy.Skip
		}
		id, ok := m.ID()
		if !m.Op().Is(ent.OpUpdateOne) || !ok {
			return Denied(ctx, "agencies may only report progress on action items; the secretariat plans them")
		}
		for _, f := range append(m.Fields(), m.ClearedFields()...) {
			if !progressFields[f] {
				return Denied(ctx, "agencies may only change progress and status of an action item, not %s", f)
			}
		}
		if len(m.AddedEdges())+len(m.RemovedEdges())+len(m.ClearedEdges()) > 0 {
			return Denied(ctx, "agencies may only change progress and status of an action item")
		}
		lead, err := m.Client().ActionItem.Query().Where(actionitem.ID(id)).QueryLeadAgency().OnlyID(ctx)
		if err != nil {
			return err
		}
		if lead != v.AgencyID {
			return Denied(ctx, "only the lead agency of an action item may report its progress")
		}
		return privacy.Allow
	})
}
