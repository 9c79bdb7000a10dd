package graph_test

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"entgo.io/ent/dialect"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/access"
	"github.com/palabre/palabre/audit"
	"github.com/palabre/palabre/auth"
	"github.com/palabre/palabre/database/dbtest"
	"github.com/palabre/palabre/ent/apitoken"
	"github.com/palabre/palabre/internal/apitest"
)

// trailEvent is an audit event as the API shows it, its changes decoded.
type trailEvent struct {
	Sequence                             int
	Operation, EntityType, EntityID      string
	ActorID, Changes, PreviousHash, Hash string
	Actor                                *struct{ Email string }
	changes                              map[string]struct{ Before, After any }
}

type trailPage struct {
	AuditTrail struct {
		TotalCount int
		PageInfo   struct {
			HasNextPage, HasPreviousPage bool
			StartCursor, EndCursor       *string
		}
		Edges []struct{ Node trailEvent }
	}
}

const trailQuery = `query($id: ID!, $first: Int, $after: Cursor, $last: Int, $before: Cursor) {
	auditTrail(entityID: $id, first: $first, after: $after, last: $last, before: $before) {
		totalCount
		pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
		edges { node { sequence operation entityType entityID actorID changes previousHash hash actor { email } } }
	}
}`

// trail reads the audit trail of an entity through the API, one page.
func trail(t *testing.T, s *apitest.Server, token string, id any, vars map[string]any) trailPage {
	t.Helper()
	v := map[string]any{"id": id}
	for k, x := range vars {
		v[k] = x
	}
	var p trailPage
	s.OK(t, token, trailQuery, v, &p)
	for i := range p.AuditTrail.Edges {
		e := &p.AuditTrail.Edges[i].Node
		if err := json.Unmarshal([]byte(e.Changes), &e.changes); err != nil {
			t.Fatalf("changes of event %d are not a JSON object: %s", e.Sequence, e.Changes)
		}
	}
	return p
}

// events returns the events of a trail page.
func (p trailPage) events() []trailEvent {
	var out []trailEvent
	for _, e := range p.AuditTrail.Edges {
		out = append(out, e.Node)
	}
	return out
}

