package graph_test

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"sync/atomic"
	"testing"
	"time"

	"entgo.io/ent/dialect"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/access"
	"github.com/palabre/palabre/audit"
	"github.com/palabre/palabre/database/dbtest"
	"github.com/palabre/palabre/ent/schema/pulid"
	"github.com/palabre/palabre/internal/apitest"
)

// cooperation is a test world with agreements: a public bilateral MoU between
// the ministry and the ITU (party: MEN signatory, UIT funder), and a
// confidential agreement between the ministry and the national agency (ANSSI),
// each with a commitment and an item under it.
type cooperation struct {
	*apitest.Server
	t                            *testing.T
	domain                       pulid.ID
	public, secret               pulid.ID // agreements
	publicCommitment, secretDuty pulid.ID // their commitments
	publicItem, secretItem       pulid.ID // an item under each
}

const (
	createAgreement = `mutation($in: CreateAgreementInput!) { createAgreement(input: $in) { agreement { id revision } } }`
	createParty     = `mutation($in: CreateAgreementPartyInput!) { createAgreementParty(input: $in) { party { id } } }`
	createDuty      = `mutation($in: CreateCommitmentInput!) { createCommitment(input: $in) { commitment { id } } }`
	createItem      = `mutation($in: CreateActionItemInput!) { createActionItem(input: $in) { actionItem { id } } }`
	moveAgreement   = `mutation($in: MoveAgreementInput!) { moveAgreement(input: $in) { agreement { status revision } transition { from to comment actor { email } } } }`
)

func newCooperation(t *testing.T, opts ...dbtest.Option) *cooperation {
	t.Helper()
	return cooperationOn(t, apitest.New(t, opts...))
}

// cooperationOn loads the agreements of the cooperation world on a server.
func cooperationOn(t *testing.T, s *apitest.Server) *cooperation {
	t.Helper()
	c := &cooperation{Server: s, t: t}
	w := c.World
	var d struct {
		CreateDomain struct{ Domain struct{ ID pulid.ID } }
	}
	c.OK(t, w.Admin, `mutation { createDomain(input: {name: "Protection des données"}) { domain { id } } }`, nil, &d)
	c.domain = d.CreateDomain.Domain.ID
	c.public = c.agreement("Mémorandum d'entente sur la cybersécurité", false, c.domain)
	c.party(c.public, w.Ministry.ID, "SIGNATORY")
	c.party(c.public, w.Partner.ID, "FUNDER")
	c.publicCommitment = c.commitment(c.public, "E1", w.Partner.ID)
	c.publicItem = c.item(map[string]any{"commitmentID": c.publicCommitment, "code": "A1", "title": "Former les équipes du CERT national",
		"leadAgencyID": w.Security.ID, "dueDate": "2026-09-30T00:00:00Z", "pilot": true})
	c.secret = c.agreement("Protocole confidentiel de partage d'indicateurs", true)
	c.party(c.secret, w.Ministry.ID, "SIGNATORY")
	c.party(c.secret, w.Security.ID, "IMPLEMENTING_PARTNER")
	c.secretDuty = c.commitment(c.secret, "E1", w.Security.ID)
	c.secretItem = c.item(map[string]any{"commitmentID": c.secretDuty, "code": "A1", "title": "Partager les indicateurs de compromission",
		"leadAgencyID": w.Security.ID})
	return c
}

func (c *cooperation) agreement(title string, confidential bool, domains ...pulid.ID) pulid.ID {
	c.t.Helper()
	var out struct {
		CreateAgreement struct{ Agreement struct{ ID pulid.ID } }
	}
	c.OK(c.t, c.World.Secretariat, createAgreement, map[string]any{"in": map[string]any{
		"kind": "MEMORANDUM_OF_UNDERSTANDING", "title": title, "confidential": confidential, "domainIDs": domains,
	}}, &out)
	return out.CreateAgreement.Agreement.ID
}

