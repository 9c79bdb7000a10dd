package graph_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"entgo.io/ent/dialect"

	"github.com/palabre/palabre/clock"
	"github.com/palabre/palabre/coordination"
	"github.com/palabre/palabre/database/dbtest"
	"github.com/palabre/palabre/ent/minutes"
	"github.com/palabre/palabre/ent/schema/pulid"
	"github.com/palabre/palabre/internal/apitest"
	"github.com/palabre/palabre/server"
)

// committees is the cooperation world with a clock set on Today and two
// committees: the public MoU's coordination committee (MEN chair, UIT co-chair,
// ANSSI secretariat; every 3 months) with a meeting held on 2026-06-01, and
// the confidential protocol's committee (MEN secretariat, ANSSI member).
type committees struct {
	*cooperation
	clock           *clock.Fake
	mixed, protocol pulid.ID // committees
	held            pulid.ID // the mixed committee's meeting of 2026-06-01, held
}

const (
	createCommittee = `mutation($in: CreateCommitteeInput!) { createCommittee(input: $in) { committee { id } } }`
	createMember    = `mutation($in: CreateCommitteeMemberInput!) { createCommitteeMember(input: $in) { member { id role } } }`
	createMeeting   = `mutation($in: CreateMeetingInput!) { createMeeting(input: $in) { meeting { id revision status } } }`
	updateMeeting   = `mutation($id: ID!, $rev: Int!, $in: UpdateMeetingInput!) { updateMeeting(id: $id, revision: $rev, input: $in) { meeting { id revision attendees { acronym } } } }`
	moveMeeting     = `mutation($in: MoveMeetingInput!) { moveMeeting(input: $in) { meeting { status revision } transition { from to comment actor { email } } } }`
	createMinutes   = `mutation($in: CreateMinutesInput!) { createMinutes(input: $in) { minutes { id number revision status } } }`
	updateMinutes   = `mutation($id: ID!, $rev: Int!, $in: UpdateMinutesInput!) { updateMinutes(id: $id, revision: $rev, input: $in) { minutes { id revision text } } }`
	approveMinutes  = `mutation($in: ApproveMinutesInput!) { approveMinutes(input: $in) { minutes { id number status sha256 approvedAt revision } } }`
)

func newCommittees(t *testing.T, opts ...dbtest.Option) *committees {
	t.Helper()
	fake := clock.NewFake(apitest.Today)
	s := apitest.NewWithConfig(t, []func(*server.Config){func(c *server.Config) { c.Clock = fake }}, opts...)
	c := &committees{cooperation: cooperationOn(t, s), clock: fake}
	w := c.World
	c.mixed = c.committee(map[string]any{"name": "Comité mixte de coordination", "kind": "BILATERAL_COORDINATION_COMMITTEE",
		"agreementID": c.public, "meetingEvery": 3, "meetingEveryUnit": "MONTHS"})
	c.member(c.mixed, w.Ministry.ID, "CHAIR")
	c.member(c.mixed, w.Partner.ID, "CO_CHAIR")
	c.member(c.mixed, w.Security.ID, "SECRETARIAT")
	c.protocol = c.committee(map[string]any{"name": "Comité de suivi du protocole", "kind": "TECHNICAL_WORKING_GROUP", "agreementID": c.secret})
	c.member(c.protocol, w.Ministry.ID, "SECRETARIAT")
	c.member(c.protocol, w.Security.ID, "MEMBER")
	c.held = c.meeting(w.Secretariat, c.mixed, "2026-06-01T09:00:00Z")
	c.move(w.Secretariat, c.held, "HELD")
	return c
}

func (c *committees) committee(in map[string]any) pulid.ID {
	c.t.Helper()
	var out struct {
		CreateCommittee struct{ Committee struct{ ID pulid.ID } }
	}
	c.OK(c.t, c.World.Secretariat, createCommittee, map[string]any{"in": in}, &out)
	return out.CreateCommittee.Committee.ID
}

func (c *committees) member(committee, agency pulid.ID, role string) {
	c.t.Helper()
	c.OK(c.t, c.World.Secretariat, createMember, map[string]any{"in": map[string]any{"committeeID": committee, "agencyID": agency, "role": role}}, nil)
}

func (c *committees) meeting(token string, committee pulid.ID, at string) pulid.ID {
	c.t.Helper()
	var out struct {
		CreateMeeting struct{ Meeting struct{ ID pulid.ID } }
	}
	c.OK(c.t, token, createMeeting, map[string]any{"in": map[string]any{"committeeID": committee, "scheduledAt": at,
		"place": "Abidjan", "agenda": "1. Bilan des actions\n2. Divers"}}, &out)
	return out.CreateMeeting.Meeting.ID
}

