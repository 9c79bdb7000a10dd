package main

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/schema/pulid"
)

// query is one of the benchmark's queries, as a document for each server
// with its variables, and how to read the rows of an answer so that the two
// answers can be compared.
type query struct {
	name         string
	description  string
	palabre      request
	postgraphile request
	// rows lists the rows of an answer of the given server, each as one
	// string of the values both return.
	rows func(server string, data json.RawMessage) ([]string, error)
}

// request is a GraphQL request as sent.
type request struct {
	Query     string         `json:"query"`
	Variables map[string]any `json:"variables,omitempty"`
}

// fixtures are the records the queries are about, read from the database.
type fixtures struct {
	strategy       string // a strategy: the nested plan query
	typicalRound   string // a closed round of median size: the list page
	typicalCount   int
	largestRound   string // the largest round: the deep page and totalCount
	largestCount   int
	deepAfter      string // the observation after which the deep page starts
	depth          int    // its rank in the largest round, by ID
	observation    string // an observation of the typical round: node(id)
	search         string // a word to search action items for
	palabreAfter   string // deepAfter as a cursor of each server
	postgraphAfter string
}

// queries returns the six queries of the benchmark, on the fixtures.
func queries(f *fixtures) []*query {
	return []*query{
		{
			name:        "nested",
			description: "strategy → 20 objectives → 20 items each → lead agency",
			palabre: request{Query: `query Nested($id: ID!) { node(id: $id) { ... on Strategy { id title
  objectives(first: 20) { edges { node { id code title
    actionItems(first: 20) { edges { node { id code title status leadAgency { id name } } } } } } } } } }`,
				Variables: map[string]any{"id": f.strategy}},
			postgraphile: request{Query: `query Nested($id: String!) { strategyByRowId(rowId: $id) { rowId title
  objectivesByStrategyObjectives(first: 20, orderBy: PRIMARY_KEY_ASC) { edges { node { rowId code title
    actionItemsByObjectiveActionItems(first: 20, orderBy: PRIMARY_KEY_ASC) { edges { node { rowId code title status agencyByActionItemLeadAgency { rowId name } } } } } } } } }`,
				Variables: map[string]any{"id": f.strategy}},
			rows: nestedRows,
		},
		{
			name:         "list",
			description:  fmt.Sprintf("first 50 observations of a typical round (%d), with agency", f.typicalCount),
			palabre:      request{Query: palabrePage, Variables: map[string]any{"id": f.typicalRound}},
			postgraphile: request{Query: postgraphilePage, Variables: map[string]any{"id": f.typicalRound}},
			rows:         pageRows,
		},
		{
			name:         "deep",
			description:  fmt.Sprintf("50 observations after the %d-th of the largest round (cursor)", f.depth),
			palabre:      request{Query: palabrePage, Variables: map[string]any{"id": f.largestRound, "after": f.palabreAfter}},
			postgraphile: request{Query: postgraphilePage, Variables: map[string]any{"id": f.largestRound, "after": f.postgraphAfter}},
			rows:         pageRows,
		},
		{
			name:        "count",
			description: fmt.Sprintf("totalCount of the largest round (%d observations)", f.largestCount),
			palabre: request{Query: `query Count($id: ID!) { node(id: $id) { ... on Consultation { observations { totalCount } } } }`,
				Variables: map[string]any{"id": f.largestRound}},
			postgraphile: request{Query: `query Count($id: String!) { consultationByRowId(rowId: $id) { observationsByConsultationObservations { totalCount } } }`,
				Variables: map[string]any{"id": f.largestRound}},
			rows: countRows,
		},
		{
			name:        "node",
			description: "node(id) of an observation, with its agency",
			palabre: request{Query: `query Node($id: ID!) { node(id: $id) { id ... on Observation { status kind body agency { id name } } } }`,
				Variables: map[string]any{"id": f.observation}},
			postgraphile: request{Query: `query Node($id: ID!) { node(id: $id) { id ... on Observation { rowId status kind body agencyByObservationAgency { rowId name } } } }`,
				Variables: map[string]any{"id": postgraphileNodeID("Observation", f.observation)}},
			rows: nodeRows,
		},
		{
			name:        "search",
			description: fmt.Sprintf("first 20 action items whose text holds « %s »", f.search),
			palabre: request{Query: `query Search($q: String!) { actionItems(first: 20, search: $q) { edges { node { id code title } } } }`,
				Variables: map[string]any{"q": f.search}},
			postgraphile: request{Query: `query Search($q: String!) { palabreBenchSearchActionItems(pattern: $q, first: 20) { edges { node { rowId code title } } } }`,
				Variables: map[string]any{"q": f.search}},
			rows: searchRows,
		},
	}
}

