package rule

import (
	"context"

	"github.com/palabre/palabre/auth"
	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/privacy"
)

// RefuseAgencyProgressEdits tells an agency account that changes an item that
// progress and status are reported with a dated progress report
// (fileProgressReport), which sets them; the secretariat plans the rest.
func RefuseAgencyProgressEdits() privacy.MutationRule {
	return privacy.ActionItemMutationRuleFunc(func(ctx context.Context, m *ent.ActionItemMutation) error {
		if !auth.FromContext(ctx).Is(auth.RoleAgency) {
			return privacy.Skip
		}
		_, progress := m.Progress()
		_, status := m.Status()
		if m.Op().Is(ent.OpUpdateOne) && (progress || status) {
			return Denied(ctx, "an agency reports progress and status with a dated progress report (fileProgressReport), which sets them on the item")
		}
		return Denied(ctx, "agencies report progress on action items (fileProgressReport); the secretariat plans them")
	})
}
