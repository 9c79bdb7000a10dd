// Package transaction runs work that must be stored whole or not at all.
package transaction

import (
	"context"
	"errors"

	"github.com/palabre/palabre/ent"
)

// Within runs fn in the transaction client is bound to (a GraphQL mutation's),
// or, for a client outside any (the command line, set-up code), in a
// transaction of its own that commits when fn succeeds and rolls back when it
// fails.
func Within(ctx context.Context, client *ent.Client, fn func(*ent.Client) error) error {
	tx, err := client.Tx(ctx)
	if errors.Is(err, ent.ErrTxStarted) {
		return fn(client)
	}
	if err != nil {
		return err
	}
	if err := fn(tx.Client()); err != nil {
		_ = tx.Rollback()
		return err
	}
	return tx.Commit()
}