// rev reads the revision of a meeting or minutes as the secretariat.
func (c *committees) rev(id pulid.ID) int {
	c.t.Helper()
	var out struct{ Node struct{ Revision int } }
	c.OK(c.t, c.World.Secretariat, `query($id: ID!) { node(id: $id) { ... on Meeting { revision } ... on Minutes { revision } } }`, map[string]any{"id": id}, &out)
	return out.Node.Revision
}

func (c *committees) move(token string, meeting pulid.ID, to string) {
	c.t.Helper()
	c.OK(c.t, token, moveMeeting, map[string]any{"in": map[string]any{"meetingID": meeting, "revision": c.rev(meeting), "to": to}}, nil)
}

func (c *committees) minutes(token string, meeting pulid.ID, text string) pulid.ID {
	c.t.Helper()
	var out struct {
		CreateMinutes struct{ Minutes struct{ ID pulid.ID } }
	}
	c.OK(c.t, token, createMinutes, map[string]any{"in": map[string]any{"meetingID": meeting, "text": text}}, &out)
	return out.CreateMinutes.Minutes.ID
}

type approved struct {
	ApproveMinutes struct {
		Minutes struct {
			ID       pulid.ID
			Number   int
			Status   string
			Sha256   string
			Revision int
		}
	}
}

func (c *committees) approve(token string, id pulid.ID) approved {
	c.t.Helper()
	var out approved
	c.OK(c.t, token, approveMinutes, map[string]any{"in": map[string]any{"minutesID": id, "revision": c.rev(id)}}, &out)
	return out
}

func TestACommitteeFollowsOneAgreementOrOneStrategy(t *testing.T) {
	t.Parallel()
	c := newCommittees(t)
	w := c.World
	in := func(more map[string]any) map[string]any {
		v := map[string]any{"name": "Comité", "kind": "INTERMINISTERIAL_STEERING_COMMITTEE"}
		for k, x := range more {
			v[k] = x
		}
		return map[string]any{"in": v}
	}
	c.refused(t, w.Secretariat, createCommittee, in(map[string]any{"agreementID": c.public, "strategyID": w.Draft.ID}), "BAD_USER_INPUT")
	c.refused(t, w.Secretariat, createCommittee, in(nil), "BAD_USER_INPUT")
	c.refused(t, w.SecurityAgent, createCommittee, in(map[string]any{"strategyID": w.Draft.ID}), "FORBIDDEN")
	c.refused(t, w.Reviewer, createCommittee, in(map[string]any{"strategyID": w.Draft.ID}), "FORBIDDEN")
	c.refused(t, "", createCommittee, in(map[string]any{"strategyID": w.Draft.ID}), "UNAUTHENTICATED")
	c.committee(in(map[string]any{"strategyID": w.Draft.ID})["in"].(map[string]any))
	// Only the secretariat seats members; the committee's secretariat agency does not.
	c.refused(t, w.SecurityAgent, createMember, map[string]any{"in": map[string]any{"committeeID": c.mixed, "agencyID": w.Justice.ID}}, "FORBIDDEN")
	c.refused(t, w.Secretariat, createMember, map[string]any{"in": map[string]any{"committeeID": c.mixed, "agencyID": w.Security.ID}}, "CONFLICT")
}

