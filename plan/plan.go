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
	return due != nil && due.Before(on) && !finished(status)
}

func finished(s actionitem.Status) bool {
	return s == actionitem.StatusCompleted || s == actionitem.StatusCancelled
}

// OverdueOn matches the items Overdue reports on the date: its SQL twin, for
// lists.
func OverdueOn(on time.Time) predicate.ActionItem {
	return actionitem.And(
		actionitem.DueDateLT(on),
		actionitem.StatusNotIn(actionitem.StatusCompleted, actionitem.StatusCancelled),
	)
}

// Involving matches the items the agency leads or supports.
func Involving(agencyID pulid.ID) predicate.ActionItem {
	return actionitem.Or(
		actionitem.HasLeadAgencyWith(agency.ID(agencyID)),
		actionitem.HasSupportingAgenciesWith(agency.ID(agencyID)),
	)
}
