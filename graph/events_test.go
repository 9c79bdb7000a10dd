package graph_test

import (
	"encoding/json"
	"testing"

	"github.com/palabre/palabre/ent/schema/pulid"
	"github.com/palabre/palabre/internal/apitest"
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
		if e := nextEvent(t, sock, "1"); e.Kind != "OBSERVATION_SUBMITTED" || e.Subject.ID != submitted || e.Subject.Status != "SUBMITTED" {
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