func (c *cooperation) party(agreement, agency pulid.ID, role string) pulid.ID {
	c.t.Helper()
	var out struct {
		CreateAgreementParty struct{ Party struct{ ID pulid.ID } }
	}
	c.OK(c.t, c.World.Secretariat, createParty, map[string]any{"in": map[string]any{
		"agreementID": agreement, "agencyID": agency, "role": role, "signatoryName": "Awa Diop", "signatoryTitle": "Ministre",
	}}, &out)
	return out.CreateAgreementParty.Party.ID
}

func (c *cooperation) commitment(agreement pulid.ID, code string, responsible ...pulid.ID) pulid.ID {
	c.t.Helper()
	var out struct {
		CreateCommitment struct{ Commitment struct{ ID pulid.ID } }
	}
	c.OK(c.t, c.World.Secretariat, createDuty, map[string]any{"in": map[string]any{
		"agreementID": agreement, "code": code, "title": "Partager l'expertise", "kind": "SHARE_EXPERTISE", "responsiblePartyIDs": responsible,
	}}, &out)
	return out.CreateCommitment.Commitment.ID
}

func (c *cooperation) item(in map[string]any) pulid.ID {
	c.t.Helper()
	var out struct {
		CreateActionItem struct{ ActionItem struct{ ID pulid.ID } }
	}
	c.OK(c.t, c.World.Secretariat, createItem, map[string]any{"in": in}, &out)
	return out.CreateActionItem.ActionItem.ID
}

// revision reads an agreement's revision as the secretariat.
func (c *cooperation) revision(id pulid.ID) int {
	c.t.Helper()
	var out struct{ Node struct{ Revision int } }
	c.OK(c.t, c.World.Secretariat, `query($id: ID!) { node(id: $id) { ... on Agreement { revision } } }`, map[string]any{"id": id}, &out)
	return out.Node.Revision
}

// refused checks that a request fails with code and stores nothing.
func (c *cooperation) refused(t *testing.T, token, query string, vars map[string]any, code string) string {
	t.Helper()
	before := c.Fingerprint(t)
	msg := c.Fails(t, token, query, vars, code)
	if c.Fingerprint(t) != before {
		t.Errorf("a refused request (%s) stored something", code)
	}
	return msg
}

// codes lists the codes of action items a caller reads through a query whose
// data is {actionItems {edges {node {code}}}}, as « plan:code ».
func (c *cooperation) codes(t *testing.T, token, query string, vars map[string]any) []string {
	t.Helper()
	var out struct {
		ActionItems struct {
			Edges []struct {
				Node struct {
					Code      string
					Strategy  *struct{ Title string }
					Agreement *struct{ Title string }
				}
			}
		}
	}
	c.OK(t, token, query, vars, &out)
	var got []string
	for _, e := range out.ActionItems.Edges {
		plan := "?"
		switch {
		case e.Node.Strategy != nil:
			plan = "strategy"
		case e.Node.Agreement != nil:
			plan = "agreement"
		}
		got = append(got, plan+":"+e.Node.Code)
	}
	sort.Strings(got)
	return got
}

