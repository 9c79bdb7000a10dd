package schema

import (
	"context"

	"entgo.io/ent"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/ent/hook"
)

// Hooks of the Attachment.
func (Attachment) Hooks() []ent.Hook {
	return []ent.Hook{
		hook.On(oneOwner, ent.OpCreate),
		hook.On(keepFiles, ent.OpUpdate|ent.OpUpdateOne|ent.OpDelete|ent.OpDeleteOne),
	}
}

// oneOwner makes an attachment belong to exactly one record.
func oneOwner(next ent.Mutator) ent.Mutator {
	return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
		owners := 0
		for _, e := range m.AddedEdges() {
			if e != "uploaded_by" {
				owners++
			}
		}
		if owners != 1 {
			return nil, palabre.Errorf(palabre.EINVALID, "an attachment belongs to exactly one record (a strategy version, an observation, an agreement or a meeting)")
		}
		return next.Mutate(ctx, m)
	})
}

// keepFiles refuses to change or remove an attachment, whoever asks: an
// archived record's files are part of it.
func keepFiles(ent.Mutator) ent.Mutator {
	return ent.MutateFunc(func(context.Context, ent.Mutation) (ent.Value, error) {
		return nil, palabre.Errorf(palabre.ECONFLICT, "an attachment is kept as it was uploaded: it can be neither changed nor deleted")
	})
}