func TestTheCommitteesSecretariatAgencyRecordsItsMeetingsOnly(t *testing.T) {
	t.Parallel()
	c := newCommittees(t)
	w := c.World
	in := func(committee pulid.ID, at string) map[string]any {
		return map[string]any{"in": map[string]any{"committeeID": committee, "scheduledAt": at, "online": true}}
	}
	// ANSSI holds the mixed committee's secretariat, not the protocol's.
	next := c.meeting(w.SecurityAgent, c.mixed, "2026-09-01T09:00:00Z")
	c.refused(t, w.SecurityAgent, createMeeting, in(c.protocol, "2026-09-01T09:00:00Z"), "FORBIDDEN")
	c.refused(t, w.JusticeAgent, createMeeting, in(c.mixed, "2026-09-01T09:00:00Z"), "FORBIDDEN")
	c.refused(t, w.Reviewer, createMeeting, in(c.mixed, "2026-09-01T09:00:00Z"), "FORBIDDEN")
	c.refused(t, "", createMeeting, in(c.mixed, "2026-09-01T09:00:00Z"), "UNAUTHENTICATED")

	// Attendance: once held, members only.
	attend := func(token string, ids ...pulid.ID) map[string]any {
		return map[string]any{"id": next, "rev": c.rev(next), "in": map[string]any{"addAttendeeIDs": ids}}
	}
	c.refused(t, w.SecurityAgent, updateMeeting, attend(w.SecurityAgent, w.Ministry.ID), "CONFLICT") // not held yet
	moveIn := func(to string) map[string]any {
		return map[string]any{"in": map[string]any{"meetingID": next, "revision": c.rev(next), "to": to, "comment": "Quorum atteint"}}
	}
	c.refused(t, w.JusticeAgent, moveMeeting, moveIn("HELD"), "FORBIDDEN")
	c.refused(t, w.SecurityAgent, moveMeeting, moveIn("SCHEDULED"), "BAD_USER_INPUT")
	var moved struct {
		MoveMeeting struct {
			Meeting    struct{ Status string }
			Transition struct {
				From, To, Comment string
				Actor             struct{ Email string }
			}
		}
	}
	c.OK(t, w.SecurityAgent, moveMeeting, moveIn("HELD"), &moved)
	if tr := moved.MoveMeeting.Transition; moved.MoveMeeting.Meeting.Status != "HELD" || tr.From != "SCHEDULED" || tr.To != "HELD" ||
		tr.Comment != "Quorum atteint" || tr.Actor.Email != "anssi@palabre.test" {
		t.Errorf("move: %+v", moved.MoveMeeting)
	}
	c.refused(t, w.SecurityAgent, moveMeeting, moveIn("CANCELLED"), "BAD_USER_INPUT") // held is final
	c.refused(t, w.SecurityAgent, updateMeeting, attend(w.SecurityAgent, w.Justice.ID), "BAD_USER_INPUT")
	c.refused(t, w.JusticeAgent, updateMeeting, attend(w.JusticeAgent, w.Ministry.ID), "FORBIDDEN")
	var out struct {
		UpdateMeeting struct {
			Meeting struct{ Attendees []struct{ Acronym string } }
		}
	}
	c.OK(t, w.SecurityAgent, updateMeeting, attend(w.SecurityAgent, w.Ministry.ID, w.Security.ID), &out)
	if n := len(out.UpdateMeeting.Meeting.Attendees); n != 2 {
		t.Errorf("%d attendees, want 2", n)
	}

	// A meeting is not held before its date.
	later := c.meeting(w.Secretariat, c.mixed, "2027-03-01T09:00:00Z")
	c.refused(t, w.Secretariat, moveMeeting, map[string]any{"in": map[string]any{"meetingID": later, "revision": c.rev(later), "to": "HELD"}}, "CONFLICT")
	c.move(w.Secretariat, later, "POSTPONED")
	c.move(w.Secretariat, later, "SCHEDULED")
}

func TestApprovedMinutesAreFrozenAndCorrectedByANewVersion(t *testing.T) {
	t.Parallel()
	c := newCommittees(t)
	w := c.World
	upcoming := c.meeting(w.Secretariat, c.mixed, "2027-03-01T09:00:00Z")
	c.refused(t, w.SecurityAgent, createMinutes, map[string]any{"in": map[string]any{"meetingID": upcoming, "text": "Procès-verbal"}}, "CONFLICT")
	c.refused(t, w.JusticeAgent, createMinutes, map[string]any{"in": map[string]any{"meetingID": c.held, "text": "Procès-verbal"}}, "FORBIDDEN")
	c.refused(t, w.SecurityAgent, createMinutes, map[string]any{"in": map[string]any{"meetingID": c.held, "text": "  "}}, "BAD_USER_INPUT")

	draft := c.minutes(w.SecurityAgent, c.held, "Procès-verbal de la réunion du 1er juin 2026 (projet)")
	text := "Procès-verbal de la réunion du 1er juin 2026\r\nLe comité a validé le plan de formation.  "
	c.OK(t, w.SecurityAgent, updateMinutes, map[string]any{"id": draft, "rev": c.rev(draft), "in": map[string]any{"text": text}}, nil)
	first := c.approve(w.SecurityAgent, draft).ApproveMinutes.Minutes
	if first.Status != "APPROVED" || first.Number != 1 || first.Sha256 != coordination.Hash(text) {
		t.Fatalf("approved: %+v, want the hash %s", first, coordination.Hash(text))
	}

	// Frozen through the API, whoever asks...
	c.refused(t, w.SecurityAgent, updateMinutes, map[string]any{"id": draft, "rev": first.Revision, "in": map[string]any{"text": "Autre texte"}}, "CONFLICT")
	c.refused(t, w.Secretariat, updateMinutes, map[string]any{"id": draft, "rev": first.Revision, "in": map[string]any{"text": "Autre texte"}}, "CONFLICT")
	c.refused(t, w.Secretariat, approveMinutes, map[string]any{"in": map[string]any{"minutesID": draft, "revision": first.Revision}}, "CONFLICT")
	// ... and behind it: the model refuses the system too.
	before := c.Fingerprint(t)
	if err := c.Client.Minutes.UpdateOneID(draft).SetText("Réécrit").Exec(systemContext()); err == nil {
		t.Error("the system rewrote approved minutes")
	}
	if err := c.Client.Minutes.DeleteOneID(draft).Exec(systemContext()); err == nil {
		t.Error("the system deleted approved minutes")
	}
	if c.Fingerprint(t) != before {
		t.Error("a refused change to approved minutes stored something")
	}

	// A correction is a new version, approved in turn; the first stays as it was.
	fix := c.minutes(w.Secretariat, c.held, "Procès-verbal de la réunion du 1er juin 2026 (rectifié)")
	second := c.approve(w.Secretariat, fix).ApproveMinutes.Minutes
	if second.Number != 2 {
		t.Errorf("the correction is version %d, want 2", second.Number)
	}
	var out struct {
		Node struct {
			ApprovedMinutes struct{ Number int }
			Minutes         []struct {
				Number int
				Sha256 string
			}
		}
	}
	c.OK(t, w.Reviewer, `query($id: ID!) { node(id: $id) { ... on Meeting { approvedMinutes { number } minutes { number sha256 } } } }`, map[string]any{"id": c.held}, &out)
	if out.Node.ApprovedMinutes.Number != 2 || len(out.Node.Minutes) != 2 || out.Node.Minutes[0].Sha256 != first.Sha256 {
		t.Errorf("meeting's minutes: %+v", out.Node)
	}
	stored, err := c.Client.Minutes.Get(systemContext(), draft)
	if err != nil || stored.Status != minutes.StatusApproved || stored.Text != text {
		t.Errorf("the first version changed: %+v %v", stored, err)
	}
}

