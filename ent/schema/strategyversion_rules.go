package schema

import (
	"context"

	"entgo.io/ent"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/ent/hook"
)

// Hooks of the StrategyVersion.
func (StrategyVersion) Hooks() []ent.Hook {
	return []ent.Hook{
		hook.On(refuseChange, ent.OpUpdate|ent.OpUpdateOne|ent.OpDelete|ent.OpDeleteOne),
	}
}

// refuseChange keeps published versions as they were published, whoever asks:
// consultations and adoption refer to them, and their hash vouches for them.
// Adopting a version is recorded on the strategy (its adopted_version edge),
// not on the version.
func refuseChange(ent.Mutator) ent.Mutator {
	return ent.MutateFunc(func(context.Context, ent.Mutation) (ent.Value, error) {
		return nil, palabre.Refuse(palabre.ECONFLICT, palabre.ReasonVersionFrozen)
	})
}
