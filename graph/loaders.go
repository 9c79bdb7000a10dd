package graph

import (
	"context"
	"database/sql/driver"
	"slices"
	"sync"

	"entgo.io/contrib/entgql"
	"entgo.io/ent/dialect/sql"
	"github.com/99designs/gqlgen/graphql"

	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/account"
	"github.com/palabre/palabre/ent/actionitem"
	"github.com/palabre/palabre/ent/agreement"
	"github.com/palabre/palabre/ent/meeting"
	"github.com/palabre/palabre/ent/minutes"
	"github.com/palabre/palabre/ent/progressreport"
	"github.com/palabre/palabre/ent/schema/pulid"
	"github.com/palabre/palabre/ent/strategy"
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
		ctx = context.WithValue(ctx, accountsKey{}, &accounts{client: client, byID: map[pulid.ID]*ent.Account{}})
		ctx = context.WithValue(ctx, approvedMinutesKey{}, &approvedMinutes{client: client, latest: map[pulid.ID]*ent.Minutes{}})
		return next(context.WithValue(ctx, itemFactsKey{}, newItemFacts(client)))
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

// itemFacts reads, for one operation, what fields of action items derive from
// other rows: each item's latest progress report (latestReport) and its plan's
// reporting cadence (stale). The first item of a page to ask reads them for
// every item of its page (pageOfItems), in one go, and the others then find
// theirs: a page costs the same statements whatever its size.
type itemFacts struct {
	client  *ent.Client
	mu      sync.Mutex
	latest  map[pulid.ID]*ent.ProgressReport // nil value: read, no report
	cadence map[pulid.ID]int                 // absent after a read: in no strategy the caller reads
	read    map[pulid.ID]bool                // cadence read
}

type itemFactsKey struct{}

func itemFactsOf(ctx context.Context, client *ent.Client) *itemFacts {
	if l, ok := ctx.Value(itemFactsKey{}).(*itemFacts); ok {
		return l
	}
	return newItemFacts(client)
}

func newItemFacts(client *ent.Client) *itemFacts {
	return &itemFacts{client: client, latest: map[pulid.ID]*ent.ProgressReport{},
		cadence: map[pulid.ID]int{}, read: map[pulid.ID]bool{}}
}

// latestReport returns the item's latest report (by as-of date, then ID), nil
// when it has none.
func (l *itemFacts) latestReport(ctx context.Context, item *ent.ActionItem) (*ent.ProgressReport, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if report, known := l.latest[item.ID]; known {
		return report, nil
	}
	ids := l.unknown(pageOfItems(ctx, item), func(id pulid.ID) bool { _, ok := l.latest[id]; return ok })
	reports, err := l.db(ctx).ProgressReport.Query().
		Where(func(s *sql.Selector) {
			s.Where(sql.InValues(s.C(progressreport.ActionItemColumn), values(ids)...))
			entgql.LimitPerRow(progressreport.ActionItemColumn, 1,
				sql.DescExpr(sql.Expr(progressreport.FieldAsOf)), sql.DescExpr(sql.Expr(progressreport.FieldID)))(s)
		}).
		WithActionItem(func(q *ent.ActionItemQuery) { q.Select(actionitem.FieldID) }).
		All(ctx)
	if err != nil {
		return nil, err
	}
	for _, id := range ids {
		l.latest[id] = nil
	}
	for _, r := range reports {
		if r.Edges.ActionItem != nil {
			l.latest[r.Edges.ActionItem.ID] = r
		}
	}
	return l.latest[item.ID], nil
}

// reportingCadence returns the reporting cadence, in days, of the item's plan:
// its strategy's, or its agreement's.
func (l *itemFacts) reportingCadence(ctx context.Context, item *ent.ActionItem) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.read[item.ID] {
		ids := l.unknown(pageOfItems(ctx, item), func(id pulid.ID) bool { return l.read[id] })
		items, err := l.db(ctx).ActionItem.Query().Where(actionitem.IDIn(ids...)).Select(actionitem.FieldID).
			WithStrategy(func(q *ent.StrategyQuery) { q.Select(strategy.FieldReportingCadenceDays) }).
			WithAgreement(func(q *ent.AgreementQuery) { q.Select(agreement.FieldReportingCadenceDays) }).
			All(ctx)
		if err != nil {
			return 0, err
		}
		for _, id := range ids {
			l.read[id] = true
		}
		for _, it := range items {
			switch {
			case it.Edges.Strategy != nil:
				l.cadence[it.ID] = it.Edges.Strategy.ReportingCadenceDays
			case it.Edges.Agreement != nil:
				l.cadence[it.ID] = it.Edges.Agreement.ReportingCadenceDays
			}
		}
	}
	if days, ok := l.cadence[item.ID]; ok {
		return days, nil
	}
	// In no plan the caller reads: the error reading it one by one gives.
	return item.QueryStrategy().Select(strategy.FieldReportingCadenceDays).Int(ctx)
}

