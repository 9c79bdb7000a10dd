package graph

import (
	"context"
	"log/slog"

	"entgo.io/contrib/entgql"
	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/ent"
)

// transactions runs every mutation operation in one transaction, as
// entgql.Transactioner does, but reports a transaction that cannot be opened or
// committed as INTERNAL, with the driver's message in the log only: entgql
// would send that message to the caller.
type transactions struct {
	entgql.Transactioner
	logger *slog.Logger
}

func newTransactions(client *ent.Client, logger *slog.Logger) transactions {
	return transactions{Transactioner: entgql.Transactioner{TxOpener: client}, logger: logger}
}

// InterceptResponse opens the transaction, runs the operation and commits it,
// or rolls it back when the operation failed.
func (t transactions) InterceptResponse(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	if op := graphql.GetOperationContext(ctx).Operation; op == nil || op.Operation != "mutation" {
		return next(ctx)
	}
	txCtx, tx, err := t.OpenTx(ctx)
	if err != nil {
		return t.failed(ctx, "opening a transaction", err, true)
	}
	defer func() {
		if r := recover(); r != nil {
			_ = tx.Rollback()
			panic(r)
		}
	}()
	rsp := next(txCtx)
	if len(rsp.Errors) > 0 {
		_ = tx.Rollback()
		return &graphql.Response{Errors: rsp.Errors}
	}
	if err := tx.Commit(); err != nil {
		// A commit that loses its connection may have been applied: not
		// UNAVAILABLE, which tells the client that retrying is safe.
		return t.failed(ctx, "committing a transaction", err, false)
	}
	return rsp
}

// failed reports a transaction that could not be opened or committed.
// retryable says whether nothing can have been stored, so that a database
// away for a moment is UNAVAILABLE.
func (t transactions) failed(ctx context.Context, what string, err error, retryable bool) *graphql.Response {
	code := palabre.EINTERNAL
	switch {
	case ctx.Err() != nil:
		code = palabre.ETIMEOUT // the time limit, or the client gone: not the server's fault
	case retryable && palabre.ErrorCode(err) == palabre.EUNAVAILABLE:
		code = palabre.EUNAVAILABLE
		t.logger.WarnContext(ctx, what, "err", err)
	default:
		t.logger.ErrorContext(ctx, what, "err", err)
	}
	return &graphql.Response{Errors: gqlerror.List{{
		Message:    "the change could not be saved, and nothing of it was stored: retry",
		Extensions: map[string]any{"code": code},
	}}}
}