func TestAnAgreementMovesFromNegotiationToForceAndKeepsItsHistory(t *testing.T) {
	t.Parallel()
	c := newCooperation(t)
	w := c.World
	move := func(to string) map[string]any {
		return map[string]any{"in": map[string]any{"agreementID": c.public, "revision": c.revision(c.public), "to": to, "comment": "Conseil des ministres du 12 mars"}}
	}
	// Signing needs the date of signature.
	if msg := c.refused(t, w.Secretariat, moveAgreement, move("SIGNED"), palabre.ECONFLICT); msg == "" {
		t.Error("no message")
	}
	// Off the edges: negotiation does not go to force or expire.
	c.refused(t, w.Secretariat, moveAgreement, move("IN_FORCE"), palabre.EINVALID)
	c.refused(t, w.Secretariat, moveAgreement, move("EXPIRED"), palabre.EINVALID)
	// Nobody but the secretariat moves it.
	c.refused(t, w.Reviewer, moveAgreement, move("TERMINATED"), palabre.EFORBIDDEN)
	c.refused(t, w.SecurityAgent, moveAgreement, move("TERMINATED"), palabre.EFORBIDDEN)
	c.refused(t, "", moveAgreement, move("TERMINATED"), palabre.EUNAUTHENTICATED)
	// The status is not an input: updateAgreement cannot set it.
	c.refused(t, w.Secretariat, `mutation($id: ID!, $rev: Int!) { updateAgreement(id: $id, revision: $rev, input: {status: IN_FORCE}) { agreement { id } } }`,
		map[string]any{"id": c.public, "rev": c.revision(c.public)}, "GRAPHQL_VALIDATION_FAILED")
	// A stale revision is a conflict.
	stale := move("SIGNED")
	stale["in"].(map[string]any)["revision"] = 0
	c.refused(t, w.Secretariat, moveAgreement, stale, palabre.ECONFLICT)

	c.OK(t, w.Secretariat, `mutation($id: ID!, $rev: Int!) { updateAgreement(id: $id, revision: $rev, input: {signedOn: "2026-03-12T00:00:00Z", signingPlace: "Genève", entryIntoForceOn: "2026-04-01T00:00:00Z", durationMonths: 36, tacitRenewal: true}) { agreement { id } } }`,
		map[string]any{"id": c.public, "rev": c.revision(c.public)}, nil)
	var out struct {
		MoveAgreement struct {
			Agreement  struct{ Status string }
			Transition struct {
				From, To, Comment string
				Actor             struct{ Email string }
			}
		}
	}
	c.OK(t, w.Secretariat, moveAgreement, move("SIGNED"), &out)
	if m := out.MoveAgreement; m.Agreement.Status != "SIGNED" || m.Transition.From != "NEGOTIATION" || m.Transition.To != "SIGNED" ||
		m.Transition.Actor.Email != "secretariat@palabre.test" || m.Transition.Comment == "" {
		t.Errorf("move recorded as %+v", m)
	}
	c.OK(t, w.Secretariat, moveAgreement, move("IN_FORCE"), nil)
	c.refused(t, w.Secretariat, moveAgreement, move("NEGOTIATION"), palabre.EINVALID)
	var read struct {
		Node struct {
			Status       string
			AllowedMoves []string
			Transitions  []struct{ From, To string }
		}
	}
	c.OK(t, "", `query($id: ID!) { node(id: $id) { ... on Agreement { status allowedMoves transitions { from to } } } }`, map[string]any{"id": c.public}, &read)
	if n := read.Node; n.Status != "IN_FORCE" || !slices.Equal(n.AllowedMoves, []string{"EXPIRED", "TERMINATED"}) || len(n.Transitions) != 2 ||
		n.Transitions[0].To != "SIGNED" || n.Transitions[1].To != "IN_FORCE" {
		t.Errorf("the public reads %+v", n)
	}
}

func TestAnAgreementsTermIsChecked(t *testing.T) {
	t.Parallel()
	c := newCooperation(t)
	update := `mutation($id: ID!, $rev: Int!, $in: UpdateAgreementInput!) { updateAgreement(id: $id, revision: $rev, input: $in) { agreement { id } } }`
	for name, in := range map[string]map[string]any{
		"in force before signed":   {"signedOn": "2026-03-12T00:00:00Z", "entryIntoForceOn": "2026-03-01T00:00:00Z"},
		"ends before in force":     {"entryIntoForceOn": "2026-03-12T00:00:00Z", "endsOn": "2026-03-01T00:00:00Z"},
		"an end and a duration":    {"endsOn": "2029-03-01T00:00:00Z", "durationMonths": 36},
		"a duration of no months":  {"durationMonths": 0},
		"a blank title":            {"title": "  "},
		"a negative duration":      {"durationMonths": -3},
		"ends before signed (old)": {"endsOn": "2020-01-01T00:00:00Z"},
	} {
		t.Run(name, func(t *testing.T) {
			if name == "ends before signed (old)" {
				c.OK(t, c.World.Secretariat, update, map[string]any{"id": c.secret, "rev": c.revision(c.secret), "in": map[string]any{"signedOn": "2026-03-12T00:00:00Z"}}, nil)
			}
			c.refused(t, c.World.Secretariat, update, map[string]any{"id": c.secret, "rev": c.revision(c.secret), "in": in}, palabre.EINVALID)
		})
	}
}

