package graph_test

// The benchmarks of `make bench`: what frontends do most, through the whole
// HTTP stack (internal/apitest), on SQLite unless PALABRE_TEST_DATABASE_URL
// says otherwise. Each reports its allocations.

import (
	"context"
	"fmt"
	"runtime"
	"testing"

	"github.com/palabre/palabre/access"
	"github.com/palabre/palabre/ent/objective"
	"github.com/palabre/palabre/ent/schema/pulid"
	"github.com/palabre/palabre/internal/apitest"
	"github.com/palabre/palabre/server"
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

// BenchmarkIdleSubscriptions holds 10 000 idle subscriptions (100 WebSocket
// connections of 100 subscriptions each) and reports the memory they take:
// the heap and goroutine stacks of the whole test process, the clients'
// sockets included, so an upper bound of the server's share. Issue 12's
// budget is 200 MiB for 10 000. `make bench BENCH=IdleSubscriptions`.
func BenchmarkIdleSubscriptions(b *testing.B) {
	const connections, perConnection = 100, 100
	s := apitest.NewWithConfig(b, []func(*server.Config){func(c *server.Config) {
		c.Subscriptions.PerConnection = perConnection
		c.Subscriptions.ConnectionsPerToken = connections
	}})
	for b.Loop() {
		before := inUse()
		socks := make([]*apitest.Socket, connections)
		for i := range socks {
			socks[i] = s.Connect(b, s.World.Reviewer)
			for j := range perConnection {
				socks[i].Subscribe(fmt.Sprint(j), `subscription { events { sequence kind subject { id } } }`, nil)
			}
		}
		s.WaitSubscribers(b, connections*perConnection)
		used := inUse() - before
		b.ReportMetric(float64(used)/(1<<20), "MiB/10k-subscriptions")
		b.ReportMetric(float64(used)/float64(connections*perConnection), "B/subscription")
		for _, sock := range socks {
			_ = sock.Conn.CloseNow()
		}
		s.WaitSubscribers(b, 0)
	}
}

// inUse is the memory the process's heap and goroutine stacks hold, after a
// collection.
func inUse() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapInuse + m.StackInuse
}

// roundWith60Observations is an open round holding 60 submitted observations
// of two agencies, and the ID of one of them.
func roundWith60Observations(b *testing.B, s *apitest.Server) (round, observation pulid.ID) {
	b.Helper()
	w := s.World
	round = openRoundOn(b, s)
	for i := range 60 {
		token := w.SecurityAgent
		if i%2 == 0 {
			token = w.JusticeAgent
		}
		var out struct {
			SubmitObservation struct{ Observation struct{ ID pulid.ID } }
		}
		s.OK(b, token, submitObservationMutation, submission(round, fmt.Sprintf("Avis n° %d", i)), &out)
		observation = out.SubmitObservation.Observation.ID
	}
	return round, observation
}

// BenchmarkObservationPage is the list query of the benchmark against
// PostGraphile (bench/compare): a page of 50 observations with their agency.
func BenchmarkObservationPage(b *testing.B) {
	benchObservations(b, observationPageQuery, func(round, _ pulid.ID) pulid.ID { return round })
}

// BenchmarkObservationNode is the node query of the benchmark against
// PostGraphile: one observation by its global ID, with its agency.
func BenchmarkObservationNode(b *testing.B) {
	benchObservations(b, observationNodeQuery, func(_, observation pulid.ID) pulid.ID { return observation })
}

// benchObservations runs query as a reviewer, $id being what id picks of a
// round of 60 observations.
func benchObservations(b *testing.B, query string, id func(round, observation pulid.ID) pulid.ID) {
	s := apitest.New(b)
	vars := map[string]any{"id": id(roundWith60Observations(b, s))}
	b.ReportAllocs()
	for b.Loop() {
		s.OK(b, s.World.Reviewer, query, vars, nil)
	}
}

const (
	observationPageQuery = `query Page($id: ID!) { node(id: $id) { ... on Consultation {
		observations(first: 50) { edges { cursor node { id status kind body agency { id name } } } pageInfo { hasNextPage endCursor } } } } }`
	observationNodeQuery = `query Node($id: ID!) { node(id: $id) { id ... on Observation { status kind body agency { id name } } } }`
)