// db is the client to read with: the mutation's transaction, if any, which
// sees what the mutation wrote (and on SQLite holds the one connection).
func (l *itemFacts) db(ctx context.Context) *ent.Client {
	if c := ent.FromContext(ctx); c != nil {
		return c
	}
	return l.client
}

// unknown returns the IDs of items that known does not report, the item's own
// first among them.
func (l *itemFacts) unknown(items []*ent.ActionItem, known func(pulid.ID) bool) []pulid.ID {
	ids := make([]pulid.ID, 0, len(items))
	for _, it := range items {
		if it != nil && !known(it.ID) && !slices.Contains(ids, it.ID) {
			ids = append(ids, it.ID)
		}
	}
	return ids
}

// pageOfItems returns the items of the page or list the item being resolved
// was read in (the nearest connection or list of action items above it in the
// response), or the item alone.
func pageOfItems(ctx context.Context, item *ent.ActionItem) []*ent.ActionItem {
	for fc := graphql.GetFieldContext(ctx); fc != nil; fc = fc.Parent {
		switch r := fc.Result.(type) {
		case *ent.ActionItemConnection:
			return nodesOf(r.Edges, item)
		case []*ent.ActionItemEdge:
			return nodesOf(r, item)
		case []*ent.ActionItem:
			return append([]*ent.ActionItem{item}, r...)
		}
	}
	return []*ent.ActionItem{item}
}

func nodesOf(edges []*ent.ActionItemEdge, item *ent.ActionItem) []*ent.ActionItem {
	items := make([]*ent.ActionItem, 0, len(edges)+1)
	items = append(items, item)
	for _, e := range edges {
		items = append(items, e.Node)
	}
	return items
}

func values(ids []pulid.ID) []driver.Value {
	out := make([]driver.Value, len(ids))
	for i, id := range ids {
		out[i] = id
	}
	return out
}

// approvedMinutes reads, for one operation, the latest approved minutes of
// the meetings of a page: the first meeting asking reads those of its whole
// page in one statement.
type approvedMinutes struct {
	client *ent.Client
	mu     sync.Mutex
	latest map[pulid.ID]*ent.Minutes // nil value: read, none approved
}

type approvedMinutesKey struct{}

func approvedMinutesOf(ctx context.Context, client *ent.Client) *approvedMinutes {
	if l, ok := ctx.Value(approvedMinutesKey{}).(*approvedMinutes); ok {
		return l
	}
	return &approvedMinutes{client: client, latest: map[pulid.ID]*ent.Minutes{}}
}

// of returns the meeting's latest approved minutes (by number), nil if none.
func (l *approvedMinutes) of(ctx context.Context, m *ent.Meeting) (*ent.Minutes, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if found, known := l.latest[m.ID]; known {
		return found, nil
	}
	var ids []pulid.ID
	for _, other := range pageOfMeetings(ctx, m) {
		if _, known := l.latest[other.ID]; !known && !slices.Contains(ids, other.ID) {
			ids = append(ids, other.ID)
		}
	}
	db := l.client
	if c := ent.FromContext(ctx); c != nil {
		db = c
	}
	found, err := db.Minutes.Query().
		Where(minutes.StatusEQ(minutes.StatusApproved), func(s *sql.Selector) {
			s.Where(sql.InValues(s.C(minutes.MeetingColumn), values(ids)...))
			entgql.LimitPerRow(minutes.MeetingColumn, 1,
				sql.DescExpr(sql.Expr(minutes.FieldNumber)), sql.DescExpr(sql.Expr(minutes.FieldID)))(s)
		}).
		WithMeeting(func(q *ent.MeetingQuery) { q.Select(meeting.FieldID) }).
		All(ctx)
	if err != nil {
		return nil, err
	}
	for _, id := range ids {
		l.latest[id] = nil
	}
	for _, mi := range found {
		if mi.Edges.Meeting != nil {
			l.latest[mi.Edges.Meeting.ID] = mi
		}
	}
	return l.latest[m.ID], nil
}

// pageOfMeetings returns the meetings of the page or list the meeting being
// resolved was read in, the meeting's own first, or the meeting alone.
func pageOfMeetings(ctx context.Context, m *ent.Meeting) []*ent.Meeting {
	page := []*ent.Meeting{m}
	for fc := graphql.GetFieldContext(ctx); fc != nil; fc = fc.Parent {
		switch r := fc.Result.(type) {
		case *ent.MeetingConnection:
			for _, e := range r.Edges {
				page = append(page, e.Node)
			}
			return page
		case []*ent.MeetingEdge:
			for _, e := range r {
				page = append(page, e.Node)
			}
			return page
		case []*ent.Meeting:
			return append(page, r...)
		}
	}
	return page
}