func TestOnlyTheSecretariatWritesAgreementsAndAdministratorsDomains(t *testing.T) {
	t.Parallel()
	c := newCooperation(t)
	w := c.World
	newAgreement := map[string]any{"in": map[string]any{"kind": "PROTOCOL", "title": "Protocole"}}
	newDuty := map[string]any{"in": map[string]any{"agreementID": c.public, "code": "E9", "title": "Former"}}
	newParty := map[string]any{"in": map[string]any{"agreementID": c.public, "agencyID": w.Justice.ID, "role": "OBSERVER"}}
	newDomain := `mutation { createDomain(input: {name: "Archives"}) { domain { id } } }`
	for _, who := range []struct {
		name, token, code string
	}{
		{"reviewer", w.Reviewer, palabre.EFORBIDDEN},
		{"agency party to it", w.SecurityAgent, palabre.EFORBIDDEN},
		{"public", "", palabre.EUNAUTHENTICATED},
	} {
		t.Run(who.name, func(t *testing.T) {
			c.refused(t, who.token, createAgreement, newAgreement, who.code)
			c.refused(t, who.token, createDuty, newDuty, who.code)
			c.refused(t, who.token, createParty, newParty, who.code)
			c.refused(t, who.token, newDomain, nil, who.code)
			c.refused(t, who.token, createItem, map[string]any{"in": map[string]any{"commitmentID": c.publicCommitment, "code": "A9", "title": "Action", "leadAgencyID": w.Security.ID}}, who.code)
		})
	}
	c.refused(t, w.Secretariat, newDomain, nil, palabre.EFORBIDDEN)
	c.refused(t, w.Admin, createAgreement, newAgreement, palabre.EFORBIDDEN)
	// A domain's name is unique.
	c.refused(t, w.Admin, `mutation { createDomain(input: {name: "Protection des données"}) { domain { id } } }`, nil, palabre.ECONFLICT)
}

func TestACommitmentNamesPartiesOnly(t *testing.T) {
	t.Parallel()
	c := newCooperation(t)
	w := c.World
	// The justice ministry is party to neither agreement.
	c.refused(t, w.Secretariat, createDuty, map[string]any{"in": map[string]any{"agreementID": c.public, "code": "E2", "title": "Former", "responsiblePartyIDs": []pulid.ID{w.Justice.ID}}}, palabre.EINVALID)
	// An agency is party once.
	c.refused(t, w.Secretariat, createParty, map[string]any{"in": map[string]any{"agreementID": c.public, "agencyID": w.Partner.ID, "role": "OBSERVER"}}, palabre.ECONFLICT)
	// A party that a commitment names stays.
	var parties struct {
		Node struct {
			Parties []struct {
				ID     pulid.ID
				Agency struct{ Acronym string }
			}
		}
	}
	c.OK(t, w.Secretariat, `query($id: ID!) { node(id: $id) { ... on Agreement { parties { id agency { acronym } } } } }`, map[string]any{"id": c.public}, &parties)
	for _, p := range parties.Node.Parties {
		if p.Agency.Acronym == "UIT" {
			c.refused(t, w.Secretariat, `mutation($id: ID!) { deleteAgreementParty(id: $id) { deletedID } }`, map[string]any{"id": p.ID}, palabre.ECONFLICT)
		}
	}
	// A commitment with items stays.
	c.refused(t, w.Secretariat, `mutation($id: ID!) { deleteCommitment(id: $id) { deletedID } }`, map[string]any{"id": c.publicCommitment}, palabre.ECONFLICT)
}

