package graph

import (
	"time"

	"github.com/palabre/palabre/ent/actionitem"
	"github.com/palabre/palabre/ent/agency"
	"github.com/palabre/palabre/ent/predicate"
	"github.com/palabre/palabre/ent/schema/pulid"
)

// overdueAt matches items due before the date that are neither completed nor cancelled.
func overdueAt(date time.Time) predicate.ActionItem {
	return actionitem.And(
		actionitem.DueDateLT(date),
		actionitem.StatusNotIn(actionitem.StatusCompleted, actionitem.StatusCancelled),
	)
}

// involving matches items that the agency leads or supports.
func involving(agencyID pulid.ID) predicate.ActionItem {
	return actionitem.Or(
		actionitem.HasLeadAgencyWith(agency.ID(agencyID)),
		actionitem.HasSupportingAgenciesWith(agency.ID(agencyID)),
	)
}
