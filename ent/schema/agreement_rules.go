package schema

import (
	"context"
	"time"

	"entgo.io/ent"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/cooperation"
	gen "github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/agency"
	"github.com/palabre/palabre/ent/agreement"
	"github.com/palabre/palabre/ent/agreementparty"
	"github.com/palabre/palabre/ent/agreementtransition"
	"github.com/palabre/palabre/ent/commitment"
	"github.com/palabre/palabre/ent/hook"
)

// Hooks of the Agreement: each loads what a rule of package cooperation needs
// and calls it.
func (Agreement) Hooks() []ent.Hook {
	return []ent.Hook{
		hook.On(checkTerm, ent.OpCreate|ent.OpUpdateOne),
		hook.On(statusThroughMoves, ent.OpCreate|ent.OpUpdateOne),
		hook.Reject(ent.OpUpdate), // bulk updates would bypass the checks above
	}
}

// Hooks of the Commitment.
func (Commitment) Hooks() []ent.Hook {
	return []ent.Hook{
		hook.On(responsibleParties, ent.OpCreate|ent.OpUpdateOne),
		hook.Reject(ent.OpUpdate),
	}
}

// Hooks of the AgreementParty.
func (AgreementParty) Hooks() []ent.Hook {
	return []ent.Hook{
		hook.On(keepResponsibleParties, ent.OpDeleteOne|ent.OpDelete),
	}
}

// Hooks of the AgreementTransition.
func (AgreementTransition) Hooks() []ent.Hook {
	return []ent.Hook{
		hook.On(recordedByAgreementMoves, ent.OpCreate),
		hook.On(keepAgreementHistory, ent.OpUpdate|ent.OpUpdateOne|ent.OpDelete|ent.OpDeleteOne),
	}
}

// Interceptors of the AgreementTransition: an agreement's moves read in the
// order they happened.
func (AgreementTransition) Interceptors() []ent.Interceptor {
	return []ent.Interceptor{ent.InterceptFunc(func(next ent.Querier) ent.Querier {
		return ent.QuerierFunc(func(ctx context.Context, q ent.Query) (ent.Value, error) {
			if tq, ok := q.(*gen.AgreementTransitionQuery); ok {
				tq.Order(agreementtransition.ByCreatedAt(), agreementtransition.ByID())
			}
			return next.Query(ctx, q)
		})
	})}
}

// checkTerm checks the signature, entry into force, end and duration
// together (cooperation.CheckTerm).
func checkTerm(next ent.Mutator) ent.Mutator {
	return hook.AgreementFunc(func(ctx context.Context, m *gen.AgreementMutation) (ent.Value, error) {
		type date struct {
			value   func() (time.Time, bool)
			cleared func() bool
			old     func(context.Context) (*time.Time, error)
		}
		read := func(d date) (*time.Time, error) {
			if v, ok := d.value(); ok {
				return &v, nil
			}
			if m.Op().Is(ent.OpCreate) || d.cleared() {
				return nil, nil
			}
			return d.old(ctx)
		}
		signed, err := read(date{m.SignedOn, m.SignedOnCleared, m.OldSignedOn})
		if err != nil {
			return nil, err
		}
		entry, err := read(date{m.EntryIntoForceOn, m.EntryIntoForceOnCleared, m.OldEntryIntoForceOn})
		if err != nil {
			return nil, err
		}
		ends, err := read(date{m.EndsOn, m.EndsOnCleared, m.OldEndsOn})
		if err != nil {
			return nil, err
		}
		var duration *int
		if v, ok := m.DurationMonths(); ok {
			duration = &v
		} else if m.Op().Is(ent.OpUpdateOne) && !m.DurationMonthsCleared() {
			if duration, err = m.OldDurationMonths(ctx); err != nil {
				return nil, err
			}
		}
		if err := cooperation.CheckTerm(signed, entry, ends, duration); err != nil {
			return nil, err
		}
		return next.Mutate(ctx, m)
	})
}

