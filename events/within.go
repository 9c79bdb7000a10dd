package events

import (
	"context"
	"slices"

	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/schema/pulid"
)

// Within reports whether the subject of e, as the subscriber read it, is the
// record scope or belongs to it: an observation to its consultation and its
// strategy, a round, a version or a decision to its strategy, a progress
// report to its action item and the item's strategy or agreement. The
// records above are read with ctx's permissions, as the subject was.
func Within(ctx context.Context, e Event, subject ent.Noder, scope pulid.ID) (bool, error) {
	if e.SubjectID == scope {
		return true, nil
	}
	var (
		above []pulid.ID
		err   error
	)
	collect := func(id pulid.ID, e error) {
		if err == nil && !ent.IsNotFound(e) {
			err = e
		}
		if e == nil {
			above = append(above, id)
		}
	}
	switch n := subject.(type) {
	case *ent.Observation:
		collect(n.QueryConsultation().OnlyID(ctx))
		collect(n.QueryConsultation().QueryStrategy().OnlyID(ctx))
	case *ent.Consultation:
		collect(n.QueryStrategy().OnlyID(ctx))
	case *ent.StrategyVersion:
		collect(n.QueryStrategy().OnlyID(ctx))
	case *ent.Decision:
		collect(n.QueryStrategy().OnlyID(ctx))
	case *ent.ProgressReport:
		collect(n.QueryActionItem().OnlyID(ctx))
		collect(n.QueryActionItem().QueryStrategy().OnlyID(ctx))
		collect(n.QueryActionItem().QueryAgreement().OnlyID(ctx))
	}
	if err != nil {
		return false, err
	}
	return slices.Contains(above, scope), nil
}