func TestApprovedMinutesTamperedWithFailVerification(t *testing.T) {
	t.Parallel()
	c := newCommittees(t)
	id := c.minutes(c.World.Secretariat, c.held, "Procès-verbal")
	c.approve(c.World.Secretariat, id)
	checked, broken, err := coordination.Verify(systemContext(), c.Client)
	if err != nil || checked != 1 || len(broken) != 0 {
		t.Fatalf("before tampering: %d checked, %v, %v", checked, broken, err)
	}
	if _, err := c.Client.ExecContext(context.Background(), fmt.Sprintf(`UPDATE minutes SET text = 'Procès-verbal modifié' WHERE id = '%s'`, id)); err != nil {
		t.Fatal(err)
	}
	if _, broken, err := coordination.Verify(systemContext(), c.Client); err != nil || len(broken) != 1 || broken[0].MinutesID != id {
		t.Errorf("after tampering: %v, %v", broken, err)
	}
}

// The public reads the committees of public agreements, their held meetings
// and approved minutes; never a confidential agreement's committee or a draft.
func TestWhoReadsWhichCommitteesMeetingsAndMinutes(t *testing.T) {
	t.Parallel()
	c := newCommittees(t)
	w := c.World
	c.meeting(w.Secretariat, c.mixed, "2027-03-01T09:00:00Z") // scheduled
	secretMeeting := c.meeting(w.Secretariat, c.protocol, "2026-05-01T09:00:00Z")
	c.move(w.Secretariat, secretMeeting, "HELD")
	approvedID := c.minutes(w.Secretariat, c.held, "Procès-verbal approuvé")
	c.approve(w.Secretariat, approvedID)
	draft := c.minutes(w.Secretariat, c.held, "Projet de rectificatif")

	const query = `{ committees(orderBy: {field: NAME}) { totalCount edges { node { name
		meetings { totalCount edges { node { status minutes { status } } } } } } } }`
	type seen struct {
		committees, meetings []string
		minutes              []string
	}
	read := func(token string) seen {
		var out struct {
			Committees struct {
				Edges []struct {
					Node struct {
						Name     string
						Meetings struct {
							Edges []struct {
								Node struct {
									Status  string
									Minutes []struct{ Status string }
								}
							}
						}
					}
				}
			}
		}
		c.OK(t, token, query, nil, &out)
		var s seen
		for _, e := range out.Committees.Edges {
			s.committees = append(s.committees, e.Node.Name)
			for _, m := range e.Node.Meetings.Edges {
				s.meetings = append(s.meetings, m.Node.Status)
				for _, n := range m.Node.Minutes {
					s.minutes = append(s.minutes, n.Status)
				}
			}
		}
		slices.Sort(s.meetings)
		slices.Sort(s.minutes)
		return s
	}
	for _, r := range []struct {
		who, token          string
		committees          []string
		meetings, minutesOf []string
	}{
		{"the public", "", []string{"Comité mixte de coordination"}, []string{"HELD"}, []string{"APPROVED"}},
		{"an agency neither party nor member", w.JusticeAgent, []string{"Comité mixte de coordination"}, []string{"HELD", "SCHEDULED"}, []string{"APPROVED"}},
		{"the secretariat agency of the mixed committee", w.SecurityAgent, []string{"Comité de suivi du protocole", "Comité mixte de coordination"}, []string{"HELD", "HELD", "SCHEDULED"}, []string{"APPROVED", "DRAFT"}},
		{"a reviewer", w.Reviewer, []string{"Comité de suivi du protocole", "Comité mixte de coordination"}, []string{"HELD", "HELD", "SCHEDULED"}, []string{"APPROVED", "DRAFT"}},
	} {
		got := read(r.token)
		if !slices.Equal(got.committees, r.committees) || !slices.Equal(got.meetings, r.meetings) || !slices.Equal(got.minutes, r.minutesOf) {
			t.Errorf("%s reads %+v, want %v %v %v", r.who, got, r.committees, r.meetings, r.minutesOf)
		}
	}
	c.Fails(t, "", `query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": draft}, "NOT_FOUND")
	c.Fails(t, "", `query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": c.protocol}, "NOT_FOUND")
	c.Fails(t, w.JusticeAgent, `query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": secretMeeting}, "NOT_FOUND")
}

func TestDecisionsAndFollowUpsOfAMeeting(t *testing.T) {
	t.Parallel()
	c := newCommittees(t)
	w := c.World
	const createDecision = `mutation($in: CreateDecisionInput!) { createDecision(input: $in) { decision { id } } }`
	decision := func(more map[string]any) map[string]any {
		in := map[string]any{"question": "Faut-il étendre la formation aux CERT sectoriels ?", "options": []string{"Oui", "Non"}}
		for k, v := range more {
			in[k] = v
		}
		return map[string]any{"in": in}
	}
	c.refused(t, w.Secretariat, createDecision, decision(map[string]any{"meetingID": c.held, "strategyID": w.Draft.ID}), "BAD_USER_INPUT")
	c.refused(t, w.Secretariat, createDecision, decision(nil), "BAD_USER_INPUT")
	c.refused(t, w.SecurityAgent, createDecision, decision(map[string]any{"meetingID": c.held}), "FORBIDDEN")
	var d struct {
		CreateDecision struct{ Decision struct{ ID pulid.ID } }
	}
	c.OK(t, w.Secretariat, createDecision, decision(map[string]any{"meetingID": c.held}), &d)
	c.OK(t, w.Secretariat, `mutation($in: SettleDecisionInput!) { settleDecision(input: $in) { decision { status } } }`,
		map[string]any{"in": map[string]any{"decisionID": d.CreateDecision.Decision.ID, "revision": 1, "outcome": "Oui",
			"body": "STEERING_COMMITTEE", "decidedOn": "2026-06-01T00:00:00Z"}}, nil)

	// Follow-ups belong to the plan the committee follows.
	overdue := c.item(map[string]any{"commitmentID": c.publicCommitment, "code": "S1", "title": "Transmettre le rapport d'exercice",
		"leadAgencyID": w.Security.ID, "dueDate": "2026-07-01T00:00:00Z", "meetingID": c.held})
	c.item(map[string]any{"commitmentID": c.publicCommitment, "code": "S2", "title": "Préparer la prochaine session",
		"leadAgencyID": w.Ministry.ID, "dueDate": "2027-01-15T00:00:00Z", "meetingID": c.held})
	c.refused(t, w.Secretariat, createItem, map[string]any{"in": map[string]any{"objectiveID": w.DraftLegal.ID, "code": "S3",
		"title": "Hors plan", "leadAgencyID": w.Security.ID, "meetingID": c.held}}, "BAD_USER_INPUT")
	c.refused(t, w.Secretariat, createItem, map[string]any{"in": map[string]any{"commitmentID": c.secretDuty, "code": "S3",
		"title": "Autre accord", "leadAgencyID": w.Security.ID, "meetingID": c.held}}, "BAD_USER_INPUT")

	// The public reads the held meeting's decisions and its committee's overdue follow-ups.
	var out struct {
		Node struct {
			FollowUps struct {
				TotalCount int
				Edges      []struct{ Node struct{ ID pulid.ID } }
			}
			Meetings struct {
				Edges []struct {
					Node struct{ Decisions []struct{ Outcome string } }
				}
			}
		}
	}
	c.OK(t, "", `query($id: ID!, $on: Time!) { node(id: $id) { ... on Committee {
		followUps(overdueOn: $on) { totalCount edges { node { id } } }
		meetings { edges { node { decisions { outcome } } } } } } }`,
		map[string]any{"id": c.mixed, "on": apitest.Today}, &out)
	if out.Node.FollowUps.TotalCount != 1 || out.Node.FollowUps.Edges[0].Node.ID != overdue {
		t.Errorf("overdue follow-ups: %+v", out.Node.FollowUps)
	}
	if len(out.Node.Meetings.Edges) != 1 || len(out.Node.Meetings.Edges[0].Node.Decisions) != 1 || out.Node.Meetings.Edges[0].Node.Decisions[0].Outcome != "Oui" {
		t.Errorf("the held meeting's decisions: %+v", out.Node.Meetings)
	}
}

// Since the last held meeting: the reports dated after it on the items the
// committee follows, and those that changed their item's status.
func TestWhatChangedSinceTheLastMeeting(t *testing.T) {
	t.Parallel()
	c := newCommittees(t)
	w := c.World
	file := func(item pulid.ID, asOf string, progress int, status string) {
		c.OK(t, w.SecurityAgent, fileReportMutation, report(item, asOf, progress, status), nil)
	}
	file(c.publicItem, "2026-05-15T00:00:00Z", 5, "NOT_STARTED")  // before the meeting
	file(c.publicItem, "2026-07-01T00:00:00Z", 20, "IN_PROGRESS") // changes the status
	file(c.publicItem, "2026-08-01T00:00:00Z", 35, "IN_PROGRESS")
	file(c.secretItem, "2026-08-01T00:00:00Z", 50, "IN_PROGRESS") // another plan
	const query = `query($id: ID!, $on: Time) { node(id: $id) { ... on Committee {
		nextMeetingDue(on: $on) nextMeetingOverdue(on: $on)
		sinceLastMeeting(on: $on) { since lastMeeting { id }
			progressReports { totalCount edges { node { progress changesStatus statusBefore status } } }
			statusChanges: progressReports(statusChangesOnly: true) { totalCount edges { node { progress } } } } } } }`
	var out struct {
		Node struct {
			NextMeetingDue     string
			NextMeetingOverdue bool
			SinceLastMeeting   struct {
				Since           *string
				LastMeeting     *struct{ ID pulid.ID }
				ProgressReports struct {
					TotalCount int
					Edges      []struct {
						Node struct {
							Progress      int
							ChangesStatus bool
						}
					}
				}
				StatusChanges struct {
					TotalCount int
					Edges      []struct{ Node struct{ Progress int } }
				}
			}
		}
	}
	for _, token := range []string{w.Reviewer, w.SecurityAgent, ""} {
		c.OK(t, token, query, map[string]any{"id": c.mixed, "on": apitest.Today}, &out)
		d := out.Node.SinceLastMeeting
		if d.Since == nil || !strings.HasPrefix(*d.Since, "2026-06-01") || d.LastMeeting == nil || d.LastMeeting.ID != c.held {
			t.Fatalf("since: %+v", d)
		}
		if d.ProgressReports.TotalCount != 2 || d.ProgressReports.Edges[0].Node.Progress != 35 || d.ProgressReports.Edges[0].Node.ChangesStatus ||
			!d.ProgressReports.Edges[1].Node.ChangesStatus {
			t.Errorf("reports since the meeting: %+v", d.ProgressReports)
		}
		if d.StatusChanges.TotalCount != 1 || d.StatusChanges.Edges[0].Node.Progress != 20 {
			t.Errorf("status changes since the meeting: %+v", d.StatusChanges)
		}
		// Held on 2026-06-01, every 3 months: due on 2026-09-01, overdue on Today.
		if !strings.HasPrefix(out.Node.NextMeetingDue, "2026-09-01") || !out.Node.NextMeetingOverdue {
			t.Errorf("next meeting due %s, overdue %v", out.Node.NextMeetingDue, out.Node.NextMeetingOverdue)
		}
	}
	c.OK(t, w.Reviewer, query, map[string]any{"id": c.mixed, "on": "2026-08-31T00:00:00Z"}, &out)
	if out.Node.NextMeetingOverdue {
		t.Error("the next meeting is overdue before its due date")
	}
	// Before the first meeting, everything is new.
	c.OK(t, w.Reviewer, query, map[string]any{"id": c.mixed, "on": "2026-05-31T00:00:00Z"}, &out)
	if d := out.Node.SinceLastMeeting; d.Since != nil || d.LastMeeting != nil || d.ProgressReports.TotalCount != 1 {
		t.Errorf("before the first meeting: %+v", d)
	}
}

// Rollups of an agreement, a commitment and a committee on data built to have
// a known answer; an agreement's cadence makes its items stale.
func TestAgreementCommitmentAndCommitteeRollups(t *testing.T) {
	t.Parallel()
	c := newCommittees(t)
	w := c.World
	// The public commitment: A1 (pilot, due 2026-09-30, overdue on Today) and
	// A2, A3 below; A1 reported in progress at 40 on 2026-10-01.
	c.item(map[string]any{"commitmentID": c.publicCommitment, "code": "A2", "title": "Exercice conjoint", "leadAgencyID": w.Ministry.ID,
		"status": "COMPLETED", "progress": 100, "estimatedBudget": 3000, "budgetCurrency": "XOF"})
	c.item(map[string]any{"commitmentID": c.publicCommitment, "code": "A3", "title": "Abandonnée", "leadAgencyID": w.Ministry.ID,
		"status": "CANCELLED", "progress": 0})
	c.OK(t, w.SecurityAgent, fileReportMutation, report(c.publicItem, "2026-10-01T00:00:00Z", 40, "IN_PROGRESS"), nil)
	if _, err := c.Client.ActionItem.UpdateOneID(c.publicItem).SetEstimatedBudget(1000).SetBudgetCurrency("XOF").Save(systemContext()); err != nil {
		t.Fatal(err)
	}
	const query = `query($a: ID!, $cm: ID!, $ct: ID!, $on: Time!) {
		agreement: node(id: $a) { ... on Agreement { progressRollup(on: $on) { ...R } } }
		commitment: node(id: $cm) { ... on Commitment { progressRollup(on: $on) { ...R } } }
		committee: node(id: $ct) { ... on Committee { progressRollup(on: $on) { ...R } } } }
		fragment R on ProgressRollup { total overdue stale meanProgress budgetWeightedProgress budgetCurrency byStatus { status count } }`
	type rollup struct {
		Total, Overdue, Stale  int
		MeanProgress           *float64
		BudgetWeightedProgress *float64
		BudgetCurrency         *string
		ByStatus               []struct {
			Status string
			Count  int
		}
	}
	var out struct {
		Agreement, Commitment, Committee struct{ ProgressRollup rollup }
	}
	read := func(on string) {
		c.OK(t, w.Reviewer, query, map[string]any{"a": c.public, "cm": c.publicCommitment, "ct": c.mixed, "on": on}, &out)
	}
	read("2026-11-23T00:00:00Z")
	// Total 3; A1 overdue; mean (40 + 100) / 2 = 70; weighted (40×1000 + 100×3000) / 4000 = 85.
	for name, r := range map[string]rollup{"agreement": out.Agreement.ProgressRollup, "commitment": out.Commitment.ProgressRollup, "committee": out.Committee.ProgressRollup} {
		if r.Total != 3 || r.Overdue != 1 || r.Stale != 0 || r.MeanProgress == nil || *r.MeanProgress != 70 ||
			r.BudgetWeightedProgress == nil || *r.BudgetWeightedProgress != 85 || *r.BudgetCurrency != "XOF" || len(r.ByStatus) != 3 {
			t.Errorf("%s rollup: %+v", name, r)
		}
	}
	// The agreement's cadence counts: reported on 2026-10-01, stale within 30 days, not within 90.
	c.OK(t, w.Secretariat, `mutation($id: ID!, $rev: Int!) { updateAgreement(id: $id, revision: $rev, input: {reportingCadenceDays: 30}) { agreement { id } } }`,
		map[string]any{"id": c.public, "rev": c.revision(c.public)}, nil)
	read("2026-11-23T00:00:00Z")
	if out.Agreement.ProgressRollup.Stale != 1 || out.Committee.ProgressRollup.Stale != 1 {
		t.Errorf("with a 30-day cadence: %+v", out.Agreement.ProgressRollup)
	}
	var item struct{ Node struct{ Stale bool } }
	c.OK(t, w.Reviewer, `query($id: ID!) { node(id: $id) { ... on ActionItem { stale(on: "2026-11-23T00:00:00Z") } } }`, map[string]any{"id": c.publicItem}, &item)
	if !item.Node.Stale {
		t.Error("the agreement's item is not stale within its agreement's cadence")
	}
	// The public never counts a confidential agreement's items, nor reads its committee's rollup.
	c.Fails(t, "", `query($id: ID!) { node(id: $id) { ... on Committee { progressRollup { total } } } }`, map[string]any{"id": c.protocol}, "NOT_FOUND")
}

func TestAnAgencysAgreementsAndCommittees(t *testing.T) {
	t.Parallel()
	c := newCommittees(t)
	w := c.World
	const query = `query($id: ID!) { node(id: $id) { ... on Agency {
		agreements { totalCount edges { node { title } } } committees { totalCount edges { node { name } } } } } }`
	var out struct {
		Node struct {
			Agreements, Committees struct{ TotalCount int }
		}
	}
	for _, r := range []struct {
		who, token             string
		agreements, committees int
	}{
		{"a reviewer", w.Reviewer, 2, 2},
		{"the agency itself", w.SecurityAgent, 2, 2},
		{"another agency", w.JusticeAgent, 0, 1},
		{"the public", "", 0, 1},
	} {
		c.OK(t, r.token, query, map[string]any{"id": w.Security.ID}, &out)
		// ANSSI is party to the confidential protocol only, and sits on both committees.
		want := r.agreements
		if r.token == w.Reviewer || r.token == w.SecurityAgent {
			want = 1
		}
		if out.Node.Agreements.TotalCount != want || out.Node.Committees.TotalCount != r.committees {
			t.Errorf("%s reads %d agreements and %d committees of ANSSI, want %d and %d", r.who,
				out.Node.Agreements.TotalCount, out.Node.Committees.TotalCount, want, r.committees)
		}
	}
}

func TestAnAgreementsActionPlanAsCSV(t *testing.T) {
	t.Parallel()
	c := newCommittees(t)
	get := func(token string, id pulid.ID) (int, string) {
		url := strings.TrimSuffix(c.URL, "/graphql") + "/agreements/" + string(id) + "/action-plan.csv"
		req, _ := http.NewRequest(http.MethodGet, url, nil)
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		body, err := io.ReadAll(res.Body)
		if err != nil {
			t.Fatal(err)
		}
		return res.StatusCode, string(body)
	}
	status, body := get("", c.public)
	if status != http.StatusOK || !strings.HasPrefix(body, "\ufeffcommitment,code,") || !strings.Contains(body, "E1,A1,Former les équipes du CERT national,ANSSI") {
		t.Errorf("%d:\n%s", status, body)
	}
	if status, _ := get("", c.secret); status != http.StatusNotFound {
		t.Errorf("the public reads a confidential agreement's plan: %d", status)
	}
	if status, _ := get(c.World.SecurityAgent, c.secret); status != http.StatusOK {
		t.Errorf("a party reads its confidential agreement's plan: %d", status)
	}
}

// The rollups of an agreement, a commitment and a committee, and an agency's
// agreements and committees, cost as many statements with 3 items as with 33.
func TestCooperationRollupsDoNotGrowWithTheItems(t *testing.T) {
	t.Parallel()
	var n atomic.Int64
	c := newCommittees(t, dbtest.WithDriver(func(d dialect.Driver) dialect.Driver { return counter{d, &n} }))
	w := c.World
	const query = `query($a: ID!, $cm: ID!, $ct: ID!, $ag: ID!) {
		agreement: node(id: $a) { ... on Agreement { progressRollup { total overdue stale meanProgress budgetWeightedProgress byStatus { status count } } } }
		commitment: node(id: $cm) { ... on Commitment { progressRollup { total overdue stale meanProgress } } }
		committee: node(id: $ct) { ... on Committee { progressRollup { total overdue stale meanProgress } nextMeetingOverdue
			sinceLastMeeting { since progressReports(first: 100) { totalCount edges { node { progress changesStatus } } } } } }
		agency: node(id: $ag) { ... on Agency { agreements { totalCount edges { node { title } } } committees { totalCount edges { node { name } } }
			involvedActionItems(first: 100) { totalCount edges { node { code progress status overdue } } } } } }`
	vars := map[string]any{"a": c.public, "cm": c.publicCommitment, "ct": c.mixed, "ag": w.Security.ID}
	count := func() int64 {
		n.Store(0)
		c.OK(t, w.Reviewer, query, vars, nil)
		return n.Load()
	}
	count()
	small := count()
	for i := 1; i <= 30; i++ {
		id := c.item(map[string]any{"commitmentID": c.publicCommitment, "code": fmt.Sprintf("B%d", i), "title": "Action",
			"leadAgencyID": w.Security.ID, "status": "IN_PROGRESS", "progress": i, "estimatedBudget": 100 * i, "budgetCurrency": "XOF"})
		c.OK(t, w.SecurityAgent, fileReportMutation, report(id, "2026-07-01T00:00:00Z", i, "IN_PROGRESS"), nil)
	}
	large := count()
	if small == 0 {
		t.Fatal("no statement was counted")
	}
	if small != large {
		t.Errorf("cooperation rollups sent %d statements with 3 items and %d with 33", small, large)
	}
	t.Logf("%d statements for the agreement's, commitment's and committee's rollups, the committee's digest and an agency's agreements, committees and involvement", large)
}

// No filter reaches a meeting through a committee or a follow-up: the public
// would learn of scheduled meetings and their agenda.
func TestNoFilterThroughMeetings(t *testing.T) {
	t.Parallel()
	c := newCommittees(t)
	for _, q := range []string{
		`{ committees(where: {hasMeetingsWith: [{status: SCHEDULED}]}) { totalCount } }`,
		`{ actionItems(where: {hasMeetingWith: [{status: SCHEDULED}]}) { totalCount } }`,
	} {
		if res := c.Do(t, "", q, nil); len(res.Errors) == 0 {
			t.Errorf("%s: the filter ran", q)
		}
	}
}