func TestAnActionItemBelongsToOnePlan(t *testing.T) {
	t.Parallel()
	c := newCooperation(t)
	w := c.World
	item := func(in map[string]any) map[string]any {
		base := map[string]any{"code": "A7", "title": "Action", "leadAgencyID": w.Security.ID}
		for k, v := range in {
			base[k] = v
		}
		return map[string]any{"in": base}
	}
	c.refused(t, w.Secretariat, createItem, item(map[string]any{"objectiveID": w.DraftLegal.ID, "commitmentID": c.publicCommitment}), palabre.EINVALID)
	c.refused(t, w.Secretariat, createItem, item(nil), palabre.EINVALID)
	// Codes are unique within a plan: A1 exists in the public agreement, not in the draft strategy's... A1.1 does.
	c.refused(t, w.Secretariat, createItem, item(map[string]any{"commitmentID": c.publicCommitment, "code": "A1"}), palabre.ECONFLICT)
	c.item(item(map[string]any{"objectiveID": w.DraftLegal.ID, "code": "A1"})["in"].(map[string]any))
	// Only a strategy's item implements a commitment.
	c.refused(t, w.Secretariat, createItem, item(map[string]any{"commitmentID": c.publicCommitment, "implementsID": c.secretDuty}), palabre.EINVALID)
	linked := c.item(item(map[string]any{"objectiveID": w.DraftTechnical.ID, "code": "A2.9", "implementsID": c.publicCommitment})["in"].(map[string]any))
	// Dependencies stay within the plan.
	c.refused(t, w.Secretariat, createItem, item(map[string]any{"commitmentID": c.publicCommitment, "dependsOnIDs": []pulid.ID{w.Incidents.ID}}), palabre.EINVALID)
	c.item(item(map[string]any{"commitmentID": c.publicCommitment, "code": "A8", "dependsOnIDs": []pulid.ID{c.publicItem}})["in"].(map[string]any))

	update := `mutation($id: ID!, $rev: Int!, $in: UpdateActionItemInput!) { updateActionItem(id: $id, revision: $rev, input: $in) { actionItem { id } } }`
	rev := func(id pulid.ID) int { return c.Item(t, id).Revision }
	// An agreement's item stays in its agreement, and in a plan.
	c.refused(t, w.Secretariat, update, map[string]any{"id": c.publicItem, "rev": rev(c.publicItem), "in": map[string]any{"objectiveID": w.DraftLegal.ID, "clearCommitment": true}}, palabre.EINVALID)
	c.refused(t, w.Secretariat, update, map[string]any{"id": c.publicItem, "rev": rev(c.publicItem), "in": map[string]any{"commitmentID": c.secretDuty}}, palabre.EINVALID)
	c.refused(t, w.Secretariat, update, map[string]any{"id": c.publicItem, "rev": rev(c.publicItem), "in": map[string]any{"clearCommitment": true}}, palabre.EINVALID)
	c.refused(t, w.Secretariat, update, map[string]any{"id": c.publicItem, "rev": rev(c.publicItem), "in": map[string]any{"implementsID": c.secretDuty}}, palabre.EINVALID)
	// A strategy's item stays in its strategy.
	c.refused(t, w.Secretariat, update, map[string]any{"id": linked, "rev": rev(linked), "in": map[string]any{"commitmentID": c.publicCommitment, "clearObjective": true}}, palabre.EINVALID)
	c.refused(t, w.Secretariat, update, map[string]any{"id": linked, "rev": rev(linked), "in": map[string]any{"clearObjective": true}}, palabre.EINVALID)
	// Moving within its plan is fine.
	second := c.commitment(c.public, "E2", w.Ministry.ID)
	c.OK(t, w.Secretariat, update, map[string]any{"id": c.publicItem, "rev": rev(c.publicItem), "in": map[string]any{"commitmentID": second}}, nil)

	// The commitment lists the items of both sides: its own and those that implement it.
	var out struct {
		Node struct {
			ActionItems   struct{ TotalCount int }
			ImplementedBy []struct{ Code string }
		}
	}
	c.OK(t, w.Reviewer, `query($id: ID!) { node(id: $id) { ... on Commitment { actionItems { totalCount } implementedBy { code } } } }`, map[string]any{"id": c.publicCommitment}, &out)
	if out.Node.ActionItems.TotalCount != 1 || len(out.Node.ImplementedBy) != 1 || out.Node.ImplementedBy[0].Code != "A2.9" {
		t.Errorf("the commitment reads %+v", out.Node)
	}
}

