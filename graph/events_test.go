package graph_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/palabre/palabre/ent/schema/pulid"
	"github.com/palabre/palabre/ent/strategy"
	"github.com/palabre/palabre/internal/apitest"
	"github.com/palabre/palabre/server"
)

// Subscriptions of issue 12 through a real WebSocket: what each subscriber is
// told, with its own permissions, once the change is committed.

const eventsSubscription = `subscription($kinds: [EventKind!], $within: ID) { events(kinds: $kinds, within: $within) {
	sequence kind at subject { id ... on Observation { status body agency { acronym } } ... on Consultation { roundStatus: status } } } }`

// event is an event as a test reads it.
type event struct {
	Sequence int64
	Kind     string
	Subject  struct {
		ID     pulid.ID
		Status string
		Body   string
	}
}

// nextEvent reads the next event of subscription id.
func nextEvent(t *testing.T, sock *apitest.Socket, id string) event {
	t.Helper()
	res := sock.Result(id)
	if len(res.Errors) > 0 {
		t.Fatalf("the event came with errors: %+v", res.Errors)
	}
	var out struct{ Events event }
	if err := json.Unmarshal(res.Data, &out); err != nil {
		t.Fatal(err)
	}
	return out.Events
}

// watch connects with a token, subscribes to every event, and waits until
// the hub holds the subscription.
func watch(t *testing.T, s *apitest.Server, token string, vars map[string]any) *apitest.Socket {
	t.Helper()
	n := s.Hub.Subscribers()
	sock := s.Connect(t, token)
	sock.Subscribe("1", eventsSubscription, vars)
	s.WaitSubscribers(t, n+1)
	return sock
}

func TestSubscribersAreToldOfObservationsTheyMayRead(t *testing.T) {
	c := newConsulting(t)
	round := c.openRound(c.World.Security, c.World.Justice)

	secretariat := watch(t, c.Server, c.World.Secretariat, nil)
	security := watch(t, c.Server, c.World.SecurityAgent, nil)
	justice := watch(t, c.Server, c.World.JusticeAgent, nil)

	draft := c.submit(c.World.SecurityAgent, submission(round, "Brouillon", "draft", true))
	c.OK(t, c.World.SecurityAgent, editObservationMutation, map[string]any{"id": draft, "rev": c.observation(draft).Revision,
		"in": map[string]any{"body": "Brouillon révisé"}}, nil)
	submitted := c.submit(c.World.SecurityAgent, submission(round, "Préciser le rôle du CERT national"))
	c.answer(submitted, "ACCEPTED", "Pris en compte")

	// The draft's edit is for its agency only.
	if e := nextEvent(t, security, "1"); e.Kind != "OBSERVATION_EDITED" || e.Subject.ID != draft || e.Subject.Body != "Brouillon révisé" {
		t.Fatalf("the agency's first event: %+v", e)
	}
	for name, sock := range map[string]*apitest.Socket{"secretariat": secretariat, "security": security} {
		// The subject is read when the event is delivered: it may be answered by then.
		if e := nextEvent(t, sock, "1"); e.Kind != "OBSERVATION_SUBMITTED" || e.Subject.ID != submitted {
			t.Fatalf("%s: want the submission, got %+v", name, e)
		}
		if e := nextEvent(t, sock, "1"); e.Kind != "OBSERVATION_ANSWERED" || e.Subject.ID != submitted || e.Subject.Status != "ACCEPTED" {
			t.Fatalf("%s: want the answer, got %+v", name, e)
		}
	}
	// Another agency sees none of them: its first event is the next one it
	// may read, the round's extension.
	c.OK(t, c.World.Secretariat, `mutation($id: ID!, $rev: Int!, $at: Time!) { extendConsultation(id: $id, revision: $rev, closesAt: $at) { consultation { id } } }`,
		map[string]any{"id": round, "rev": c.round(round).Revision, "at": at(48 * 60)}, nil)
	if e := nextEvent(t, justice, "1"); e.Kind != "ROUND_EXTENDED" || e.Subject.ID != round {
		t.Fatalf("the other agency's first event: %+v", e)
	}
}

