package attachment

import (
	"context"
	"errors"
	"fmt"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/attachment"
	"github.com/palabre/palabre/ent/schema/pulid"
)

// Problem is an attachment whose stored file is missing or altered.
type Problem struct {
	Attachment *ent.Attachment
	Err        error
}

func (p Problem) Error() string {
	a := p.Attachment
	var missing *palabre.Error
	if errors.As(p.Err, &missing) && missing.Code == palabre.ENOTFOUND {
		return fmt.Sprintf("attachment %s (%s, sha256 %s): the stored file is missing", a.ID, a.Name, a.Sha256)
	}
	return fmt.Sprintf("attachment %s (%s): %v", a.ID, a.Name, p.Err)
}

// Verify re-hashes the stored file of every attachment, in batches, and
// returns how many it checked and those whose file is missing or altered. ctx
// must read every attachment (the system's). A file shared by several
// attachments is read once.
func Verify(ctx context.Context, client *ent.Client, store *Store) (int, []Problem, error) {
	const batch = 500
	var (
		checked  int
		problems []Problem
		after    pulid.ID
		seen     = map[string]error{}
	)
	for {
		list, err := client.Attachment.Query().Where(attachment.IDGT(after)).
			Order(ent.Asc(attachment.FieldID)).Limit(batch).All(ctx)
		if err != nil {
			return checked, problems, err
		}
		for _, a := range list {
			checked++
			err, done := seen[a.Sha256]
			if !done {
				err = store.Check(ctx, a.Sha256, a.Size)
				var missing *palabre.Error
				var altered *Altered
				if err != nil && !errors.As(err, &altered) && !(errors.As(err, &missing) && missing.Code == palabre.ENOTFOUND) {
					return checked, problems, err // the store itself fails: not a verdict
				}
				seen[a.Sha256] = err
			}
			if err != nil {
				problems = append(problems, Problem{Attachment: a, Err: err})
			}
		}
		if len(list) < batch {
			return checked, problems, nil
		}
		after = list[len(list)-1].ID
	}
}