// eventCount is the number of audit events stored.
func eventCount(t *testing.T, s *apitest.Server) int {
	t.Helper()
	n, err := s.Client.AuditEvent.Query().Count(access.SystemContext(context.Background()))
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// verifyChain fails the test unless the audit chain is intact.
func verifyChain(t *testing.T, s *apitest.Server) int64 {
	t.Helper()
	checked, brk, err := audit.Verify(context.Background(), s.Client)
	if err != nil {
		t.Fatal(err)
	}
	if brk != nil {
		t.Fatalf("the audit chain is broken: %v", brk)
	}
	return checked
}

func TestCreateUpdateDeleteEachLeaveAnEvent(t *testing.T) {
	t.Parallel()
	s := apitest.New(t)
	w := s.World
	secretariat := s.Account(t, "secretariat@palabre.test")

	var created struct {
		CreateActionItem struct{ ActionItem struct{ ID string } }
	}
	s.OK(t, w.Secretariat, `mutation($in: CreateActionItemInput!) { createActionItem(input: $in) { actionItem { id } } }`,
		map[string]any{"in": map[string]any{"objectiveID": w.DraftLegal.ID, "code": "A1.7", "title": "Adopter le décret d'application",
			"leadAgencyID": w.Justice.ID, "supportingAgencyIDs": []any{w.Security.ID}}}, &created)
	id := created.CreateActionItem.ActionItem.ID

	s.OK(t, w.Secretariat, `mutation($id: ID!, $in: UpdateActionItemInput!) { updateActionItem(id: $id, revision: 1, input: $in) { actionItem { id } } }`,
		map[string]any{"id": id, "in": map[string]any{"title": "Adopter les décrets d'application", "progress": 0,
			"removeSupportingAgencyIDs": []any{w.Security.ID}, "addSupportingAgencyIDs": []any{w.Regulator.ID}}}, nil)

	s.OK(t, w.Secretariat, `mutation($id: ID!) { deleteActionItem(id: $id) { deletedID } }`, map[string]any{"id": id}, nil)

	// The trail of a deleted item is still there, oldest first.
	events := trail(t, s, w.Admin, id, nil).events()
	if ops := opsOf(events); !slices.Equal(ops, []string{"CREATE", "UPDATE", "DELETE"}) {
		t.Fatalf("operations = %v", ops)
	}
	for _, e := range events {
		if e.EntityType != "ActionItem" || e.EntityID != id || e.ActorID != string(secretariat.ID) ||
			e.Actor == nil || e.Actor.Email != "secretariat@palabre.test" {
			t.Errorf("event %d: %+v", e.Sequence, e)
		}
	}

	create, update, del := events[0].changes, events[1].changes, events[2].changes
	for field, after := range map[string]any{
		"code": "A1.7", "title": "Adopter le décret d'application", "revision": 1.0, "progress": 0.0, "status": "NOT_STARTED",
		"objective": []any{string(w.DraftLegal.ID)}, "lead_agency": []any{string(w.Justice.ID)},
		"supporting_agencies": []any{string(w.Security.ID)},
		// Set by a hook of the item, after the audit hook has run: changes
		// are read once the whole mutation is known.
		"strategy": []any{string(w.Draft.ID)},
	} {
		if c, ok := create[field]; !ok || !equalJSON(c.After, after) || c.Before != nil {
			t.Errorf("CREATE %s = %+v, want after %v", field, c, after)
		}
	}
	for _, field := range []string{"search_text", "updated_at"} {
		if _, ok := create[field]; ok {
			t.Errorf("CREATE records bookkeeping field %s", field)
		}
	}

	want := map[string]struct{ Before, After any }{
		"title":               {"Adopter le décret d'application", "Adopter les décrets d'application"},
		"revision":            {1.0, 2.0},
		"supporting_agencies": {[]any{string(w.Security.ID)}, []any{string(w.Regulator.ID)}},
	}
	if len(update) != len(want) {
		t.Errorf("UPDATE records %v, want only %v (progress was set to its own value)", keys(update), keys(want))
	}
	for field, c := range want {
		if got := update[field]; !equalJSON(got.Before, c.Before) || !equalJSON(got.After, c.After) {
			t.Errorf("UPDATE %s = %+v, want %+v", field, got, c)
		}
	}
	if len(del) != 0 {
		t.Errorf("DELETE records %v", del)
	}
	verifyChain(t, s)
}

// TestRefusedMutationsLeaveNoEvent: whatever refuses a mutation, the event
// it would have written goes with it.
func TestRefusedMutationsLeaveNoEvent(t *testing.T) {
	t.Parallel()
	s := apitest.New(t)
	w := s.World
	update := `mutation($id: ID!, $rev: Int!, $in: UpdateActionItemInput!) { updateActionItem(id: $id, revision: $rev, input: $in) { actionItem { id } } }`
	for _, c := range []struct {
		name, token string
		vars        func() map[string]any
		code        string
	}{
		{"privacy: another agency", w.JusticeAgent, func() map[string]any {
			// The adopted item, which every agency reads but only its lead agency reports on.
			return map[string]any{"id": w.Budapest.ID, "rev": s.Item(t, w.Budapest.ID).Revision, "in": map[string]any{"progress": 90}}
		}, palabre.EFORBIDDEN},
		{"privacy: the public", "", func() map[string]any {
			return map[string]any{"id": w.Incidents.ID, "rev": s.Item(t, w.Incidents.ID).Revision, "in": map[string]any{"progress": 90}}
		}, palabre.EUNAUTHENTICATED},
		{"validation: progress over 100", w.Secretariat, func() map[string]any {
			return map[string]any{"id": w.Incidents.ID, "rev": s.Item(t, w.Incidents.ID).Revision, "in": map[string]any{"progress": 150}}
		}, palabre.EINVALID},
		{"hook: due before start", w.Secretariat, func() map[string]any {
			return map[string]any{"id": w.Incidents.ID, "rev": s.Item(t, w.Incidents.ID).Revision, "in": map[string]any{"dueDate": "2024-01-01T00:00:00Z"}}
		}, palabre.EINVALID},
		{"stale revision", w.Secretariat, func() map[string]any {
			return map[string]any{"id": w.Incidents.ID, "rev": s.Item(t, w.Incidents.ID).Revision - 1, "in": map[string]any{"title": "Créer le CERT"}}
		}, palabre.ECONFLICT},
	} {
		t.Run(c.name, func(t *testing.T) {
			// A first change, so that a stale revision exists.
			s.OK(t, w.Secretariat, update, map[string]any{"id": w.Incidents.ID, "rev": s.Item(t, w.Incidents.ID).Revision,
				"in": map[string]any{"description": "Un CERT national — " + c.name}}, nil)
			before, events := s.Fingerprint(t), eventCount(t, s)
			s.Fails(t, c.token, update, c.vars(), c.code)
			if s.Fingerprint(t) != before || eventCount(t, s) != events {
				t.Fatalf("a refused update stored something: %d events, was %d", eventCount(t, s), events)
			}
		})
	}
	// Several mutations in one operation: the failure of the second takes the
	// first one's change and event with it.
	before, events := s.Fingerprint(t), eventCount(t, s)
	rev := s.Item(t, w.Critical.ID).Revision
	s.Fails(t, w.Secretariat, `mutation($id: ID!, $rev: Int!) {
		a: updateActionItem(id: $id, revision: $rev, input: {progress: 10}) { actionItem { id } }
		b: updateActionItem(id: $id, revision: $rev, input: {progress: 20}) { actionItem { id } } }`,
		map[string]any{"id": w.Critical.ID, "rev": rev}, palabre.ECONFLICT)
	if s.Fingerprint(t) != before || eventCount(t, s) != events {
		t.Fatal("a failed operation kept its first mutation")
	}
	verifyChain(t, s)
}

func TestTokenHashesStayOutOfTheTrail(t *testing.T) {
	t.Parallel()
	s := apitest.New(t)
	w := s.World
	var created struct {
		CreateAPIToken struct {
			Token    string
			APIToken struct{ ID string }
		}
	}
	s.OK(t, w.Admin, `mutation($id: ID!) { createAPIToken(input: {accountID: $id, label: "intégration CI"}) { token apiToken { id } } }`,
		map[string]any{"id": s.Account(t, "reviewer@palabre.test").ID}, &created)
	token, id := created.CreateAPIToken.Token, created.CreateAPIToken.APIToken.ID
	s.OK(t, token, `{ viewer { email } }`, nil, nil) // records the token's last use
	s.OK(t, w.Admin, `mutation($id: ID!) { revokeAPIToken(id: $id) { apiToken { revokedAt } } }`, map[string]any{"id": id}, nil)

	events := trail(t, s, w.Admin, id, nil).events()
	if ops := opsOf(events); !slices.Equal(ops, []string{"CREATE", "UPDATE"}) {
		t.Fatalf("a token's trail is its creation and its revocation, not its uses: %v", ops)
	}
	// The hash is kept as its own SHA-256, so that verify can tell it was
	// replaced; neither it nor the token can be read back from it.
	if c := events[0].changes; c["label"].After != "intégration CI" || !strings.HasPrefix(fmt.Sprint(c["hash"].After), "sha256:") || c["last_used_at"].After != nil {
		t.Errorf("CREATE records %s", events[0].Changes)
	}
	if c := events[1].changes; c["revoked_at"].After == nil || len(c) != 1 {
		t.Errorf("UPDATE records %s", events[1].Changes)
	}

	// Neither the token nor any token's hash is anywhere in the trail.
	ctx := access.SystemContext(context.Background())
	hashes, err := s.Client.APIToken.Query().Select(apitoken.FieldHash).Strings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	all, err := s.Client.AuditEvent.Query().All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range all {
		for _, secret := range append(hashes, token, strings.TrimPrefix(token, auth.TokenPrefix)) {
			if strings.Contains(e.Changes, secret) {
				t.Fatalf("event %d (%s %s) holds a secret: %s", e.Sequence, e.Operation, e.EntityType, e.Changes)
			}
		}
	}
}

func TestWhoMayReadTheAuditTrail(t *testing.T) {
	t.Parallel()
	s := apitest.New(t)
	w := s.World
	for caller, token := range callers(w) {
		t.Run(caller, func(t *testing.T) {
			vars := map[string]any{"id": w.Incidents.ID}
			switch caller {
			case "admin", "secretariat", "reviewer":
				var p trailPage
				s.OK(t, token, trailQuery, vars, &p)
				if p.AuditTrail.TotalCount != 1 || p.AuditTrail.Edges[0].Node.Operation != "CREATE" {
					t.Fatalf("the item's trail is its creation: %+v", p)
				}
			case "public":
				s.Fails(t, token, trailQuery, vars, palabre.EUNAUTHENTICATED)
			default: // agencies, even the item's lead
				s.Fails(t, token, trailQuery, vars, palabre.EFORBIDDEN)
			}
		})
	}
	// The generic node query does not open a back door.
	ev, err := s.Client.AuditEvent.Query().First(access.SystemContext(context.Background()))
	if err != nil {
		t.Fatal(err)
	}
	s.Fails(t, w.SecurityAgent, `query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": ev.ID}, palabre.EFORBIDDEN)
}

// TestTheActorIsShownToThoseWhoMayReadTheAccount: the system has no actor;
// an account is shown to whoever may read it (administrators, and the
// account itself) and null to others, who still see its ID.
func TestTheActorIsShownToThoseWhoMayReadTheAccount(t *testing.T) {
	t.Parallel()
	s := apitest.New(t)
	w := s.World
	it := s.Item(t, w.Critical.ID)
	s.OK(t, w.Secretariat, `mutation($id: ID!, $rev: Int!) { updateActionItem(id: $id, revision: $rev, input: {status: IN_PROGRESS}) { actionItem { id } } }`,
		map[string]any{"id": it.ID, "rev": it.Revision}, nil)
	secretariat := string(s.Account(t, "secretariat@palabre.test").ID)
	for _, c := range []struct {
		token string
		actor string // the e-mail shown for the update's actor
	}{{w.Admin, "secretariat@palabre.test"}, {w.Secretariat, "secretariat@palabre.test"}, {w.Reviewer, ""}} {
		events := trail(t, s, c.token, it.ID, nil).events()
		if len(events) != 2 {
			t.Fatalf("want the creation and the update, got %+v", events)
		}
		system, update := events[0], events[1]
		if system.ActorID != "" || system.Actor != nil {
			t.Errorf("the world was built by the system, not by %+v", system.Actor)
		}
		if update.ActorID != secretariat {
			t.Errorf("actorID = %q, want %q", update.ActorID, secretariat)
		}
		if got := ""; update.Actor != nil {
			got = update.Actor.Email
			if got != c.actor {
				t.Errorf("actor = %q, want %q", got, c.actor)
			}
		} else if c.actor != "" {
			t.Errorf("actor is null, want %q", c.actor)
		}
	}
}

func TestTheAuditTrailIsPaged(t *testing.T) {
	t.Parallel()
	s := apitest.New(t)
	w := s.World
	for i := 1; i <= 24; i++ {
		it := s.Item(t, w.Law.ID)
		s.OK(t, w.Secretariat, `mutation($id: ID!, $rev: Int!, $d: String!) { updateActionItem(id: $id, revision: $rev, input: {description: $d}) { actionItem { id } } }`,
			map[string]any{"id": it.ID, "rev": it.Revision, "d": fmt.Sprintf("Rédaction, étape %d", i)}, nil)
	}
	s.NewItem(t, "A1.9") // events of other entities stay out of the trail

	first := trail(t, s, w.Reviewer, w.Law.ID, nil)
	if n := len(first.AuditTrail.Edges); n != 20 || first.AuditTrail.TotalCount != 25 || !first.AuditTrail.PageInfo.HasNextPage {
		t.Fatalf("without first or last a page holds 20 of the 25 events: got %d of %d", n, first.AuditTrail.TotalCount)
	}
	rest := trail(t, s, w.Reviewer, w.Law.ID, map[string]any{"first": 10, "after": first.AuditTrail.PageInfo.EndCursor})
	events := append(first.events(), rest.events()...)
	if len(events) != 25 || rest.AuditTrail.PageInfo.HasNextPage {
		t.Fatalf("two pages hold %d events", len(events))
	}
	for i, e := range events {
		if e.EntityID != string(w.Law.ID) || (i > 0 && e.Sequence <= events[i-1].Sequence) || (i > 0 && e.PreviousHash == "") {
			t.Fatalf("event %d of the trail is out of order or of another entity: %+v", i, e)
		}
	}
	if events[0].Operation != "CREATE" || events[24].changes["description"].After != "Rédaction, étape 24" {
		t.Errorf("the trail runs from the creation to the last change: %s … %s", events[0].Changes, events[24].Changes)
	}
	last := trail(t, s, w.Reviewer, w.Law.ID, map[string]any{"last": 2})
	if got := last.events(); len(got) != 2 || got[1].Sequence != events[24].Sequence {
		t.Errorf("the last two events: %+v", got)
	}
	s.Fails(t, w.Reviewer, trailQuery, map[string]any{"id": w.Law.ID, "first": 101}, palabre.EINVALID)
	if p := trail(t, s, w.Reviewer, "AI01JZZZZZZZZZZZZZZZZZZZZZZZ", nil); p.AuditTrail.TotalCount != 0 {
		t.Errorf("an entity never seen has an empty trail: %+v", p)
	}
	s.Fails(t, w.Reviewer, trailQuery, map[string]any{"id": "42"}, palabre.EINVALID)
}

// TestAnAuditedUpdateCostsAFixedNumberOfStatements: the values before are
// read once per mutation, not once per field (the revision check's read of
// the row serves them all), and the trail adds four statements: the head
// locked before the write, read again after it, the event, the head moved.
func TestAnAuditedUpdateCostsAFixedNumberOfStatements(t *testing.T) {
	t.Parallel()
	var log statementLog
	s := apitest.New(t, dbtest.WithDriver(func(d dialect.Driver) dialect.Driver { return loggingDriver{d, &log} }))
	w := s.World
	update := func(in map[string]any) []string {
		it := s.Item(t, w.Critical.ID)
		log.reset()
		s.OK(t, w.Secretariat, `mutation($id: ID!, $rev: Int!, $in: UpdateActionItemInput!) { updateActionItem(id: $id, revision: $rev, input: $in) { actionItem { id } } }`,
			map[string]any{"id": it.ID, "rev": it.Revision, "in": in}, nil)
		return log.reset()
	}
	update(map[string]any{"title": "Échauffement"}) // warm up: authentication may record the token's last use
	one := update(map[string]any{"title": "Sécuriser les opérateurs d'importance vitale"})
	seven := update(map[string]any{"title": "Sécuriser les OIV", "description": "Décret et arrêtés sectoriels.", "progress": 15,
		"status": "IN_PROGRESS", "priority": "LOW", "estimatedBudget": 120000000, "budgetCurrency": "XOF"})
	if len(one) == 0 {
		t.Fatal("no statement was logged: the log sees nothing")
	}
	if len(one) != len(seven) {
		t.Errorf("an update of one field sent %d statements, of seven fields %d:\n%s\n---\n%s", len(one), len(seven), strings.Join(one, "\n"), strings.Join(seven, "\n"))
	}
	if n := count(seven, "SELECT", "action_items"); n != 2 {
		t.Errorf("the item was read %d times, want twice (the values before, and the row written)", n)
	}
	if n := count(seven, "", "audit_"); n != 4 {
		t.Errorf("the audit trail cost %d statements, want 4:\n%s", n, strings.Join(seven, "\n"))
	}
	t.Logf("an audited update of an action item: %d statements in all, %d of them for the trail", len(seven), count(seven, "", "audit_"))
	verifyChain(t, s)
}

// count returns how many statements begin with verb and have the table (or
// a table whose name begins so) as their first table.
func count(statements []string, verb, table string) int {
	n := 0
	for _, q := range statements {
		if strings.HasPrefix(q, verb) && strings.HasPrefix(firstTable(q), table) {
			n++
		}
	}
	return n
}

// firstTable is the table a statement reads or writes first.
func firstTable(q string) string {
	for _, keyword := range []string{" FROM ", "INSERT INTO ", "UPDATE ", "DELETE FROM "} {
		if _, rest, ok := strings.Cut(q, keyword); ok {
			name, _, _ := strings.Cut(rest, " ")
			return name
		}
	}
	return ""
}

// statementLog keeps the SQL statements sent, in and out of transactions.
type statementLog struct {
	mu         sync.Mutex
	statements []string
}

func (l *statementLog) add(query string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.statements = append(l.statements, strings.ReplaceAll(strings.ReplaceAll(query, "`", ""), `"`, ""))
}

// reset returns the statements logged so far and empties the log.
func (l *statementLog) reset() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := l.statements
	l.statements = nil
	return out
}

// loggingDriver logs the statements of the driver it wraps, and of the
// transactions it opens, where mutations run.
type loggingDriver struct {
	dialect.Driver
	log *statementLog
}

func (d loggingDriver) Exec(ctx context.Context, query string, args, v any) error {
	d.log.add(query)
	return d.Driver.Exec(ctx, query, args, v)
}

func (d loggingDriver) Query(ctx context.Context, query string, args, v any) error {
	d.log.add(query)
	return d.Driver.Query(ctx, query, args, v)
}

func (d loggingDriver) Tx(ctx context.Context) (dialect.Tx, error) {
	tx, err := d.Driver.Tx(ctx)
	return loggingTx{tx, d.log}, err
}

type loggingTx struct {
	dialect.Tx
	log *statementLog
}

func (tx loggingTx) Exec(ctx context.Context, query string, args, v any) error {
	tx.log.add(query)
	return tx.Tx.Exec(ctx, query, args, v)
}

func (tx loggingTx) Query(ctx context.Context, query string, args, v any) error {
	tx.log.add(query)
	return tx.Tx.Query(ctx, query, args, v)
}

func opsOf(events []trailEvent) []string {
	var ops []string
	for _, e := range events {
		ops = append(ops, e.Operation)
	}
	return ops
}

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// equalJSON compares two values decoded from JSON.
func equalJSON(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return string(x) == string(y)
}
