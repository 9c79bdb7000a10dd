package graph_test

import (
	"fmt"
	"strings"
	"testing"

	"entgo.io/ent/dialect"

	"github.com/palabre/palabre/database/dbtest"
	"github.com/palabre/palabre/ent/objective"
	"github.com/palabre/palabre/ent/schema/pulid"
)

// TestTheRecordAndCooperationScreensDoNotMultiplyStatements: a record's
// files, a committee, a meeting, the agreements, the version a round consults
// and the comparison of two versions cost as many statements with many rows
// as with few (no N+1), with the documents the frontend contract publishes.
func TestTheRecordAndCooperationScreensDoNotMultiplyStatements(t *testing.T) {
	t.Parallel()
	log := &statementLog{}
	c := newCommittees(t, dbtest.WithDriver(func(d dialect.Driver) dialect.Driver { return loggingDriver{d, log} }))
	w := c.World
	k := &consulting{Server: c.Server, t: t}
	first := k.publish(w.Draft.ID, "Version 1")
	second := k.publish(w.Draft.ID, "Version 2")
	k.version = second
	round := k.openRound(w.Security, w.Justice)

	attachments := screen(t, "attachment-list")
	committee := screen(t, "committee-detail")
	agreements := screen(t, "agreement-detail")
	consulted := screen(t, "consulted-version")
	comparison := screen(t, "version-comparison")
	sent := map[string][]string{} // by operation, the statements of the last count
	count := func(token, doc, operation string, vars map[string]any) int64 {
		t.Helper()
		send := func() {
			if res := c.DoOperation(t, token, doc, operation, vars); len(res.Errors) > 0 {
				t.Fatalf("%s: %+v", operation, res.Errors)
			}
		}
		send() // authentication may record the token's last use
		log.reset()
		send()
		sent[operation] = log.reset()
		return int64(len(sent[operation]))
	}
	type measure struct {
		name, operation string
		count           func() int64
	}
	var latest pulid.ID // the latest version, once more has changed
	measures := []measure{
		{"a record's files", "RecordAttachments", func() int64 {
			return count(w.Secretariat, attachments, "RecordAttachments", map[string]any{"id": c.public})
		}},
		{"a committee", "CommitteeDetail", func() int64 {
			return count(w.Secretariat, committee, "CommitteeDetail", map[string]any{"id": c.mixed})
		}},
		{"a meeting", "MeetingDetail", func() int64 {
			return count(w.Secretariat, committee, "MeetingDetail", map[string]any{"id": c.held})
		}},
		{"the agreements", "Agreements", func() int64 { return count(w.Secretariat, agreements, "Agreements", nil) }},
		{"the consulted version", "ConsultedVersion", func() int64 {
			return count(w.SecurityAgent, consulted, "ConsultedVersion", map[string]any{"consultationID": round})
		}},
		{"a comparison of versions", "VersionComparison", func() int64 {
			to := second.ID
			if latest != "" {
				to = latest
			}
			return count(w.Reviewer, comparison, "VersionComparison", map[string]any{"from": first.ID, "to": to})
		}},
	}
	attach(t, c.Server, w.Secretariat, c.public, "accord.pdf", aPDF)
	before := map[string]int64{}
	for _, m := range measures {
		before[m.name] = m.count()
	}

	// More of everything: files, members, meetings, agreements, parties,
	// and a version with more objectives and items.
	for i := range 3 {
		attach(t, c.Server, w.Secretariat, c.public, fmt.Sprintf("annexe-%d.pdf", i), aPDF)
		c.meeting(w.Secretariat, c.mixed, fmt.Sprintf("2026-0%d-01T09:00:00Z", 7+i))
		agreement := c.agreement(fmt.Sprintf("Accord n° %d", i), false)
		c.party(agreement, w.Ministry.ID, "SIGNATORY")
		c.party(agreement, w.Partner.ID, "FUNDER")
	}
	c.member(c.mixed, w.Justice.ID, "MEMBER")
	c.member(c.mixed, w.Regulator.ID, "MEMBER")
	c.OK(t, w.Secretariat, updateMeeting, map[string]any{"id": c.held, "rev": c.rev(c.held),
		"in": map[string]any{"addAttendeeIDs": []pulid.ID{w.Ministry.ID, w.Partner.ID, w.Security.ID, w.Justice.ID}}}, nil)
	for o := 3; o <= 5; o++ {
		obj := c.NewObjective(t, w.Draft, fmt.Sprintf("OS%d", o), objective.PillarCapacityDevelopment)
		for i := 1; i <= 3; i++ {
			c.NewItemUnder(t, obj, fmt.Sprintf("A%d.%d", o, i), w.Security, w.Justice)
		}
	}
	latest = k.publish(w.Draft.ID, "Version 3").ID
	k.version = k.publish(w.Draft.ID, "Version 4")
	round = k.openRound(w.Security, w.Justice)

	for _, m := range measures {
		if after := m.count(); after != before[m.name] {
			t.Errorf("%s: %d statements, then %d with more rows:\n%s", m.name, before[m.name], after, strings.Join(sent[m.operation], "\n"))
		} else {
			t.Logf("%s: %d statements", m.name, after)
		}
	}
}