func TestThePublicIsToldOfAdoptedStrategiesOnly(t *testing.T) {
	p := newProgressWorld(t)
	public := watch(t, p.Server, "", nil)
	withinAdopted := watch(t, p.Server, p.World.Reviewer, map[string]any{"within": p.World.Adopted.ID, "kinds": []string{"PROGRESS_REPORTED"}})

	// A version of the draft strategy is not the public's, nor within the
	// adopted strategy.
	p.OK(t, p.World.Secretariat, `mutation($in: PublishVersionInput!) { publishVersion(input: $in) { version { id } } }`,
		map[string]any{"in": map[string]any{"strategyID": p.World.Draft.ID, "label": "Projet v1"}}, nil)
	shown := p.file(t, p.World.SecurityAgent, report(p.item.ID, "2026-11-20T00:00:00Z", 45, "IN_PROGRESS"))
	for name, sock := range map[string]*apitest.Socket{"public": public, "reviewer within the adopted strategy": withinAdopted} {
		if e := nextEvent(t, sock, "1"); e.Kind != "PROGRESS_REPORTED" || e.Subject.ID != shown.FileProgressReport.ProgressReport.ID {
			t.Fatalf("%s: the first event is %+v, want the adopted strategy's report", name, e)
		}
	}
}

func TestARolledBackMutationAnnouncesNothing(t *testing.T) {
	c := newConsulting(t)
	round := c.openRound(c.World.Security)
	secretariat := watch(t, c.Server, c.World.Secretariat, nil)

	// One operation, one transaction: the second field fails, the first's
	// submission is taken back.
	res := c.Do(t, c.World.SecurityAgent, `mutation($in: SubmitObservationInput!, $missing: ID!) {
		submitObservation(input: $in) { observation { id } }
		withdrawObservation(id: $missing, revision: 1) { observation { id } } }`,
		map[string]any{"in": submission(round, "Retirée avec la transaction")["in"], "missing": "OS01M8P8EYQH11YQKMAWRE0PH93K"})
	if len(res.Errors) == 0 {
		t.Fatal("the operation did not fail")
	}
	if n := len(c.observationsListed(t, c.World.Secretariat, round)); n != 0 {
		t.Fatalf("%d observations stored by a failed operation", n)
	}
	c.OK(t, c.World.Secretariat, `mutation($id: ID!, $rev: Int!, $at: Time!) { extendConsultation(id: $id, revision: $rev, closesAt: $at) { consultation { id } } }`,
		map[string]any{"id": round, "rev": c.round(round).Revision, "at": at(48 * 60)}, nil)
	if e := nextEvent(t, secretariat, "1"); e.Kind != "ROUND_EXTENDED" {
		t.Fatalf("the first event after a rollback is %+v, want the extension", e)
	}
}

func TestRoundActionsAreAnnounced(t *testing.T) {
	c := newConsulting(t)
	planned := c.plan(c.version, 60, 24*60, c.World.Security)
	security := watch(t, c.Server, c.World.SecurityAgent, map[string]any{"within": planned})
	c.act("openConsultation", planned)
	c.OK(t, c.World.Secretariat, `mutation($id: ID!, $rev: Int!, $at: Time!) { extendConsultation(id: $id, revision: $rev, closesAt: $at) { consultation { id } } }`,
		map[string]any{"id": planned, "rev": c.round(planned).Revision, "at": at(48 * 60)}, nil)
	c.act("closeConsultation", planned)
	for _, want := range []string{"ROUND_OPENED", "ROUND_EXTENDED", "ROUND_CLOSED"} {
		if e := nextEvent(t, security, "1"); e.Kind != want || e.Subject.ID != planned {
			t.Fatalf("want %s, got %+v", want, e)
		}
	}
}

func TestSocketsRefuseBadTokensAndForeignOrigins(t *testing.T) {
	s := apitest.NewWithConfig(t, []func(*server.Config){func(c *server.Config) { c.CORSOrigins = []string{"https://console.palabre.test"} }})
	for name, token := range map[string]string{"unknown": "pal_nope", "empty scheme": ""} {
		sock, _, err := apitest.Dial(t, s.WebSocketURL(), nil)
		if err != nil {
			t.Fatal(err)
		}
		payload := map[string]any{"Authorization": "Bearer " + token}
		if token == "" {
			payload["Authorization"] = "Basic abc"
		}
		raw, _ := json.Marshal(payload)
		sock.Send(apitest.Message{Type: "connection_init", Payload: raw})
		if code, _ := sock.Closed(); code != 4403 {
			t.Errorf("%s token: closed with %d, want 4403", name, code)
		}
	}
	if _, res, err := apitest.Dial(t, s.WebSocketURL(), http.Header{"Origin": {"https://evil.example"}}); err == nil || res == nil || res.StatusCode != http.StatusForbidden {
		t.Errorf("a foreign origin was not refused: %v", err)
	}
	if _, _, err := apitest.Dial(t, s.WebSocketURL(), http.Header{"Origin": {"https://console.palabre.test"}}); err != nil {
		t.Errorf("a CORS origin was refused: %v", err)
	}
}

