package schema

import (
	"context"

	"entgo.io/ent"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/access"
	"github.com/palabre/palabre/clock"
	"github.com/palabre/palabre/consultation"
	gen "github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/agency"
	entconsultation "github.com/palabre/palabre/ent/consultation"
	"github.com/palabre/palabre/ent/hook"
	"github.com/palabre/palabre/ent/observation"
	"github.com/palabre/palabre/ent/schema/pulid"
	"github.com/palabre/palabre/ent/strategyversion"
)

// Hooks of the Consultation. A round's status is not stored: it follows from
// its times (see package consultation), so these hooks guard the times. Each
// loads what a rule of package consultation needs and calls it, with the
// time of the context's clock.
func (Consultation) Hooks() []ent.Hook {
	return []ent.Hook{
		hook.On(consultPublishedVersion, ent.OpCreate),
		hook.On(followTheClock, ent.OpUpdateOne),
		hook.On(checkRoundWindow, ent.OpCreate|ent.OpUpdateOne),
		hook.On(keepInvitations, ent.OpCreate|ent.OpUpdateOne),
		hook.On(keepConsolidatedRound, ent.OpUpdateOne),
		hook.Reject(ent.OpUpdate), // bulk updates would bypass the checks above
	}
}

// consultPublishedVersion records the strategy of the consulted version: a
// round is on one version of one strategy, and the two cannot disagree.
func consultPublishedVersion(next ent.Mutator) ent.Mutator {
	return hook.ConsultationFunc(func(ctx context.Context, m *gen.ConsultationMutation) (ent.Value, error) {
		versionID, ok := m.VersionID()
		if !ok {
			return next.Mutate(ctx, m) // ent reports the missing version
		}
		strategyID, err := m.Client().StrategyVersion.Query().
			Where(strategyversion.ID(versionID)).QueryStrategy().OnlyID(ctx)
		if gen.IsNotFound(err) {
			return nil, palabre.Errorf(palabre.ENOTFOUND, "version %s not found: a round consults a published version", versionID)
		}
		if err != nil {
			return nil, err
		}
		if given, ok := m.StrategyID(); ok && given != strategyID {
			return nil, palabre.Refuse(palabre.EINVALID, palabre.ReasonRoundVersionElsewhere, "version", versionID).Sayf("version %s is not a version of strategy %s", versionID, given)
		}
		m.SetStrategyID(strategyID)
		return next.Mutate(ctx, m)
	})
}

// followTheClock changes a round's times only in the name of one of the
// secretariat's actions (consultation.ActionOf), and as that action's rule
// says: it stores the times the rule returns.
func followTheClock(next ent.Mutator) ent.Mutator {
	return hook.ConsultationFunc(func(ctx context.Context, m *gen.ConsultationMutation) (ent.Value, error) {
		_, opening := m.OpensAt()
		closesAt, closing := m.ClosesAt()
		_, consolidating := m.ConsolidatedAt()
		if m.ConsolidatedAtCleared() {
			return nil, palabre.Refuse(palabre.ECONFLICT, palabre.ReasonRoundConsolidated).Sayf("a consolidated round stays consolidated: plan another round instead")
		}
		if !opening && !closing && !consolidating {
			return next.Mutate(ctx, m)
		}
		// An action changes one time, its own; anything else is no action.
		action, _ := consultation.ActionOf(ctx)
		own := map[consultation.Action]bool{consultation.Opening: opening, consultation.Extending: closing,
			consultation.Closing: closing, consultation.Consolidating: consolidating}
		if countTrue(opening, closing, consolidating) != 1 || !own[action] {
			action = ""
		}
		round, err := oldRound(ctx, m)
		if err != nil {
			return nil, err
		}
		waiting := 0
		if action == consultation.Consolidating {
			id, _ := m.ID()
			if waiting, err = m.Client().Observation.Query().
				Where(observation.HasConsultationWith(entconsultation.ID(id)), observation.StatusEQ(observation.StatusSubmitted)).
				Count(ctx); err != nil {
				return nil, err
			}
		}
		after, err := round.Take(action, clock.Now(ctx), closesAt, waiting)
		if err != nil {
			return nil, err
		}
		switch {
		case opening:
			m.SetOpensAt(after.OpensAt)
		case closing:
			m.SetClosesAt(after.ClosesAt)
		case consolidating:
			m.SetConsolidatedAt(*after.ConsolidatedAt)
		}
		return next.Mutate(ctx, m)
	})
}

func countTrue(bs ...bool) int {
	n := 0
	for _, b := range bs {
		if b {
			n++
		}
	}
	return n
}

// oldRound reads the times of the round before the update.
func oldRound(ctx context.Context, m *gen.ConsultationMutation) (consultation.Round, error) {
	var (
		r   consultation.Round
		err error
	)
	if r.OpensAt, err = m.OldOpensAt(ctx); err != nil {
		return r, err
	}
	if r.ClosesAt, err = m.OldClosesAt(ctx); err != nil {
		return r, err
	}
	r.ConsolidatedAt, err = m.OldConsolidatedAt(ctx)
	return r, err
}