// The list and the deep page: 50 observations of a round with their agency,
// their cursors and the page's.
const (
	palabrePage = `query Page($id: ID!, $after: Cursor) { node(id: $id) { ... on Consultation {
  observations(first: 50, after: $after) { edges { cursor node { id status kind body agency { id name } } } pageInfo { hasNextPage endCursor } } } } }`
	postgraphilePage = `query Page($id: String!, $after: Cursor) { consultationByRowId(rowId: $id) {
  observationsByConsultationObservations(first: 50, after: $after, orderBy: PRIMARY_KEY_ASC) { edges { cursor node { rowId status kind body agencyByObservationAgency { rowId name } } } pageInfo { hasNextPage endCursor } } } }`
)

// postgraphileNodeID is PostGraphile's global ID of a row: the base64 of
// its type and primary key as JSON.
func postgraphileNodeID(typ, id string) string {
	b, _ := json.Marshal([]string{typ, id})
	return base64.StdEncoding.EncodeToString(b)
}

// palabreCursor returns a cursor of Palabre's shaped like sample (a cursor
// of the same connection and order), pointing after the row id.
func palabreCursor(sample, id string) (string, error) {
	var c ent.Cursor
	if err := c.UnmarshalGQL(sample); err != nil {
		return "", err
	}
	if s, ok := c.Value.(string); ok && s == string(c.ID) {
		c.Value = id
	}
	c.ID = pulid.ID(id)
	var b bytes.Buffer
	c.MarshalGQL(&b)
	return strings.Trim(b.String(), `"`), nil
}

// postgraphileCursor does the same for PostGraphile, whose cursors are the
// base64 of a JSON array: the ordering's digest, then the primary key.
func postgraphileCursor(sample, id string) (string, error) {
	raw, err := base64.StdEncoding.DecodeString(sample)
	if err != nil {
		return "", err
	}
	var parts []any
	if err := json.Unmarshal(raw, &parts); err != nil || len(parts) < 2 {
		return "", fmt.Errorf("unexpected PostGraphile cursor %s", raw)
	}
	parts[len(parts)-1] = id
	b, _ := json.Marshal(parts)
	return base64.StdEncoding.EncodeToString(b), nil
}

// The rows of each answer. Both servers' answers are decoded into one
// shape: Palabre's fields, with PostGraphile's names mapped onto them.

type agencyRef struct {
	ID    string `json:"id"`
	RowID string `json:"rowId"`
	Name  string `json:"name"`
}

func (a *agencyRef) key() string {
	if a == nil {
		return "-"
	}
	return a.Name
}

type row struct {
	ID       string     `json:"id"`
	RowID    string     `json:"rowId"`
	Code     string     `json:"code"`
	Title    string     `json:"title"`
	Status   string     `json:"status"`
	Kind     string     `json:"kind"`
	Body     string     `json:"body"`
	Lead     *agencyRef `json:"leadAgency"`
	PGLead   *agencyRef `json:"agencyByActionItemLeadAgency"`
	Agency   *agencyRef `json:"agency"`
	PGAgency *agencyRef `json:"agencyByObservationAgency"`
}

