package graph

import (
	"context"
	"slices"
	"sync"

	"github.com/99designs/gqlgen/graphql"

	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/account"
	"github.com/palabre/palabre/ent/schema/pulid"
)

// accounts reads, for one operation, the accounts that rows name by a plain
// ID rather than an ent edge (the actor of an audit event): the resolver of a
// page reads all of its rows' accounts in one statement (prime), and each
// row's field then finds its own (get) instead of sending one statement per
// row. Accounts are read as the caller, so one it may not read is nil.
type accounts struct {
	client *ent.Client
	mu     sync.Mutex
	byID   map[pulid.ID]*ent.Account // nil value: read, and not readable
}

type accountsKey struct{}

// withLoaders gives an operation its own loaders; nothing is shared between
// operations, so nothing read for one caller reaches another.
func withLoaders(client *ent.Client) func(context.Context, graphql.OperationHandler) graphql.ResponseHandler {
	return func(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
		return next(context.WithValue(ctx, accountsKey{}, &accounts{client: client, byID: map[pulid.ID]*ent.Account{}}))
	}
}

// accountsOf returns the operation's account loader: a fresh one outside an
// operation, so that a resolver called directly still works.
func accountsOf(ctx context.Context, client *ent.Client) *accounts {
	if l, ok := ctx.Value(accountsKey{}).(*accounts); ok {
		return l
	}
	return &accounts{client: client, byID: map[pulid.ID]*ent.Account{}}
}

// prime reads, in one statement, those of the accounts not read yet.
func (l *accounts) prime(ctx context.Context, ids []pulid.ID) error {
	l.mu.Lock()
	var missing []pulid.ID
	for _, id := range ids {
		if _, known := l.byID[id]; !known && id != "" && !slices.Contains(missing, id) {
			missing = append(missing, id)
		}
	}
	l.mu.Unlock()
	if len(missing) == 0 {
		return nil
	}
	found, err := l.client.Account.Query().Where(account.IDIn(missing...)).All(ctx)
	if err != nil {
		return err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, id := range missing {
		l.byID[id] = nil
	}
	for _, a := range found {
		l.byID[a.ID] = a
	}
	return nil
}

// get returns one account, nil when the caller may not read it or it does not
// exist, reading it only if no prime did.
func (l *accounts) get(ctx context.Context, id pulid.ID) (*ent.Account, error) {
	if err := l.prime(ctx, []pulid.ID{id}); err != nil {
		return nil, err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.byID[id], nil
}

// selects reports whether the field being resolved selects the path of
// fields (by name, whatever their aliases), such as edges, node, actor.
func selects(ctx context.Context, path ...string) bool {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil {
		return true
	}
	oc := graphql.GetOperationContext(ctx)
	fields := fc.Field.Selections
	for _, name := range path {
		var next []graphql.CollectedField
		for _, f := range graphql.CollectFields(oc, fields, nil) {
			if f.Name == name {
				next = append(next, f)
			}
		}
		if len(next) == 0 {
			return false
		}
		fields = nil
		for _, f := range next {
			fields = append(fields, f.Selections...)
		}
	}
	return true
}

// observationEdges eager-loads the edges of the observations at path (below
// the field being resolved) that the document selects: one statement for
// each edge of a whole list, rather than one per observation. For lists that
// entgql does not page (the response matrix).
func observationEdges(ctx context.Context, path ...string) func(*ent.ObservationQuery) {
	at := func(edge string) bool { return selects(ctx, append(slices.Clone(path), edge)...) }
	return func(q *ent.ObservationQuery) {
		if at("author") {
			q.WithAuthor()
		}
		if at("respondedBy") {
			q.WithRespondedBy()
		}
		if at("takenInto") {
			q.WithTakenInto()
		}
		if at("consultation") {
			q.WithConsultation()
		}
	}
}