// checkRoundWindow stores a round's times in UTC, so that lists filtered by
// status compare them in order on every store (SQLite compares timestamps as
// text), and checks its window (consultation.CheckWindow).
func checkRoundWindow(next ent.Mutator) ent.Mutator {
	return hook.ConsultationFunc(func(ctx context.Context, m *gen.ConsultationMutation) (ent.Value, error) {
		opens, opensSet := m.OpensAt()
		closes, closesSet := m.ClosesAt()
		if !opensSet && !closesSet {
			return next.Mutate(ctx, m)
		}
		var err error
		if opensSet {
			m.SetOpensAt(opens.UTC())
		} else if m.Op().Is(ent.OpUpdateOne) {
			opens, err = m.OldOpensAt(ctx)
		}
		if closesSet {
			m.SetClosesAt(closes.UTC())
		} else if err == nil && m.Op().Is(ent.OpUpdateOne) {
			closes, err = m.OldClosesAt(ctx)
		}
		if err != nil {
			return nil, err
		}
		if !closes.IsZero() && !opens.IsZero() {
			if err := consultation.CheckWindow(opens, closes); err != nil {
				return nil, err
			}
		}
		return next.Mutate(ctx, m)
	})
}

// keepInvitations checks a change of invitations (consultation.Invite for a
// new round, Round.Invitations for a planned or open one).
func keepInvitations(next ent.Mutator) ent.Mutator {
	return hook.ConsultationFunc(func(ctx context.Context, m *gen.ConsultationMutation) (ent.Value, error) {
		added, removed := m.InvitedAgenciesIDs(), m.RemovedInvitedAgenciesIDs()
		if m.Op().Is(ent.OpUpdateOne) && len(added)+len(removed) == 0 && !m.InvitedAgenciesCleared() {
			return next.Mutate(ctx, m)
		}
		if err := checkAgenciesExist(ctx, m.Client(), added); err != nil {
			return nil, err
		}
		if m.Op().Is(ent.OpCreate) {
			if err := consultation.Invite(len(added)); err != nil {
				return nil, err
			}
			return next.Mutate(ctx, m)
		}
		round, err := oldRound(ctx, m)
		if err != nil {
			return nil, err
		}
		id, _ := m.ID()
		current, err := m.Client().Consultation.Query().Where(entconsultation.ID(id)).QueryInvitedAgencies().IDs(ctx)
		if err != nil {
			return nil, err
		}
		invited := map[pulid.ID]bool{}
		if !m.InvitedAgenciesCleared() {
			for _, a := range current {
				invited[a] = true
			}
			for _, a := range removed {
				delete(invited, a)
			}
		}
		for _, a := range added {
			invited[a] = true
		}
		var dropped []pulid.ID
		for _, a := range current {
			if !invited[a] {
				dropped = append(dropped, a)
			}
		}
		var spoken []string
		if len(dropped) > 0 {
			// Drafts count too, though the secretariat cannot see them.
			spoken, err = m.Client().Observation.Query().
				Where(observation.HasConsultationWith(entconsultation.ID(id)), observation.HasAgencyWith(agency.IDIn(dropped...))).
				QueryAgency().Select(agency.FieldAcronym).Strings(access.AsSystem(ctx, "which uninvited agencies spoke, drafts included"))
			if err != nil {
				return nil, err
			}
		}
		if err := round.Invitations(clock.Now(ctx), len(invited), spoken); err != nil {
			return nil, err
		}
		return next.Mutate(ctx, m)
	})
}

// keepConsolidatedRound keeps a consolidated round as it was consolidated
// (Round.Final). Its observations and answers are kept by the Observation's
// hooks: they change only while the round is open, answers until it is
// consolidated.
func keepConsolidatedRound(next ent.Mutator) ent.Mutator {
	return hook.ConsultationFunc(func(ctx context.Context, m *gen.ConsultationMutation) (ent.Value, error) {
		if len(textChanges(m, nil)) == 0 {
			return next.Mutate(ctx, m)
		}
		round, err := oldRound(ctx, m)
		if err != nil {
			return nil, err
		}
		title, err := m.OldTitle(ctx)
		if err != nil {
			return nil, err
		}
		if err := round.Final(title); err != nil {
			return nil, err
		}
		return next.Mutate(ctx, m)
	})
}

func checkAgenciesExist(ctx context.Context, client *gen.Client, ids []pulid.ID) error {
	if len(ids) == 0 {
		return nil
	}
	n, err := client.Agency.Query().Where(agency.IDIn(ids...)).Count(ctx)
	if err != nil {
		return err
	}
	if n != len(unique(ids)) {
		return palabre.Refuse(palabre.EINVALID, palabre.ReasonInvitedAgencyUnknown)
	}
	return nil
}