// key is the row's values: its database ID (Palabre's id is its row ID;
// PostGraphile's id is its own global ID, the row ID is rowId).
func (r row) key(server string) string {
	id, lead, agency := r.ID, r.Lead, r.Agency
	if server == "postgraphile" {
		id, lead, agency = r.RowID, r.PGLead, r.PGAgency
	}
	return strings.Join([]string{id, r.Code, r.Title, r.Status, r.Kind, r.Body, lead.key(), agency.key()}, "|")
}

type edges[T any] struct {
	Edges []struct {
		Cursor string `json:"cursor"`
		Node   T      `json:"node"`
	} `json:"edges"`
	PageInfo struct {
		HasNextPage bool `json:"hasNextPage"`
	} `json:"pageInfo"`
	TotalCount *int `json:"totalCount"`
}

type objective struct {
	row
	Items   *edges[row] `json:"actionItems"`
	PGItems *edges[row] `json:"actionItemsByObjectiveActionItems"`
}

type strategyAnswer struct {
	Objectives   *edges[objective] `json:"objectives"`
	PGObjectives *edges[objective] `json:"objectivesByStrategyObjectives"`
}

type roundAnswer struct {
	Observations   *edges[row] `json:"observations"`
	PGObservations *edges[row] `json:"observationsByConsultationObservations"`
}

// root decodes the one root field of an answer.
func root(data json.RawMessage, v any) error {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(data, &fields); err != nil {
		return err
	}
	for _, raw := range fields {
		if string(raw) == "null" {
			return fmt.Errorf("the answer is null")
		}
		return json.Unmarshal(raw, v)
	}
	return fmt.Errorf("empty answer")
}

func nestedRows(server string, data json.RawMessage) ([]string, error) {
	var s strategyAnswer
	if err := root(data, &s); err != nil {
		return nil, err
	}
	objectives := s.Objectives
	if server == "postgraphile" {
		objectives = s.PGObjectives
	}
	if objectives == nil {
		return nil, fmt.Errorf("no objectives")
	}
	var rows []string
	for _, o := range objectives.Edges {
		items := o.Node.Items
		if server == "postgraphile" {
			items = o.Node.PGItems
		}
		if items == nil {
			return nil, fmt.Errorf("no items")
		}
		rows = append(rows, o.Node.key(server))
		for _, it := range items.Edges {
			rows = append(rows, "  "+it.Node.key(server))
		}
	}
	return rows, nil
}

func roundOf(server string, data json.RawMessage) (*edges[row], error) {
	var r roundAnswer
	if err := root(data, &r); err != nil {
		return nil, err
	}
	obs := r.Observations
	if server == "postgraphile" {
		obs = r.PGObservations
	}
	if obs == nil {
		return nil, fmt.Errorf("no observations")
	}
	return obs, nil
}

func pageRows(server string, data json.RawMessage) ([]string, error) {
	obs, err := roundOf(server, data)
	if err != nil {
		return nil, err
	}
	var rows []string
	for _, e := range obs.Edges {
		rows = append(rows, e.Node.key(server))
	}
	return append(rows, fmt.Sprintf("hasNextPage=%v", obs.PageInfo.HasNextPage)), nil
}

func countRows(server string, data json.RawMessage) ([]string, error) {
	obs, err := roundOf(server, data)
	if err != nil {
		return nil, err
	}
	if obs.TotalCount == nil {
		return nil, fmt.Errorf("no totalCount")
	}
	return []string{fmt.Sprint(*obs.TotalCount)}, nil
}

func nodeRows(server string, data json.RawMessage) ([]string, error) {
	var r row
	if err := root(data, &r); err != nil {
		return nil, err
	}
	return []string{r.key(server)}, nil
}

func searchRows(server string, data json.RawMessage) ([]string, error) {
	var e edges[row]
	if err := root(data, &e); err != nil {
		return nil, err
	}
	var rows []string
	for _, x := range e.Edges {
		rows = append(rows, x.Node.key(server))
	}
	return rows, nil
}
