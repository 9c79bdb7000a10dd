package graph_test

import (
	"strings"
	"testing"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/internal/apitest"
)

func TestBadInputIsRefusedWithACodeAndNothingStored(t *testing.T) {
	t.Parallel()
	s := apitest.New(t)
	w := s.World
	item := func(in map[string]any) map[string]any {
		base := map[string]any{"objectiveID": w.DraftLegal.ID, "code": "A1.9", "title": "Adopter le décret", "leadAgencyID": w.Justice.ID}
		for k, v := range in {
			base[k] = v
		}
		return map[string]any{"in": base}
	}
	const createItem = `mutation($in: CreateActionItemInput!) { createActionItem(input: $in) { actionItem { id } } }`
	const createStrategy = `mutation($in: CreateStrategyInput!) { createStrategy(input: $in) { strategy { id } } }`
	strategy := func(in map[string]any) map[string]any {
		base := map[string]any{"title": "Stratégie", "country": "SN", "startYear": 2030, "endYear": 2034, "ownerAgencyID": w.Ministry.ID}
		for k, v := range in {
			base[k] = v
		}
		return map[string]any{"in": base}
	}
	for _, c := range []struct {
		name, query string
		vars        map[string]any
		code        string
	}{
		{"progress above 100", createItem, item(map[string]any{"progress": 150}), palabre.EINVALID},
		{"negative progress", createItem, item(map[string]any{"progress": -1}), palabre.EINVALID},
		{"due before start", createItem, item(map[string]any{"startDate": "2026-05-01T00:00:00Z", "dueDate": "2026-04-01T00:00:00Z"}), palabre.EINVALID},
		{"empty title", createItem, item(map[string]any{"title": ""}), palabre.EINVALID},
		{"malformed code", createItem, item(map[string]any{"code": "A 1"}), palabre.EINVALID},
		{"code taken in the strategy", createItem, item(map[string]any{"code": "A2.1"}), palabre.ECONFLICT},
		{"unknown currency", createItem, item(map[string]any{"estimatedBudget": 1000, "budgetCurrency": "ABC"}), palabre.EINVALID},
		{"budget without currency", createItem, item(map[string]any{"estimatedBudget": 1000}), palabre.EINVALID},
		{"negative budget", createItem, item(map[string]any{"estimatedBudget": -5, "budgetCurrency": "XOF"}), palabre.EINVALID},
		{"dependency on another strategy", createItem, item(map[string]any{"dependsOnIDs": []any{w.Budapest.ID}}), palabre.EINVALID},
		{"unknown objective", createItem, item(map[string]any{"objectiveID": "OB01JZZZZZZZZZZZZZZZZZZZZZZZ"}), palabre.ENOTFOUND},
		{"malformed ID", createItem, item(map[string]any{"leadAgencyID": "17"}), palabre.EINVALID},
		{"unknown country", createStrategy, strategy(map[string]any{"country": "XX"}), palabre.EINVALID},
		{"lower-case country", createStrategy, strategy(map[string]any{"country": "sn"}), palabre.EINVALID},
		{"period ending before it starts", createStrategy, strategy(map[string]any{"endYear": 2029}), palabre.EINVALID},
		{"year out of range", createStrategy, strategy(map[string]any{"startYear": 30000}), palabre.EINVALID},
	} {
		t.Run(c.name, func(t *testing.T) {
			before := s.Fingerprint(t)
			res := s.Do(t, w.Secretariat, c.query, c.vars)
			if res.Code() != c.code {
				t.Fatalf("want %s, got %+v", c.code, res.Errors)
			}
			if res.Status >= 500 {
				t.Errorf("status %d", res.Status)
			}
			msg := res.Errors[0].Message
			for _, leak := range []string{"ent:", "sql", "SQL", "constraint", "pq:", "sqlite"} {
				if strings.Contains(msg, leak) {
					t.Errorf("message leaks internals (%q): %s", leak, msg)
				}
			}
			if s.Fingerprint(t) != before {
				t.Errorf("a refused mutation stored something")
			}
		})
	}
}

func TestFrenchTextRoundTripsExactly(t *testing.T) {
	t.Parallel()
	s := apitest.New(t)
	const title = "Protection des données à caractère personnel — « cœur » du dispositif, façon ÉLÈVE ô çà"
	var created struct {
		CreateObjective struct {
			Objective struct{ ID, Title, Description string }
		}
	}
	s.OK(t, s.World.Secretariat, `mutation($in: CreateObjectiveInput!) { createObjective(input: $in) { objective { id title description } } }`,
		map[string]any{"in": map[string]any{"strategyID": s.World.Draft.ID, "code": "OS3", "title": title, "description": "Ligne 1\nLigne 2 : « déjà »", "pillar": "LEGAL"}}, &created)
	var read struct {
		Node struct{ Title, Description string }
	}
	s.OK(t, s.World.Reviewer, `query($id: ID!) { node(id: $id) { ... on Objective { title description } } }`,
		map[string]any{"id": created.CreateObjective.Objective.ID}, &read)
	if read.Node.Title != title || read.Node.Description != "Ligne 1\nLigne 2 : « déjà »" {
		t.Errorf("read back %q / %q", read.Node.Title, read.Node.Description)
	}
	var found struct{ Objectives struct{ TotalCount int } }
	s.OK(t, s.World.Reviewer, `{ objectives(search: "donnees a caractere") { totalCount } }`, nil, &found)
	if found.Objectives.TotalCount != 1 {
		t.Errorf("search without accents found %d objectives", found.Objectives.TotalCount)
	}
}

func TestAStaleRevisionIsAConflict(t *testing.T) {
	t.Parallel()
	s := apitest.New(t)
	w := s.World
	const update = `mutation($id: ID!, $rev: Int!, $title: String!) {
		updateActionItem(id: $id, revision: $rev, input: {title: $title}) { actionItem { title revision } } }`
	read := s.Item(t, w.Critical.ID)
	s.OK(t, w.Secretariat, update, map[string]any{"id": read.ID, "rev": read.Revision, "title": "Première version"}, nil)
	// A second editor read the same revision and saves after the first.
	s.Fails(t, w.Secretariat, update, map[string]any{"id": read.ID, "rev": read.Revision, "title": "Seconde version"}, palabre.ECONFLICT)
	if now := s.Item(t, w.Critical.ID); now.Title != "Première version" || now.Revision != read.Revision+1 {
		t.Errorf("after the conflict: %q at revision %d", now.Title, now.Revision)
	}
	s.Fails(t, w.Secretariat, update, map[string]any{"id": "AI01JZZZZZZZZZZZZZZZZZZZZZZZ", "rev": 1, "title": "x"}, palabre.ENOTFOUND)
}

func TestAnAgencyInUseCannotBeDeleted(t *testing.T) {
	t.Parallel()
	s := apitest.New(t)
	msg := s.Fails(t, s.World.Admin, `mutation($id: ID!) { deleteAgency(id: $id) { deletedID } }`,
		map[string]any{"id": s.World.Security.ID}, palabre.ECONFLICT)
	if !strings.Contains(msg, "leads action items") {
		t.Errorf("message should say why: %s", msg)
	}
	if s.Agency(t, s.World.Security.ID) == nil {
		t.Error("agency deleted")
	}
}
