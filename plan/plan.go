// Package plan reads the action plan: which items are overdue on a date, and
// which involve an agency. Each rule is a plain function of an item's values
// and of the date, with its SQL twin for lists.
package plan

import (
	"time"

	"github.com/palabre/palabre/ent/actionitem"
	"github.com/palabre/palabre/ent/agency"
	"github.com/palabre/palabre/ent/predicate"
	"github.com/palabre/palabre/ent/schema/pulid"
)

// Overdue reports whether an item due on due (nil for no due date) and in the
// given status is overdue on the date: due before it, and neither completed
// nor cancelled. An item due on the date itself is not overdue yet.
func Overdue(due *time.Time, status actionitem.Status, on time.Time) bool {
	return due != nil && due.Before(Instant(on)) && !finished(status)
}

// Instant is a time as the stores keep it: to the microsecond (PostgreSQL's
// precision), so that a rule and its SQL twin agree on the same date.
func Instant(t time.Time) time.Time { return t.Truncate(time.Microsecond) }

func finished(s actionitem.Status) bool {
	return s == actionitem.StatusCompleted || s == actionitem.StatusCancelled
}

// OverdueOn matches the items Overdue reports on the date: its SQL twin, for
// lists.
func OverdueOn(on time.Time) predicate.ActionItem {
	return actionitem.And(
		actionitem.DueDateLT(Instant(on)),
		actionitem.StatusNotIn(actionitem.StatusCompleted, actionitem.StatusCancelled),
	)
}

// Role is what an agency does for an item.
type Role string

// The roles of an agency in an item.
const (
	Lead    Role = "LEAD"
	Support Role = "SUPPORT"
	Fund    Role = "FUND"
)

// Involving matches the items the agency leads, supports or funds, or only
// those in the roles given.
func Involving(agencyID pulid.ID, roles ...Role) predicate.ActionItem {
	if len(roles) == 0 {
		roles = []Role{Lead, Support, Fund}
	}
	any := make([]predicate.ActionItem, 0, len(roles))
	for _, r := range roles {
		switch r {
		case Lead:
			any = append(any, actionitem.HasLeadAgencyWith(agency.ID(agencyID)))
		case Support:
			any = append(any, actionitem.HasSupportingAgenciesWith(agency.ID(agencyID)))
		case Fund:
			any = append(any, actionitem.HasFundingPartnersWith(agency.ID(agencyID)))
		}
	}
	return actionitem.Or(any...)
}