func TestSubscriptionsAreBounded(t *testing.T) {
	s := apitest.NewWithConfig(t, []func(*server.Config){func(c *server.Config) {
		c.Subscriptions.PerConnection = 2
		c.Subscriptions.ConnectionsPerToken = 1
		c.Limits.MaxDepth = 3
	}})
	sock := s.Connect(t, s.World.Reviewer)
	sock.Subscribe("1", `subscription { events { sequence } }`, nil)
	sock.Subscribe("2", `subscription { events { sequence } }`, nil)
	s.WaitSubscribers(t, 2)
	sock.Subscribe("3", `subscription { events { sequence } }`, nil)
	if m := sock.Next(); m.Type != "next" || m.ID != "3" || !strings.Contains(string(m.Payload), "FORBIDDEN") {
		t.Fatalf("a third subscription on the connection: %+v %s", m, m.Payload)
	}
	// The depth limit holds for subscriptions too.
	sock.Subscribe("4", `subscription { events { subject { ... on Observation { consultation { strategy { title } } } } } }`, nil)
	if m := sock.Next(); m.ID != "3" || m.Type != "complete" {
		t.Fatalf("the third subscription was not completed: %+v", m)
	}
	if m := sock.Next(); m.ID != "4" || !strings.Contains(string(m.Payload), "deep") {
		t.Fatalf("a deep subscription: %+v %s", m, m.Payload)
	}
	// A second connection of the token is one too many.
	second := s.ConnectRaw(t, s.World.Reviewer)
	if code, _ := second.Closed(); code != 1008 {
		t.Fatalf("a second connection of the token closed with %d, want 1008", code)
	}
}

func TestDecisionsVersionsAndLifecycleMovesAreAnnounced(t *testing.T) {
	f := newLifecycleFixture(t)
	w := f.World
	reviewer := watch(t, f.Server, w.Reviewer, map[string]any{"within": w.Draft.ID})

	decision := f.putToConsensus(w.Draft.ID, "Présidence", "Primature")
	f.settle(decision, nil)
	f.OK(t, w.Secretariat, `mutation($in: PublishVersionInput!) { publishVersion(input: $in) { version { id } } }`,
		map[string]any{"in": map[string]any{"strategyID": w.Draft.ID, "label": "Projet v1"}}, nil)
	f.plannedRound(w.Draft.ID)
	f.moveOK(w.Draft.ID, strategy.StatusConsultation, nil)

	if e := nextEvent(t, reviewer, "1"); e.Kind != "DECISION_SETTLED" || e.Subject.ID != decision {
		t.Fatalf("want the settlement, got %+v", e)
	}
	if e := nextEvent(t, reviewer, "1"); e.Kind != "VERSION_PUBLISHED" {
		t.Fatalf("want the version, got %+v", e)
	}
	// The round the move needs is planned on a version of its own.
	e := nextEvent(t, reviewer, "1")
	for e.Kind == "VERSION_PUBLISHED" {
		e = nextEvent(t, reviewer, "1")
	}
	if e.Kind != "STRATEGY_MOVED" || e.Subject.ID != w.Draft.ID {
		t.Fatalf("want the move, got %+v", e)
	}
}

func TestASocketThatAnswersNoPingIsClosed(t *testing.T) {
	s := apitest.NewWithConfig(t, []func(*server.Config){func(c *server.Config) { c.Subscriptions.KeepAlive = 20 * time.Millisecond }})
	sock := s.ConnectRaw(t, s.World.Reviewer)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	pinged := false
	for {
		_, data, err := sock.Conn.Read(ctx) // never answering the pings
		if err != nil {
			if ctx.Err() != nil {
				t.Fatal("the socket was kept open")
			}
			break
		}
		pinged = pinged || strings.Contains(string(data), `"ping"`)
	}
	if !pinged {
		t.Fatal("the server closed the socket without pinging it")
	}
}