// statusThroughMoves lets an agreement's status change only through
// cooperation.Move, which keeps every move on its edges and in the history.
// Only the system creates an agreement past negotiation (demo data, imports).
func statusThroughMoves(next ent.Mutator) ent.Mutator {
	return hook.AgreementFunc(func(ctx context.Context, m *gen.AgreementMutation) (ent.Value, error) {
		status, set := m.Status()
		switch {
		case !set, cooperation.Moving(ctx):
		case m.Op().Is(ent.OpCreate) && (status == agreement.DefaultStatus || changedByTheSystem(ctx)):
		default:
			return nil, palabre.Errorf(palabre.EINVALID, "an agreement's status changes only by moving it (moveAgreement)")
		}
		return next.Mutate(ctx, m)
	})
}

// responsibleParties requires the agencies made responsible for a commitment
// to be party to its agreement (cooperation.CheckResponsibles).
func responsibleParties(next ent.Mutator) ent.Mutator {
	return hook.CommitmentFunc(func(ctx context.Context, m *gen.CommitmentMutation) (ent.Value, error) {
		added := m.ResponsiblePartiesIDs()
		if len(added) == 0 {
			return next.Mutate(ctx, m)
		}
		agreementID, ok := m.AgreementID()
		if !ok {
			id, _ := m.ID()
			var err error
			if agreementID, err = m.Client().Commitment.Query().Where(commitment.ID(id)).QueryAgreement().OnlyID(ctx); err != nil {
				return nil, err
			}
		}
		parties, err := m.Client().AgreementParty.Query().
			Where(agreementparty.HasAgreementWith(agreement.ID(agreementID))).
			QueryAgency().IDs(ctx)
		if err != nil {
			return nil, err
		}
		if err := cooperation.CheckResponsibles(added, parties); err != nil {
			return nil, err
		}
		return next.Mutate(ctx, m)
	})
}

// keepResponsibleParties refuses to remove a party that a commitment of its
// agreement still names as responsible: the commitment would name a stranger.
func keepResponsibleParties(next ent.Mutator) ent.Mutator {
	return hook.AgreementPartyFunc(func(ctx context.Context, m *gen.AgreementPartyMutation) (ent.Value, error) {
		ids, err := m.IDs(ctx)
		if err != nil {
			return nil, err
		}
		parties, err := m.Client().AgreementParty.Query().Where(agreementparty.IDIn(ids...)).
			WithAgreement().WithAgency().All(ctx)
		if err != nil {
			return nil, err
		}
		for _, p := range parties {
			named, err := m.Client().Commitment.Query().Where(
				commitment.HasAgreementWith(agreement.ID(p.Edges.Agreement.ID)),
				commitment.HasResponsiblePartiesWith(agency.ID(p.Edges.Agency.ID)),
			).Exist(ctx)
			if err != nil {
				return nil, err
			}
			if named {
				return nil, palabre.Errorf(palabre.ECONFLICT, "%s is responsible for commitments of the agreement: take it off them before removing it as a party", p.Edges.Agency.Acronym)
			}
		}
		return next.Mutate(ctx, m)
	})
}

// recordedByAgreementMoves lets only cooperation.Move write an agreement's history.
func recordedByAgreementMoves(next ent.Mutator) ent.Mutator {
	return hook.AgreementTransitionFunc(func(ctx context.Context, m *gen.AgreementTransitionMutation) (ent.Value, error) {
		if !cooperation.Moving(ctx) {
			return nil, palabre.Errorf(palabre.EINVALID, "an agreement's history records its moves (moveAgreement) and nothing else")
		}
		return next.Mutate(ctx, m)
	})
}

// keepAgreementHistory refuses to rewrite or erase a move, whoever asks.
func keepAgreementHistory(ent.Mutator) ent.Mutator {
	return ent.MutateFunc(func(context.Context, ent.Mutation) (ent.Value, error) {
		return nil, palabre.Errorf(palabre.ECONFLICT, "an agreement's history is kept as it happened: a move can be neither changed nor deleted")
	})
}
