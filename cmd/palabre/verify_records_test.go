package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/palabre/palabre/database"
	"github.com/palabre/palabre/internal/apitest"
	"github.com/palabre/palabre/server"
)

// changed is a database on which the API made changes of every kind the
// audit trail must follow, and the IDs of what they changed.
type changed struct {
	db                                      string
	s                                       *apitest.Server
	item, observation, strategy, round      string
	ministry, justice, regulator, token, ix string
	decision                                string
}

// changedThroughTheAPI migrates a database with the command line, loads the
// test world and, through the API as a frontend would: edits an item's title,
// its supporting agencies and its progress; gives an agency a child agency
// (an edge stored on the child's side); renames a strategy; creates an
// indicator with a measurement and deletes it (which deletes the
// measurement); deletes an item another depends on (which unlinks it);
// issues and revokes a token; runs a round in which an observation is
// submitted, edited and answered.
func changedThroughTheAPI(t *testing.T) *changed {
	t.Helper()
	ctx := context.Background()
	db := databaseURL(t)
	mustRun(t, "migrate", "--database", db)
	client, err := database.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { client.Close() })
	world := apitest.Build(t, client)
	h, err := server.New(server.DefaultConfig(), client, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)
	s := &apitest.Server{URL: ts.URL + "/graphql", Client: client, World: world}
	w, sec := s.World, s.World.Secretariat
	c := &changed{db: db, s: s, item: string(w.Critical.ID), strategy: string(w.Draft.ID),
		ministry: string(w.Ministry.ID), justice: string(w.Justice.ID), regulator: string(w.Regulator.ID)}

	revision := func(id string) int {
		var r struct{ Node struct{ Revision int } }
		s.OK(t, w.Admin, `query($id: ID!) { node(id: $id) { ... on ActionItem { revision } ... on Agency { revision } ... on Strategy { revision }
			... on Consultation { revision } ... on Observation { revision } } }`, map[string]any{"id": id}, &r)
		return r.Node.Revision
	}
	s.OK(t, sec, `mutation($id: ID!, $rev: Int!, $in: UpdateActionItemInput!) { updateActionItem(id: $id, revision: $rev, input: $in) { actionItem { id } } }`,
		map[string]any{"id": c.item, "rev": revision(c.item), "in": map[string]any{"title": "Sécuriser les opérateurs d'importance vitale",
			"addSupportingAgencyIDs": []string{c.justice}, "removeSupportingAgencyIDs": []string{c.regulator}}}, nil)
	// The lead agency reports progress on its item of the adopted strategy.
	s.OK(t, w.SecurityAgent, `mutation($id: ID!, $rev: Int!) { updateActionItem(id: $id, revision: $rev, input: {progress: 35, status: IN_PROGRESS}) { actionItem { id } } }`,
		map[string]any{"id": string(w.Budapest.ID), "rev": revision(string(w.Budapest.ID))}, nil)
	s.OK(t, w.Admin, `mutation($id: ID!, $rev: Int!, $child: ID!) { updateAgency(id: $id, revision: $rev, input: {addChildIDs: [$child]}) { agency { id } } }`,
		map[string]any{"id": c.ministry, "rev": revision(c.ministry), "child": c.justice}, nil)
	s.OK(t, sec, `mutation($id: ID!, $rev: Int!) { updateStrategy(id: $id, revision: $rev, input: {title: "Stratégie nationale de cybersécurité 2027-2032"}) { strategy { id } } }`,
		map[string]any{"id": c.strategy, "rev": revision(c.strategy)}, nil)

	var indicator struct {
		CreateIndicator struct{ Indicator struct{ ID string } }
	}
	s.OK(t, sec, `mutation($item: ID!) { createIndicator(input: {name: "Textes adoptés", unit: "textes", actionItemID: $item}) { indicator { id } } }`,
		map[string]any{"item": string(w.Law.ID)}, &indicator)
	c.ix = indicator.CreateIndicator.Indicator.ID
	s.OK(t, sec, `mutation($ix: ID!) { createMeasurement(input: {indicatorID: $ix, value: 2, measuredAt: "2026-06-30T00:00:00Z"}) { measurement { id } } }`,
		map[string]any{"ix": c.ix}, nil)
	s.OK(t, sec, `mutation($id: ID!) { deleteIndicator(id: $id) { deletedID } }`, map[string]any{"id": c.ix}, nil)
	s.OK(t, sec, `mutation($id: ID!) { deleteActionItem(id: $id) { deletedID } }`, map[string]any{"id": string(w.Incidents.ID)}, nil)

	var decision struct {
		CreateDecision struct{ Decision struct{ ID string } }
	}
	s.OK(t, sec, `mutation($in: CreateDecisionInput!) { createDecision(input: $in) { decision { id } } }`,
		map[string]any{"in": map[string]any{"strategyID": c.strategy, "question": "Quel ministère assure la tutelle de l'agence ?",
			"options": []any{"Économie numérique", "Intérieur"}}}, &decision)
	c.decision = decision.CreateDecision.Decision.ID
	s.OK(t, sec, `mutation($in: RecordPositionInput!) { recordPosition(input: $in) { position { option } } }`,
		map[string]any{"in": map[string]any{"decisionID": c.decision, "agencyID": c.justice, "option": "Intérieur"}}, nil)

	var token struct {
		CreateAPIToken struct{ APIToken struct{ ID string } }
	}
	s.OK(t, w.Admin, `mutation($id: ID!) { createAPIToken(input: {accountID: $id, label: "tableau de bord"}) { apiToken { id } } }`,
		map[string]any{"id": s.Account(t, "reviewer@palabre.test").ID}, &token)
	c.token = token.CreateAPIToken.APIToken.ID
	s.OK(t, w.Admin, `mutation($id: ID!) { revokeAPIToken(id: $id) { apiToken { id } } }`, map[string]any{"id": c.token}, nil)

	var version struct {
		PublishVersion struct{ Version struct{ ID string } }
	}
	s.OK(t, sec, `mutation($id: ID!) { publishVersion(input: {strategyID: $id, label: "Projet"}) { version { id } } }`,
		map[string]any{"id": c.strategy}, &version)
	var round struct {
		PlanConsultation struct{ Consultation struct{ ID string } }
	}
	s.OK(t, sec, `mutation($in: CreateConsultationInput!) { planConsultation(input: $in) { consultation { id } } }`,
		map[string]any{"in": map[string]any{"title": "Consultation écrite", "kind": "WRITTEN", "versionID": version.PublishVersion.Version.ID,
			"invitedAgencyIDs": []string{c.justice, string(w.Security.ID)},
			"opensAt":          time.Now().Add(time.Hour).UTC().Format(time.RFC3339), "closesAt": time.Now().Add(72 * time.Hour).UTC().Format(time.RFC3339)}}, &round)
	c.round = round.PlanConsultation.Consultation.ID
	s.OK(t, sec, `mutation($id: ID!, $rev: Int!) { openConsultation(id: $id, revision: $rev) { consultation { id } } }`,
		map[string]any{"id": c.round, "rev": revision(c.round)}, nil)
	var observation struct {
		SubmitObservation struct{ Observation struct{ ID string } }
	}
	s.OK(t, w.JusticeAgent, `mutation($in: SubmitObservationInput!) { submitObservation(input: $in) { observation { id } } }`,
		map[string]any{"in": map[string]any{"consultationID": c.round, "kind": "OBJECTION", "targetKind": "ACTION_ITEM", "targetID": c.item,
			"body": "Le ministère de la Justice doit piloter le volet pénal."}}, &observation)
	c.observation = observation.SubmitObservation.Observation.ID
	s.OK(t, w.JusticeAgent, `mutation($id: ID!, $rev: Int!) { editObservation(id: $id, revision: $rev, input: {body: "Le ministère de la Justice doit piloter le volet pénal de l'action."}) { observation { id } } }`,
		map[string]any{"id": c.observation, "rev": revision(c.observation)}, nil)
	s.OK(t, sec, `mutation($id: ID!, $rev: Int!) { closeConsultation(id: $id, revision: $rev) { consultation { id } } }`,
		map[string]any{"id": c.round, "rev": revision(c.round)}, nil)
	s.OK(t, sec, `mutation($in: AnswerObservationInput!) { answerObservation(input: $in) { observation { id } } }`,
		map[string]any{"in": map[string]any{"observationID": c.observation, "revision": revision(c.observation), "disposition": "REJECTED",
			"response": "Le pilotage reste à l'ANSSI ; le ministère de la Justice est associé."}}, nil)
	return c
}

