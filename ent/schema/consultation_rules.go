package schema

import (
	"context"
	"fmt"
	"strings"
	"time"

	"entgo.io/ent"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/consultation"
	gen "github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/agency"
	entconsultation "github.com/palabre/palabre/ent/consultation"
	"github.com/palabre/palabre/ent/hook"
	"github.com/palabre/palabre/ent/observation"
	"github.com/palabre/palabre/ent/privacy"
	"github.com/palabre/palabre/ent/schema/pulid"
	"github.com/palabre/palabre/ent/strategyversion"
)

// Hooks of the Consultation. A round's status is not stored: it follows from
// its times (see package consultation), so these hooks guard the times. The
// secretariat's actions each change one of them: opening sets opensAt to now,
// extending and closing set closesAt, consolidating sets consolidatedAt.
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

// keepConsolidatedRound keeps a consolidated round as it was consolidated: its
// title, kind, place, times and invitations are the record of the round whose
// response matrix went to the Council, like the adopted text. (Its
// observations and answers are kept by the Observation's hooks: they change
// only while the round is open, and answers until it is consolidated.)
func keepConsolidatedRound(next ent.Mutator) ent.Mutator {
	return hook.ConsultationFunc(func(ctx context.Context, m *gen.ConsultationMutation) (ent.Value, error) {
		if len(textChanges(m, nil)) == 0 {
			return next.Mutate(ctx, m)
		}
		consolidated, err := m.OldConsolidatedAt(ctx)
		if err != nil {
			return nil, err
		}
		if consolidated != nil {
			title, err := m.OldTitle(ctx)
			if err != nil {
				return nil, err
			}
			return nil, palabre.Errorf(palabre.ECONFLICT, "the round « %s » is consolidated: its record (title, kind, place, times, invitations, observations and answers) is final", title)
		}
		return next.Mutate(ctx, m)
	})
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
			return nil, palabre.Errorf(palabre.EINVALID, "version %s is not a version of strategy %s", versionID, given)
		}
		m.SetStrategyID(strategyID)
		return next.Mutate(ctx, m)
	})
}

// followTheClock lets each action happen in the state it belongs to: a round
// opens only while planned; its closing time moves only before it closes, later
// to extend it, or to now to close it once open (a time that has passed means
// now: a round is not closed after the fact); it is consolidated only once
// closed, with every submitted observation answered; and it stays consolidated.
func followTheClock(next ent.Mutator) ent.Mutator {
	return hook.ConsultationFunc(func(ctx context.Context, m *gen.ConsultationMutation) (ent.Value, error) {
		_, opening := m.OpensAt()
		closes, closing := m.ClosesAt()
		_, consolidating := m.ConsolidatedAt()
		if m.ConsolidatedAtCleared() {
			return nil, palabre.Errorf(palabre.ECONFLICT, "a consolidated round stays consolidated: plan another round instead")
		}
		if !opening && !closing && !consolidating {
			return next.Mutate(ctx, m)
		}
		round, err := oldRound(ctx, m)
		if err != nil {
			return nil, err
		}
		now := consultation.Now()
		status := round.StatusAt(now)
		state := strings.ToLower(string(status))
		if consolidating {
			if status != consultation.Closed {
				return nil, palabre.Errorf(palabre.ECONFLICT, "the round is %s: only a closed round can be consolidated", state)
			}
			id, _ := m.ID()
			waiting, err := m.Client().Observation.Query().
				Where(observation.HasConsultationWith(entconsultation.ID(id)), observation.StatusEQ(observation.StatusSubmitted)).
				Count(ctx)
			if err != nil {
				return nil, err
			}
			if waiting > 0 {
				return nil, palabre.Errorf(palabre.ECONFLICT,
					"%s still await an answer: answer every submitted observation before consolidating the round", countObservations(waiting))
			}
		}
		if opening && status != consultation.Planned {
			return nil, palabre.Errorf(palabre.ECONFLICT, "the round is %s: only a planned round can be opened", state)
		}
		if closing {
			switch {
			case status == consultation.Closed || status == consultation.Consolidated:
				return nil, palabre.Errorf(palabre.ECONFLICT, "the round is %s: its closing time can no longer change", state)
			case !closes.After(now) && status == consultation.Planned:
				return nil, palabre.Errorf(palabre.ECONFLICT, "the round is planned, not open yet: open it before closing it")
			case !closes.After(now):
				m.SetClosesAt(now) // a round closes now, never in the past
			case !closes.After(round.ClosesAt):
				return nil, palabre.Errorf(palabre.EINVALID, "the new closing time (%s) must be later than the current one (%s): close the round instead to end it now",
					stamp(closes), stamp(round.ClosesAt))
			}
		}
		return next.Mutate(ctx, m)
	})
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

// checkRoundWindow requires a round to close after it opens, and stores its
// times in UTC so that lists filtered by status compare them in order on every
// store (SQLite compares timestamps as text).
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
		if !closes.IsZero() && !opens.IsZero() && !closes.After(opens) {
			return nil, palabre.Errorf(palabre.EINVALID, "the round must close (%s) after it opens (%s)", stamp(closes), stamp(opens))
		}
		return next.Mutate(ctx, m)
	})
}

// keepInvitations requires at least one invited agency, changes invitations
// only until the round closes, and keeps invited an agency that has spoken in
// the round: its observations would otherwise come from outside it.
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
			if len(added) == 0 {
				return nil, palabre.Errorf(palabre.EINVALID, "invite at least one agency to the round")
			}
			return next.Mutate(ctx, m)
		}
		round, err := oldRound(ctx, m)
		if err != nil {
			return nil, err
		}
		if status := round.StatusAt(consultation.Now()); status == consultation.Closed || status == consultation.Consolidated {
			return nil, palabre.Errorf(palabre.ECONFLICT, "the round is %s: its invitations are final", strings.ToLower(string(status)))
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
		if len(invited) == 0 {
			return nil, palabre.Errorf(palabre.EINVALID, "a round keeps at least one invited agency")
		}
		var dropped []pulid.ID
		for _, a := range current {
			if !invited[a] {
				dropped = append(dropped, a)
			}
		}
		if len(dropped) == 0 {
			return next.Mutate(ctx, m)
		}
		// Drafts count too, though the secretariat cannot see them.
		spoken, err := m.Client().Observation.Query().
			Where(observation.HasConsultationWith(entconsultation.ID(id)), observation.HasAgencyWith(agency.IDIn(dropped...))).
			QueryAgency().Select(agency.FieldAcronym).Strings(privacy.DecisionContext(ctx, privacy.Allow))
		if err != nil {
			return nil, err
		}
		if len(spoken) > 0 {
			return nil, palabre.Errorf(palabre.ECONFLICT, "%s made observations in this round and stays invited", strings.Join(spoken, ", "))
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
		return palabre.Errorf(palabre.EINVALID, "an invited agency does not exist")
	}
	return nil
}

// countObservations says "1 submitted observation" or "3 submitted observations".
func countObservations(n int) string {
	if n == 1 {
		return "1 submitted observation"
	}
	return fmt.Sprintf("%d submitted observations", n)
}

// stamp formats a time for a message.
func stamp(t time.Time) string { return t.UTC().Format("2006-01-02 15:04 UTC") }
