package graph_test

import (
	"strings"
	"testing"

	"entgo.io/ent/dialect"

	"github.com/palabre/palabre/database/dbtest"
	"github.com/palabre/palabre/internal/apitest"
)

// TestTheBenchQueriesSendOneStatementPerLevel: the three queries of the
// benchmark against PostGraphile (bench/compare) send one statement per
// level of the answer and nothing else: no token lookup (the token cache
// answers), no lookup of a node's type (its ID carries it), no count nobody
// asked for (pageInfo without totalCount).
func TestTheBenchQueriesSendOneStatementPerLevel(t *testing.T) {
	t.Parallel()
	log := &statementLog{}
	server := apitest.New(t, dbtest.WithDriver(func(d dialect.Driver) dialect.Driver { return loggingDriver{d, log} }))
	c := &consulting{Server: server, t: t}
	w := c.World
	c.version = c.publish(w.Draft.ID, "Projet soumis à consultation")
	round := c.openRound(w.Security, w.Justice)
	observation := c.submit(w.SecurityAgent, submission(round, "Une observation"))
	c.submit(w.JusticeAgent, submission(round, "Une autre"))

	cases := []struct {
		name, query string
		vars        map[string]any
		want        int64 // one per level: the node, then each edge below
	}{
		{"nested", `query Nested($id: ID!) { node(id: $id) { ... on Strategy { id title
			objectives(first: 20) { edges { node { id code title
			actionItems(first: 20) { edges { node { id code title status leadAgency { id name } } } } } } } } } }`,
			map[string]any{"id": w.Draft.ID}, 4},
		{"list", `query Page($id: ID!, $after: Cursor) { node(id: $id) { ... on Consultation {
			observations(first: 50, after: $after) { edges { cursor node { id status kind body agency { id name } } } pageInfo { hasNextPage endCursor } } } } }`,
			map[string]any{"id": round}, 3},
		{"node", `query Node($id: ID!) { node(id: $id) { id ... on Observation { status kind body agency { id name } } } }`,
			map[string]any{"id": observation}, 2},
	}
	for _, tc := range cases {
		c.OK(t, w.Reviewer, tc.query, tc.vars, nil) // authentication may record the token's last use
		log.reset()
		c.OK(t, w.Reviewer, tc.query, tc.vars, nil)
		if sent := log.reset(); int64(len(sent)) != tc.want {
			t.Errorf("%s: %d statements, want %d:\n%s", tc.name, len(sent), tc.want, strings.Join(sent, "\n"))
		}
	}
}