func TestVerifyFollowsChangesMadeThroughTheAPI(t *testing.T) {
	t.Parallel()
	c := changedThroughTheAPI(t)
	// And through the command line: an account, a token, all its tokens revoked.
	mustRun(t, "account", "create", "--database", c.db, "--email", "revue@primature.sn", "--name", "Aminata Sow", "--role", "reviewer")
	mustRun(t, "token", "create", "--database", c.db, "--email", "revue@primature.sn", "--expires", "720h")
	mustRun(t, "token", "revoke", "--database", c.db, "--email", "revue@primature.sn")
	code, stdout, stderr := run(context.Background(), "verify", "--database", c.db)
	if code != 0 || stderr != "" {
		t.Fatalf("exit %d: %s\n%s", code, stderr, stdout)
	}
	if !regexp.MustCompile(`(?m)^records: [1-9]\d* checked against the audit trail, intact$`).MatchString(stdout) {
		t.Fatalf("report:\n%s", stdout)
	}
}

func TestVerifyNamesTheRecordAndFieldChangedBehindTheAPI(t *testing.T) {
	t.Parallel()
	const forged = "AG01JFAUSSAIRE0000000000000"
	for _, tc := range []struct {
		name string
		sql  func(c *changed) string
		want func(c *changed) string // the line of the report, or its start
	}{
		{"an action item's title", func(c *changed) string {
			return fmt.Sprintf(`UPDATE action_items SET title = 'Titre falsifié' WHERE id = '%s'`, c.item)
		}, func(c *changed) string {
			return fmt.Sprintf(`table action_items, record %s, field title: the audit trail says "Sécuriser les opérateurs d'importance vitale", the table holds "Titre falsifié"`, c.item)
		}},
		{"an action item's progress", func(c *changed) string {
			return fmt.Sprintf(`UPDATE action_items SET progress = 100 WHERE id = '%s'`, c.item)
		}, func(c *changed) string {
			return fmt.Sprintf(`table action_items, record %s, field progress: the audit trail says "0", the table holds "100"`, c.item)
		}},
		{"an action item's lead agency", func(c *changed) string {
			return fmt.Sprintf(`UPDATE action_items SET action_item_lead_agency = '%s' WHERE id = '%s'`, c.justice, c.item)
		}, func(c *changed) string {
			return fmt.Sprintf(`table action_items, record %s, field action_item_lead_agency:`, c.item)
		}},
		{"an observation's body", func(c *changed) string {
			return fmt.Sprintf(`UPDATE observations SET body = 'Rien à signaler.' WHERE id = '%s'`, c.observation)
		}, func(c *changed) string {
			return fmt.Sprintf(`table observations, record %s, field body: the audit trail says "Le ministère de la Justice doit piloter le volet pénal de l'action.", the table holds "Rien à signaler."`, c.observation)
		}},
		{"an observation's answer", func(c *changed) string {
			return fmt.Sprintf(`UPDATE observations SET response = 'Accepté sans réserve.', status = 'ACCEPTED' WHERE id = '%s'`, c.observation)
		}, func(c *changed) string {
			return fmt.Sprintf(`table observations, record %s, field response: the audit trail says "Le pilotage reste à l'ANSSI ; le ministère de la Justice est associé.", the table holds "Accepté sans réserve."`, c.observation)
		}},
		{"a strategy made public", func(c *changed) string {
			return fmt.Sprintf(`UPDATE strategies SET status = 'ADOPTED' WHERE id = '%s'`, c.strategy)
		}, func(c *changed) string {
			return fmt.Sprintf(`table strategies, record %s, field status: the audit trail says "DRAFTING", the table holds "ADOPTED"`, c.strategy)
		}},
		{"an agency renamed", func(c *changed) string {
			return fmt.Sprintf(`UPDATE agencies SET name = 'Ministère fantôme' WHERE id = '%s'`, c.ministry)
		}, func(c *changed) string {
			return fmt.Sprintf(`table agencies, record %s, field name: the audit trail says "Ministère de l'Économie numérique", the table holds "Ministère fantôme"`, c.ministry)
		}},
		{"an agency moved from its parent", func(c *changed) string {
			return fmt.Sprintf(`UPDATE agencies SET agency_children = NULL WHERE id = '%s'`, c.justice)
		}, func(c *changed) string {
			return fmt.Sprintf(`table agencies, record %s, field agency_children: the audit trail says "%s", the table holds nothing`, c.justice, c.ministry)
		}},
		{"an agency inserted", func(c *changed) string {
			return `INSERT INTO agencies (id, created_at, updated_at, revision, name, acronym, kind, country)
				VALUES ('` + forged + `', '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00', 1, 'Agence fictive', 'AF', 'MINISTRY', 'SN')`
		}, func(c *changed) string {
			return "table agencies, record " + forged + ": the record has no audit event: it was written behind the API"
		}},
		{"a supporting agency added", func(c *changed) string {
			return fmt.Sprintf(`INSERT INTO action_item_supporting_agencies (action_item_id, agency_id) VALUES ('%s', '%s')`, c.item, c.regulator)
		}, func(c *changed) string {
			return fmt.Sprintf(`table action_item_supporting_agencies, record %s, field supporting_agencies: the audit trail says [%s], the table holds [`, c.item, c.justice)
		}},
		{"a supporting agency removed", func(c *changed) string {
			return fmt.Sprintf(`DELETE FROM action_item_supporting_agencies WHERE action_item_id = '%s'`, c.item)
		}, func(c *changed) string {
			return fmt.Sprintf(`table action_item_supporting_agencies, record %s, field supporting_agencies: the audit trail says [%s], the table holds none`, c.item, c.justice)
		}},
		{"an observation deleted", func(c *changed) string {
			return fmt.Sprintf(`DELETE FROM observations WHERE id = '%s'`, c.observation)
		}, func(c *changed) string {
			return fmt.Sprintf(`table observations, record %s: the record is missing: the audit trail says it exists`, c.observation)
		}},
		{"a deleted indicator restored", func(c *changed) string {
			return `INSERT INTO indicators (id, created_at, updated_at, revision, name, unit) VALUES ('` + c.ix + `', '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00', 1, 'Textes adoptés', 'textes')`
		}, func(c *changed) string {
			return "table indicators, record " + c.ix + ": the record is still there: the audit trail says it was deleted at event"
		}},
		{"a token's hash replaced", func(c *changed) string {
			return fmt.Sprintf(`UPDATE api_tokens SET hash = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' WHERE id = '%s'`, c.token)
		}, func(c *changed) string {
			return fmt.Sprintf(`table api_tokens, record %s, field hash: the audit trail says "sha256:`, c.token)
		}},
		{"a decision's options", func(c *changed) string {
			return fmt.Sprintf(`UPDATE decisions SET options = '["Présidence"]' WHERE id = '%s'`, c.decision)
		}, func(c *changed) string {
			return fmt.Sprintf(`table decisions, record %s, field options: the audit trail says "[\"Économie numérique\",\"Intérieur\"]", the table holds "[\"Présidence\"]"`, c.decision)
		}},
		{"a round's closing time moved", func(c *changed) string {
			return fmt.Sprintf(`UPDATE consultations SET closes_at = '2031-01-01 00:00:00+00:00' WHERE id = '%s'`, c.round)
		}, func(c *changed) string {
			return fmt.Sprintf(`table consultations, record %s, field closes_at: the audit trail says "`, c.round)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c := changedThroughTheAPI(t)
			if _, err := c.s.Client.ExecContext(context.Background(), tc.sql(c)); err != nil {
				t.Fatalf("%s: %v", tc.sql(c), err)
			}
			code, stdout, stderr := run(context.Background(), "verify", "--database", c.db)
			if code != 1 || !strings.Contains(stderr, "records were changed behind the API") {
				t.Fatalf("exit %d, stderr %q\n%s", code, stderr, stdout)
			}
			want := "\n  " + tc.want(c)
			if !strings.Contains(stdout, want) {
				t.Fatalf("the report does not say\n%s\nit says:\n%s", want, stdout)
			}
			if !strings.Contains(stdout, "audit chain: ") || !strings.Contains(stdout, "events, intact") {
				t.Errorf("the trail itself was not touched:\n%s", stdout)
			}
		})
	}
}

// `make run` seeds the demo data through `palabre serve --seed-demo`: what it
// wrote is in the trail.
func TestVerifyPassesOnTheDemoDataOfMakeRun(t *testing.T) {
	t.Parallel()
	db := databaseURL(t)
	serveOnce(t, "--env", "development", "--seed-demo", "--database", db)
	code, stdout, stderr := run(context.Background(), "verify", "--database", db)
	if code != 0 || stderr != "" || !regexp.MustCompile(`(?m)^records: [1-9]\d* checked against the audit trail, intact$`).MatchString(stdout) {
		t.Fatalf("exit %d: %s\n%s", code, stderr, stdout)
	}
}
