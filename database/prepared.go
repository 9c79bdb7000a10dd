package database

import (
	"container/list"
	"context"
	stdsql "database/sql"
	"sync"

	entsql "entgo.io/ent/dialect/sql"
)

// On PostgreSQL, a read outside a transaction runs as a prepared statement:
// the server parses and plans each statement text once per connection,
// rather than for every request. For the API's small reads that is most of
// the server's work: a lookup by primary key ran 2.3 times as often prepared
// as parsed and planned each time (pgbench -M prepared against -M extended).
// PostgreSQL plans each execution afresh for its first five, then keeps a
// generic plan only when it costs no more than those did.
//
// The statements are kept per process, the most recently used ones only
// (preparedLimit): IN lists of every length make many texts, and each
// prepared statement holds memory on every connection of the pool.
// Transactions keep the plain path: their statements are mostly writes.
//
// A connection pooler must keep a prepared statement with its connection
// (PgBouncer: session mode, or transaction mode from 1.21 with
// max_prepared_statements set); README.md says so to whoever deploys.
const preparedLimit = 128

// preparedReads is the bounded set of prepared statements of one *sql.DB.
// database/sql prepares a statement again on each connection that first runs
// it; a statement pushed out of the set is closed once no read uses it.
type preparedReads struct {
	db    *stdsql.DB
	limit int

	mu     sync.Mutex
	byText map[string]*list.Element // of *preparedRead
	recent *list.List               // most recently used first
}

type preparedRead struct {
	text    string
	stmt    *stdsql.Stmt
	users   int  // reads running on it
	evicted bool // out of the set: closed when users reaches 0
}

func newPreparedReads(db *stdsql.DB, limit int) *preparedReads {
	return &preparedReads{db: db, limit: limit, byText: map[string]*list.Element{}, recent: list.New()}
}

// Query runs a read as a prepared statement, filling v (an *entsql.Rows) as
// ent's driver does.
func (p *preparedReads) Query(ctx context.Context, query string, args []any, v any) error {
	r, err := p.acquire(ctx, query)
	if err != nil {
		return err
	}
	rows, err := r.stmt.QueryContext(ctx, args...)
	if err != nil {
		p.release(r)
		return err
	}
	*v.(*entsql.Rows) = entsql.Rows{ColumnScanner: &releasingRows{Rows: rows, release: func() { p.release(r) }}}
	return nil
}

// acquire returns the statement of query, prepared if it was not, marked in
// use.
func (p *preparedReads) acquire(ctx context.Context, query string) (*preparedRead, error) {
	if r := p.use(query); r != nil {
		return r, nil
	}
	// Prepared outside the lock: it is a round trip to the server.
	stmt, err := p.db.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	r, closing := p.add(query, stmt)
	closeAll(closing)
	return r, nil
}

// use marks the statement of query in use, or returns nil if the set lacks it.
func (p *preparedReads) use(query string) *preparedRead {
	p.mu.Lock()
	defer p.mu.Unlock()
	e, ok := p.byText[query]
	if !ok {
		return nil
	}
	p.recent.MoveToFront(e)
	r := e.Value.(*preparedRead)
	r.users++
	return r
}

// add puts stmt in the set as the statement of query, marked in use, unless
// another read prepared it meanwhile; it returns the statements to close
// (closing one is a round trip: never under the lock).
func (p *preparedReads) add(query string, stmt *stdsql.Stmt) (*preparedRead, []*stdsql.Stmt) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if e, ok := p.byText[query]; ok {
		p.recent.MoveToFront(e)
		r := e.Value.(*preparedRead)
		r.users++
		return r, []*stdsql.Stmt{stmt}
	}
	r := &preparedRead{text: query, stmt: stmt, users: 1}
	p.byText[query] = p.recent.PushFront(r)
	var closing []*stdsql.Stmt
	for p.recent.Len() > p.limit {
		oldest := p.recent.Back()
		p.recent.Remove(oldest)
		old := oldest.Value.(*preparedRead)
		delete(p.byText, old.text)
		old.evicted = true
		if old.users == 0 {
			closing = append(closing, old.stmt)
		}
	}
	return r, closing
}

// release ends one read of r, closing it if it left the set meanwhile.
func (p *preparedReads) release(r *preparedRead) {
	p.mu.Lock()
	r.users--
	last := r.evicted && r.users == 0
	p.mu.Unlock()
	if last {
		r.stmt.Close()
	}
}

func closeAll(stmts []*stdsql.Stmt) {
	for _, s := range stmts {
		s.Close()
	}
}

// size is how many statements the set holds.
func (p *preparedReads) size() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.recent.Len()
}

// releasingRows releases its statement when closed (ent closes every Rows
// it reads, and database/sql closes them at their end or error).
type releasingRows struct {
	*stdsql.Rows
	release func()
	once    sync.Once
}

func (r *releasingRows) Close() error {
	err := r.Rows.Close()
	r.once.Do(r.release)
	return err
}
