package graph_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/access"
	"github.com/palabre/palabre/clock"
	"github.com/palabre/palabre/ent/schema/pulid"
	"github.com/palabre/palabre/internal/apitest"
	"github.com/palabre/palabre/server"
	"github.com/palabre/palabre/versions"
)

// The server tells every request the time from one clock, which a test sets:
// a round opens and closes, and a token expires, when the clock says so, with
// no wait and no offset from the machine's clock.
func TestTheServersClockDecidesWhatTimeItIs(t *testing.T) {
	t.Parallel()
	start := time.Date(2027, 3, 1, 9, 0, 0, 0, time.UTC)
	fake := clock.NewFake(start)
	s := apitest.NewWithConfig(t, []func(*server.Config){func(c *server.Config) { c.Clock = fake }})
	w := s.World
	ctx := access.SystemContext(context.Background())
	version, err := versions.Publish(ctx, s.Client, w.Draft.ID, "Projet", "")
	if err != nil {
		t.Fatal(err)
	}
	stamp := func(d time.Duration) string { return start.Add(d).Format(time.RFC3339) }
	var planned struct {
		PlanConsultation struct{ Consultation struct{ ID pulid.ID } }
	}
	s.OK(t, w.Secretariat, planRoundMutation, map[string]any{"in": map[string]any{
		"title": "Consultation écrite", "kind": "WRITTEN", "opensAt": stamp(time.Hour), "closesAt": stamp(48 * time.Hour),
		"versionID": version.ID, "invitedAgencyIDs": []pulid.ID{w.Security.ID},
	}}, &planned)
	round := planned.PlanConsultation.Consultation.ID
	status := func() string {
		var out struct{ Node struct{ Status string } }
		s.OK(t, w.Reviewer, `query($id: ID!) { node(id: $id) { ... on Consultation { status } } }`, map[string]any{"id": round}, &out)
		return out.Node.Status
	}
	say := submission(round, "Avis")

	if got := status(); got != "PLANNED" {
		t.Fatalf("an hour before it opens, the round is %s", got)
	}
	s.Fails(t, w.SecurityAgent, submitObservationMutation, say, palabre.ECONFLICT)
	fake.Set(start.Add(time.Hour))
	if got := status(); got != "OPEN" {
		t.Fatalf("the instant it opens, the round is %s", got)
	}
	var submitted struct {
		SubmitObservation struct {
			Observation struct{ SubmittedAt, CreatedAt, UpdatedAt time.Time }
		}
	}
	s.OK(t, w.SecurityAgent, strings.Replace(submitObservationMutation, "submittedAt", "submittedAt createdAt updatedAt", 1), say, &submitted)
	for name, got := range map[string]time.Time{
		"submitted": submitted.SubmitObservation.Observation.SubmittedAt,
		"created":   submitted.SubmitObservation.Observation.CreatedAt,
		"updated":   submitted.SubmitObservation.Observation.UpdatedAt,
	} {
		if !got.Equal(start.Add(time.Hour)) {
			t.Errorf("%s at %v, want the clock's %v", name, got, start.Add(time.Hour))
		}
	}
	fake.Set(start.Add(48 * time.Hour))
	if got := status(); got != "CLOSED" {
		t.Fatalf("the instant it closes, the round is %s", got)
	}
	s.Fails(t, w.SecurityAgent, submitObservationMutation, submission(round, "Avis tardif"), palabre.ECONFLICT)

	// A token expires on the same clock.
	var issued struct{ CreateAPIToken struct{ Token string } }
	s.OK(t, w.Admin, `mutation($id: ID!, $at: Time!) { createAPIToken(input: {accountID: $id, label: "une heure", expiresAt: $at}) { token } }`,
		map[string]any{"id": s.Account(t, "reviewer@palabre.test").ID, "at": stamp(49 * time.Hour)}, &issued)
	const viewer = `{ viewer { email } }`
	s.OK(t, issued.CreateAPIToken.Token, viewer, nil, nil)
	fake.Advance(time.Hour)
	if res := s.Do(t, issued.CreateAPIToken.Token, viewer, nil); res.Code() != palabre.EUNAUTHENTICATED {
		t.Errorf("the token still authenticates once the clock passed its expiry: %+v", res.Errors)
	}
}
