package schema

import (
	"context"

	"entgo.io/ent"

	"github.com/palabre/palabre"
	gen "github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/hook"
	"github.com/palabre/palabre/ent/strategytransition"
	"github.com/palabre/palabre/lifecycle"
)

// Hooks of the StrategyTransition.
func (StrategyTransition) Hooks() []ent.Hook {
	return []ent.Hook{
		hook.On(recordedByMoves, ent.OpCreate),
		hook.On(keepHistory, ent.OpUpdate|ent.OpUpdateOne|ent.OpDelete|ent.OpDeleteOne),
	}
}

// Interceptors of the StrategyTransition.
func (StrategyTransition) Interceptors() []ent.Interceptor {
	return []ent.Interceptor{oldestMoveFirst}
}

// recordedByMoves lets only lifecycle.Move write the history, so that it holds
// the moves that happened and nothing else.
func recordedByMoves(next ent.Mutator) ent.Mutator {
	return hook.StrategyTransitionFunc(func(ctx context.Context, m *gen.StrategyTransitionMutation) (ent.Value, error) {
		if !lifecycle.Moving(ctx) {
			return nil, palabre.Errorf(palabre.EINVALID, "the lifecycle history records the moves of strategies (moveStrategy) and nothing else")
		}
		return next.Mutate(ctx, m)
	})
}

// keepHistory refuses to rewrite or erase a move, whoever asks.
func keepHistory(ent.Mutator) ent.Mutator {
	return ent.MutateFunc(func(context.Context, ent.Mutation) (ent.Value, error) {
		return nil, palabre.Errorf(palabre.ECONFLICT, "the lifecycle history is kept as it happened: a move can be neither changed nor deleted")
	})
}

// oldestMoveFirst reads a strategy's moves in the order they happened (a
// history is read as a story), wherever they are read from, Strategy.transitions
// included, after any order the caller asked for.
var oldestMoveFirst = ent.InterceptFunc(func(next ent.Querier) ent.Querier {
	return ent.QuerierFunc(func(ctx context.Context, q ent.Query) (ent.Value, error) {
		if tq, ok := q.(*gen.StrategyTransitionQuery); ok {
			tq.Order(strategytransition.ByCreatedAt(), strategytransition.ByID())
		}
		return next.Query(ctx, q)
	})
})
