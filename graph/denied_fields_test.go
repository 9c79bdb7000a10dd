package graph_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/palabre/palabre/access"
	"github.com/palabre/palabre/ent/schema/pulid"
)

// Item 12 of issue 7: a field the caller may not read (an account, for the
// public) is null on its own; it never nulls the object it belongs to. The
// public asking for an observation's author lost the whole observation.
func TestAFieldTheCallerMayNotReadIsNullOnItsOwn(t *testing.T) {
	t.Parallel()
	c := newConsulting(t)
	w := c.World
	ctx := access.SystemContext(context.Background())

	// An adopted strategy with a published version, a consolidated round on it
	// with an answered observation, and a move in its history: all public,
	// each pointing to the accounts that wrote them, which are not.
	var published struct {
		PublishVersion struct{ Version struct{ ID pulid.ID } }
	}
	c.OK(t, w.Secretariat, `mutation($in: PublishVersionInput!) { publishVersion(input: $in) { version { id } } }`,
		map[string]any{"in": map[string]any{"strategyID": w.Adopted.ID, "label": "Version adoptée"}}, &published)
	version := published.PublishVersion.Version.ID
	round := c.plan(c.Client.StrategyVersion.GetX(ctx, version), -1, 24*60, w.Security, w.Justice)
	said := c.submit(w.SecurityAgent, submission(round, "Avis sur la stratégie adoptée", "targetKind", "OBJECTIVE", "targetID", w.AdoptedCooperation.ID))
	c.answer(said, "REJECTED", "Déjà couvert.")
	c.act("closeConsultation", round)
	c.act("consolidateConsultation", round)
	c.OK(t, w.Secretariat, moveStrategy, map[string]any{"in": map[string]any{"strategyID": w.Adopted.ID,
		"revision": c.Strategy(t, w.Adopted.ID).Revision, "to": "IN_IMPLEMENTATION", "comment": "Mise en œuvre"}}, nil)

	queries := []struct {
		name, query string
		id          pulid.ID
	}{
		{"an observation's author and answerer", `query($id: ID!) { node(id: $id) { id ... on Observation { body author { name } respondedBy { name } } } }`, said},
		{"observations through their round", `query($id: ID!) { node(id: $id) { id ... on Consultation { title observations { edges { node { id body author { name } respondedBy { email } } } } } } }`, round},
		{"observations of the response matrix", `query($id: ID!) { node(id: $id) { id ... on Consultation { responseMatrix { groups { observations { id author { name } respondedBy { name } } } } } } }`, round},
		{"a version's publisher", `query($id: ID!) { node(id: $id) { id ... on StrategyVersion { number publishedBy { name } } } }`, version},
		{"versions and moves of a strategy", `query($id: ID!) { node(id: $id) { id ... on Strategy { title versions { edges { node { number publishedBy { name } } } }
			transitions { comment actor { name } } adoptedVersion { publishedBy { name } } } } }`, w.Adopted.ID},
	}
	callers := map[string]string{"public": "", "agency": w.SecurityAgent, "other agency": w.JusticeAgent, "reviewer": w.Reviewer, "secretariat": w.Secretariat, "admin": w.Admin}
	for who, token := range callers {
		for _, q := range queries {
			t.Run(who+"/"+q.name, func(t *testing.T) {
				res := c.Do(t, token, q.query, map[string]any{"id": q.id})
				var data struct{ Node map[string]json.RawMessage }
				if err := json.Unmarshal(res.Data, &data); err != nil {
					t.Fatal(err)
				}
				if data.Node == nil {
					t.Fatalf("the object was nulled: %s, errors %+v", res.Data, res.Errors)
				}
				if string(data.Node["id"]) != `"`+string(q.id)+`"` {
					t.Errorf("read %s", res.Data)
				}
				for _, e := range res.Errors {
					last, _ := e.Path[len(e.Path)-1].(string)
					if !strings.Contains("author respondedBy publishedBy actor", last) || last == "" {
						t.Errorf("an error other than on a denied field: %+v", e)
					}
				}
				if who != "public" && len(res.Errors) > 0 {
					t.Errorf("errors for a caller with a token: %+v", res.Errors)
				}
			})
		}
	}
	// The audit trail's actor, for those who read the trail: the reviewer may
	// not read the agency's account, and reads the events all the same.
	for who, token := range map[string]string{"reviewer": w.Reviewer, "secretariat": w.Secretariat, "admin": w.Admin} {
		var trail struct {
			AuditTrail struct {
				Edges []struct {
					Node struct {
						Operation string
						Actor     *struct{ Name string }
					}
				}
			}
		}
		c.OK(t, token, `query($id: ID!) { auditTrail(entityID: $id) { edges { node { operation actor { name } } } } }`, map[string]any{"id": said}, &trail)
		if len(trail.AuditTrail.Edges) == 0 || trail.AuditTrail.Edges[0].Node.Operation != "CREATE" {
			t.Errorf("%s reads the trail %+v", who, trail.AuditTrail.Edges)
		}
	}

	// The secretariat reads its own account where it wrote.
	var own struct {
		Node struct {
			RespondedBy *struct{ Email string }
		}
	}
	c.OK(t, w.Secretariat, `query($id: ID!) { node(id: $id) { ... on Observation { respondedBy { email } } } }`, map[string]any{"id": said}, &own)
	if own.Node.RespondedBy == nil || own.Node.RespondedBy.Email != "secretariat@palabre.test" {
		t.Errorf("the secretariat reads %+v as who answered", own.Node.RespondedBy)
	}
}