func TestAConfidentialAgreementIsReadByItsPartiesOnly(t *testing.T) {
	t.Parallel()
	c := newCooperation(t)
	w := c.World
	// A strategy's item (Budapest, of the adopted strategy) implements the
	// confidential commitment: the link is hidden where the agreement is.
	c.OK(t, w.Secretariat, `mutation($id: ID!, $rev: Int!, $cm: ID!) { updateActionItem(id: $id, revision: $rev, input: {implementsID: $cm}) { actionItem { id } } }`,
		map[string]any{"id": w.Budapest.ID, "rev": c.Item(t, w.Budapest.ID).Revision, "cm": c.secretDuty}, nil)
	const agreements = `{ agreements { totalCount edges { node { title } } } }`
	const items = `{ actionItems(first: 100) { edges { node { code strategy { title } agreement { title } } } } }`
	const budapest = `query($id: ID!) { node(id: $id) { ... on ActionItem { code implements { code } } } }`
	for _, who := range []struct {
		name, token  string
		agreements   int
		secretItem   bool
		seesLinkToIt bool
	}{
		{"public", "", 1, false, false},
		{"agency not party to it", w.JusticeAgent, 1, false, false},
		{"agency party to it", w.SecurityAgent, 2, true, true},
		{"reviewer", w.Reviewer, 2, true, true},
		{"secretariat", w.Secretariat, 2, true, true},
	} {
		t.Run(who.name, func(t *testing.T) {
			var list struct{ Agreements struct{ TotalCount int } }
			c.OK(t, who.token, agreements, nil, &list)
			if list.Agreements.TotalCount != who.agreements {
				t.Errorf("reads %d agreements, want %d", list.Agreements.TotalCount, who.agreements)
			}
			got := c.codes(t, who.token, items, nil)
			if slices.Contains(got, "agreement:A1") != true {
				t.Errorf("does not read the public agreement's item: %v", got)
			}
			// By its ID, a hidden record is NOT_FOUND, as if it did not exist.
			for _, id := range []pulid.ID{c.secret, c.secretDuty, c.secretItem} {
				res := c.Do(t, who.token, `query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": id})
				if want := map[bool]string{true: "", false: palabre.ENOTFOUND}[who.secretItem]; res.Code() != want {
					t.Errorf("node(%s): %+v, want code %q", id, res.Errors, want)
				}
			}
			var b struct {
				Node struct {
					Code       string
					Implements *struct{ Code string }
				}
			}
			c.OK(t, who.token, budapest, map[string]any{"id": w.Budapest.ID}, &b)
			if b.Node.Code != "A1.1" || (b.Node.Implements != nil) != who.seesLinkToIt {
				t.Errorf("reads the adopted item as %+v", b.Node)
			}
			// Searching and filtering by agency find nothing hidden either.
			found := c.codes(t, who.token, `{ actionItems(first: 100, search: "compromission") { edges { node { code strategy { title } agreement { title } } } } }`, nil)
			if (len(found) > 0) != who.secretItem {
				t.Errorf("search finds %v", found)
			}
			led := c.codes(t, who.token, `query($a: ID!) { actionItems(first: 100, agencyID: $a) { edges { node { code strategy { title } agreement { title } } } } }`, map[string]any{"a": w.Security.ID})
			n := 0
			for _, g := range led {
				if g == "agreement:A1" {
					n++
				}
			}
			if want := map[bool]int{false: 1, true: 2}[who.secretItem]; n != want {
				t.Errorf("by agency: %v, want %d agreement items", led, want)
			}
		})
	}
}

func TestEveryActionItemViewCoversBothPlans(t *testing.T) {
	t.Parallel()
	c := newCooperation(t)
	w := c.World
	const fields = `edges { node { code strategy { title } agreement { title } } }`
	// By agency: ANSSI leads Incidents, Critical and Budapest in strategies,
	// and one item in each agreement.
	byAgency := c.codes(t, w.Reviewer, `query($a: ID!) { actionItems(first: 100, agencyID: $a) { `+fields+` } }`, map[string]any{"a": w.Security.ID})
	if want := []string{"agreement:A1", "agreement:A1", "strategy:A1.1", "strategy:A1.1", "strategy:A2.1", "strategy:A2.2"}; !slices.Equal(byAgency, want) {
		t.Errorf("by agency: %v, want %v", byAgency, want)
	}
	// Overdue on 2026-11-23: Incidents (due June) and the training (due September).
	overdue := c.codes(t, w.Reviewer, `{ actionItems(first: 100, overdueOn: "2026-11-23T00:00:00Z") { `+fields+` } }`, nil)
	if want := []string{"agreement:A1", "strategy:A2.1"}; !slices.Equal(overdue, want) {
		t.Errorf("overdue: %v, want %v", overdue, want)
	}
	// Search, accents aside.
	found := c.codes(t, w.Reviewer, `{ actionItems(first: 100, search: "equipes") { `+fields+` } }`, nil)
	if want := []string{"agreement:A1"}; !slices.Equal(found, want) {
		t.Errorf("search: %v, want %v", found, want)
	}
	// Pilots; and the agreements' work in a domain.
	pilots := c.codes(t, w.Reviewer, `{ actionItems(first: 100, where: {pilot: true}) { `+fields+` } }`, nil)
	inDomain := c.codes(t, w.Reviewer, `query($d: ID!) { actionItems(first: 100, where: {hasAgreementWith: {hasDomainsWith: {id: $d}}}) { `+fields+` } }`, map[string]any{"d": c.domain})
	if want := []string{"agreement:A1"}; !slices.Equal(pilots, want) || !slices.Equal(inDomain, want) {
		t.Errorf("pilots: %v, in the domain: %v, want %v", pilots, inDomain, want)
	}
	var agreements struct{ Agreements struct{ TotalCount int } }
	c.OK(t, w.Reviewer, `query($d: ID!) { agreements(where: {hasDomainsWith: {id: $d}}) { totalCount } }`, map[string]any{"d": c.domain}, &agreements)
	if agreements.Agreements.TotalCount != 1 {
		t.Errorf("%d agreements in the domain, want 1", agreements.Agreements.TotalCount)
	}
	// The agency's own view of the items it leads covers both plans too.
	var led struct {
		Node struct{ LedActionItems struct{ TotalCount int } }
	}
	c.OK(t, w.SecurityAgent, `query($id: ID!) { node(id: $id) { ... on Agency { ledActionItems { totalCount } } } }`, map[string]any{"id": w.Security.ID}, &led)
	if led.Node.LedActionItems.TotalCount != 3 {
		t.Errorf("ANSSI reads %d items it leads, want 3 (Budapest of the adopted strategy, one of each agreement)", led.Node.LedActionItems.TotalCount)
	}
	// The lead agency reports progress on an agreement's item as on a strategy's.
	asOf := time.Now().UTC().Add(-time.Hour).Format(time.RFC3339)
	var out filed
	c.OK(t, w.SecurityAgent, fileReportMutation, report(c.publicItem, asOf, 60, "IN_PROGRESS"), &out)
	if out.FileProgressReport.ActionItem.Progress != 60 {
		t.Errorf("the agreement's item shows %d%% after a report of 60%%", out.FileProgressReport.ActionItem.Progress)
	}
	c.refused(t, w.JusticeAgent, fileReportMutation, report(c.publicItem, asOf, 70, "IN_PROGRESS"), palabre.EFORBIDDEN)
	update := `mutation($id: ID!, $rev: Int!, $in: UpdateActionItemInput!) { updateActionItem(id: $id, revision: $rev, input: $in) { actionItem { progress } } }`
	c.refused(t, w.SecurityAgent, update, map[string]any{"id": c.publicItem, "rev": c.Item(t, c.publicItem).Revision, "in": map[string]any{"title": "Autre"}}, palabre.EFORBIDDEN)
}

// TestTheCooperationTrailVerifies: every agreement, party, commitment, move
// and agreement item is in the audit trail, and verify rebuilds each.
func TestTheCooperationTrailVerifies(t *testing.T) {
	t.Parallel()
	c := newCooperation(t)
	w := c.World
	c.OK(t, w.Secretariat, `mutation($id: ID!, $rev: Int!) { updateAgreement(id: $id, revision: $rev, input: {signedOn: "2026-03-12T00:00:00Z"}) { agreement { id } } }`,
		map[string]any{"id": c.public, "rev": c.revision(c.public)}, nil)
	c.OK(t, w.Secretariat, moveAgreement, map[string]any{"in": map[string]any{"agreementID": c.public, "revision": c.revision(c.public), "to": "SIGNED"}}, nil)
	ctx := access.SystemContext(context.Background())
	checked, found, err := audit.VerifyRecords(ctx, c.Client, 20)
	if err != nil || len(found) > 0 {
		t.Fatalf("verify: %v, %v", found, err)
	}
	if checked == 0 {
		t.Fatal("verify checked nothing")
	}
	var events struct {
		AuditTrail struct{ TotalCount int }
	}
	c.OK(t, w.Reviewer, `query($id: ID!) { auditTrail(entityID: $id) { totalCount } }`, map[string]any{"id": c.public}, &events)
	if events.AuditTrail.TotalCount < 3 {
		t.Errorf("the agreement has %d events, want its creation, its update and its move", events.AuditTrail.TotalCount)
	}
}

// TestTheAgreementDetailDoesNotMultiplyStatements: an agreement with its
// parties, domains, commitments and their items (with lead agencies) costs as
// many statements with one commitment as with many.
func TestTheAgreementDetailDoesNotMultiplyStatements(t *testing.T) {
	t.Parallel()
	var n atomic.Int64
	c := newCooperation(t, dbtest.WithDriver(func(d dialect.Driver) dialect.Driver { return counter{d, &n} }))
	w := c.World
	const detail = `query($id: ID!, $n: Int!) { node(id: $id) { ... on Agreement { title status domains { name }
		parties { role signatoryName agency { acronym kind country } }
		commitments(first: $n) { totalCount edges { node { code title responsibleParties { acronym }
			actionItems(first: $n) { totalCount edges { node { code status pilot dueDate leadAgency { acronym } supportingAgencies { acronym } } } } } } } } } }`
	count := func(size int) int64 {
		n.Store(0)
		c.OK(t, w.Reviewer, detail, map[string]any{"id": c.public, "n": size}, nil)
		return n.Load()
	}
	for i := 2; i <= 6; i++ {
		duty := c.commitment(c.public, fmt.Sprintf("E%d", i), w.Ministry.ID, w.Partner.ID)
		for j := 1; j <= 4; j++ {
			c.item(map[string]any{"commitmentID": duty, "code": fmt.Sprintf("A%d.%d", i, j), "title": "Action", "leadAgencyID": w.Regulator.ID,
				"supportingAgencyIDs": []pulid.ID{w.Justice.ID, w.Security.ID}})
		}
	}
	count(1)
	small, large := count(1), count(20)
	if small != large {
		t.Errorf("the agreement detail sent %d statements for pages of 1 and %d for pages of 20", small, large)
	}
	t.Logf("%d statements for the agreement detail", large)
}

// TestNoFilterReachesAConfidentialCommitmentThroughAStrategysItem: the link
// from a strategy's item to the commitment it implements is not filterable,
// so a caller who reads the item learns nothing of a hidden commitment.
func TestNoFilterReachesAConfidentialCommitmentThroughAStrategysItem(t *testing.T) {
	t.Parallel()
	c := newCooperation(t)
	for _, q := range []string{
		`{ actionItems(where: {hasImplementsWith: [{code: "E1"}]}) { totalCount } }`,
		`{ strategies(where: {hasObjectivesWith: [{hasActionItemsWith: [{hasImplementsWith: [{code: "E1"}]}]}]}) { totalCount } }`,
		`{ agreements(where: {hasCommitmentsWith: [{hasImplementedByWith: [{code: "A1.1"}]}]}) { totalCount } }`,
		`{ domains(where: {hasAgreementsWith: [{confidential: true}]}) { totalCount } }`,
		`{ agencies(where: {hasResponsibleCommitmentsWith: [{code: "E1"}]}) { totalCount } }`,
	} {
		c.Fails(t, c.World.JusticeAgent, q, nil, "GRAPHQL_VALIDATION_FAILED")
	}
}
