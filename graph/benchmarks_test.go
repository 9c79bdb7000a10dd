package graph_test

// The benchmarks of `make bench`: what frontends do most, through the whole
// HTTP stack (internal/apitest), on SQLite unless PALABRE_TEST_DATABASE_URL
// says otherwise. Each reports its allocations.

import (
	"context"
	"fmt"
	"testing"

	"github.com/palabre/palabre/access"
	"github.com/palabre/palabre/ent/objective"
	"github.com/palabre/palabre/ent/schema/pulid"
	"github.com/palabre/palabre/internal/apitest"
	"github.com/palabre/palabre/versions"
)

// nestedPlanQuery is a reviewer's screen of a whole plan: strategies,
// objectives, action items and their agencies.
const nestedPlanQuery = `query($n: Int!) { strategies(first: $n) { totalCount edges { node { title
	objectives(first: $n) { totalCount edges { node { code
		actionItems(first: $n) { totalCount edges { node { code
			leadAgency { acronym } supportingAgencies { acronym } } } } } } } } } } }`

// widePlan is the test world with the draft strategy widened to 6 objectives
// of about 5 items each.
func widePlan(b *testing.B) *apitest.Server {
	b.Helper()
	s := apitest.New(b)
	w := s.World
	for o := 3; o <= 6; o++ {
		obj := s.NewObjective(b, w.Draft, fmt.Sprintf("OS%d", o), objective.PillarCapacityDevelopment)
		for i := 1; i <= 5; i++ {
			s.NewItemUnder(b, obj, fmt.Sprintf("A%d.%d", o, i), w.Regulator, w.Justice, w.Security)
		}
	}
	return s
}

// openRoundOn publishes the draft strategy and opens a round on it, with the
// security agency and the justice ministry invited.
func openRoundOn(b *testing.B, s *apitest.Server) pulid.ID {
	b.Helper()
	w := s.World
	v, err := versions.Publish(access.SystemContext(context.Background()), s.Client, w.Draft.ID, "Projet soumis à consultation", "")
	if err != nil {
		b.Fatal(err)
	}
	var out struct {
		PlanConsultation struct{ Consultation struct{ ID pulid.ID } }
	}
	s.OK(b, w.Secretariat, planRoundMutation, map[string]any{"in": map[string]any{
		"title": "Consultation écrite des ministères", "kind": "WRITTEN", "place": "Dakar",
		"opensAt": at(-1), "closesAt": at(24 * 60), "versionID": v.ID, "invitedAgencyIDs": []pulid.ID{w.Security.ID, w.Justice.ID},
	}}, &out)
	return out.PlanConsultation.Consultation.ID
}

func BenchmarkNestedPlanQuery(b *testing.B) {
	s := widePlan(b)
	b.ReportAllocs()
	for b.Loop() {
		s.OK(b, s.World.Reviewer, nestedPlanQuery, map[string]any{"n": 20}, nil)
	}
}

func BenchmarkResponseMatrix(b *testing.B) {
	s := apitest.New(b)
	w := s.World
	round := openRoundOn(b, s)
	for i := range 40 {
		token, target := w.SecurityAgent, w.Incidents.ID
		if i%2 == 0 {
			token, target = w.JusticeAgent, w.Law.ID
		}
		s.OK(b, token, submitObservationMutation, submission(round, fmt.Sprintf("Avis n° %d", i), "targetKind", "ACTION_ITEM", "targetID", target), nil)
	}
	b.ReportAllocs()
	for b.Loop() {
		s.OK(b, w.Reviewer, responseMatrixQuery, map[string]any{"id": round}, nil)
	}
}

func BenchmarkAuditedUpdate(b *testing.B) {
	s := apitest.New(b)
	w := s.World
	const update = `mutation($id: ID!, $rev: Int!, $in: UpdateActionItemInput!) {
		updateActionItem(id: $id, revision: $rev, input: $in) { actionItem { id revision } } }`
	revision := s.Item(b, w.Incidents.ID).Revision
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		var out struct {
			UpdateActionItem struct{ ActionItem struct{ Revision int } }
		}
		s.OK(b, w.Secretariat, update, map[string]any{"id": w.Incidents.ID, "rev": revision,
			"in": map[string]any{"progress": i % 100, "title": fmt.Sprintf("Réponse aux incidents (%d)", i)}}, &out)
		revision = out.UpdateActionItem.ActionItem.Revision
	}
}

func BenchmarkObservationSubmission(b *testing.B) {
	s := apitest.New(b)
	w := s.World
	round := openRoundOn(b, s)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		s.OK(b, w.SecurityAgent, submitObservationMutation, submission(round, fmt.Sprintf("Observation n° %d", i),
			"targetKind", "ACTION_ITEM", "targetID", w.Incidents.ID, "idempotencyKey", fmt.Sprintf("bench-%d", i)), nil)
	}
}
