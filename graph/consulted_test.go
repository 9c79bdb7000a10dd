package graph_test

import (
	"context"
	"testing"
	"time"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/access"
	"github.com/palabre/palabre/ent/schema/pulid"
)

const consultedVersionQuery = `query($id: ID!) { node(id: $id) { ... on Consultation { version { number objectives {
	id code title pillar parentCode actionItems { id code title priority status progress dueDate leadAgency { acronym } supportingAgencies { acronym } } } } } } }`

type consultedVersion struct {
	Node *struct {
		Version struct {
			Number     int
			Objectives []struct {
				ID                 pulid.ID
				Code, Title        string
				Pillar, ParentCode *string
				ActionItems        []struct {
					ID                            pulid.ID
					Code, Title, Priority, Status string
					Progress                      int
					DueDate                       *time.Time
					LeadAgency                    struct{ Acronym string }
				}
			}
		}
	}
}

// An agency consulted on a version reads its objectives and items as typed
// fields, as published (not as the working copy became), and targets an item
// by the ID the version gives.
func TestAnAgencyReadsTheConsultedVersionAndTargetsItsItems(t *testing.T) {
	t.Parallel()
	c := newConsulting(t)
	round := c.openRound(c.World.Security)
	published := c.World.Incidents.Title
	c.Client.ActionItem.UpdateOneID(c.World.Incidents.ID).SetTitle("Titre changé après publication").
		ExecX(access.SystemContext(context.Background()))

	var got consultedVersion
	c.OK(t, c.World.SecurityAgent, consultedVersionQuery, map[string]any{"id": round}, &got)
	if got.Node == nil || got.Node.Version.Number != 1 || len(got.Node.Version.Objectives) != 2 {
		t.Fatalf("consulted version: %+v", got.Node)
	}
	var found bool
	for _, o := range got.Node.Version.Objectives {
		if o.Pillar == nil || o.Code == "" {
			t.Errorf("objective without pillar or code: %+v", o)
		}
		for _, item := range o.ActionItems {
			if item.ID != c.World.Incidents.ID {
				continue
			}
			found = true
			if item.Title != published || item.Code != c.World.Incidents.Code || item.LeadAgency.Acronym != c.World.Security.Acronym || item.DueDate == nil {
				t.Errorf("the item as published: %+v (title %q)", item, published)
			}
		}
	}
	if !found {
		t.Fatalf("the consulted version has no item %s", c.World.Incidents.ID)
	}

	// The ID the version gives is what an observation targets.
	id := c.submit(c.World.SecurityAgent, submission(round, "Préciser le délai.", "targetKind", "ACTION_ITEM", "targetID", c.World.Incidents.ID))
	if o := c.observation(id); o.TargetCode != c.World.Incidents.Code || o.TargetTitle != published {
		t.Errorf("observation target: %q %q", o.TargetCode, o.TargetTitle)
	}
}

// An agency re-reads its own observation by ID (after a CONFLICT, say);
// another agency does not see it, a reviewer does.
func TestAnAgencyReadsItsObservationByID(t *testing.T) {
	t.Parallel()
	c := newConsulting(t)
	round := c.openRound(c.World.Security, c.World.Justice)
	id := c.submit(c.World.SecurityAgent, submission(round, "Une remarque."))
	const byID = `query($id: ID!) { node(id: $id) { ... on Observation { id revision status body } } }`

	for _, token := range []string{c.World.SecurityAgent, c.World.Reviewer, c.World.Secretariat} {
		var got struct{ Node *struct{ ID pulid.ID } }
		c.OK(t, token, byID, map[string]any{"id": id}, &got)
		if got.Node == nil || got.Node.ID != id {
			t.Errorf("a reader of the observation got %+v", got.Node)
		}
	}
	c.Fails(t, c.World.JusticeAgent, byID, map[string]any{"id": id}, palabre.ENOTFOUND)
	c.Fails(t, "", byID, map[string]any{"id": id}, palabre.ENOTFOUND)
}
