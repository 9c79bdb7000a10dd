package graph_test

import (
	"net/http"
	"testing"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/ent/schema/pulid"
)

// A meeting's files (signed minutes, the attendance sheet): attached through
// the meeting's own write rule, read exactly when the meeting is.

const meetingFiles = `query($id: ID!) { node(id: $id) { id ... on Meeting { attachments { id name } } } }`

func meetingAttachments(t *testing.T, c *committees, token string, meeting pulid.ID) []attached {
	t.Helper()
	var out struct {
		Node *struct{ Attachments []attached }
	}
	res := c.Do(t, token, meetingFiles, map[string]any{"id": meeting})
	if res.Code() == palabre.ENOTFOUND {
		return nil // the meeting is hidden from the caller
	}
	decode(t, res.Data, &out)
	if out.Node == nil {
		return nil
	}
	return out.Node.Attachments
}

func TestAMeetingsFilesAreAttachedByItsSecretariatAndReadWithIt(t *testing.T) {
	t.Parallel()
	c := newCommittees(t)
	w := c.World
	scheduled := c.meeting(w.Secretariat, c.mixed, "2026-09-01T09:00:00Z")
	protocolMeeting := c.meeting(w.Secretariat, c.protocol, "2026-07-01T09:00:00Z")

	// Refusals first, while the store is empty: each leaves no row and no file.
	for _, r := range []struct {
		who, token string
		meeting    pulid.ID
		code       string
	}{
		{"an agency outside the committee", w.JusticeAgent, c.held, palabre.EFORBIDDEN},
		{"an agency that cannot read the meeting", w.JusticeAgent, protocolMeeting, palabre.ENOTFOUND},
		{"a member that does not hold the secretariat", w.SecurityAgent, protocolMeeting, palabre.EFORBIDDEN},
		{"a reviewer", w.Reviewer, c.held, palabre.EFORBIDDEN},
		{"an administrator", w.Admin, c.held, palabre.EFORBIDDEN},
		{"the public", "", c.held, palabre.EUNAUTHENTICATED},
	} {
		t.Run(r.who, func(t *testing.T) {
			refusedUpload(t, c.Server, r.token, r.meeting, "feuille de présence.pdf", aPDF, r.code)
		})
	}

	// The agency holding the committee's secretariat, and the secretariat.
	sheet := attach(t, c.Server, w.SecurityAgent, c.held, "feuille de présence.pdf", aPDF)
	signed := attach(t, c.Server, w.Secretariat, scheduled, "ordre du jour signé.txt", []byte("Ordre du jour signé.\n"))
	secret := attach(t, c.Server, w.Secretariat, protocolMeeting, "compte rendu signé.txt", []byte("Compte rendu signé du protocole.\n"))

	// Read with the meeting: the public reads a held meeting's files only.
	if got := meetingAttachments(t, c, "", c.held); len(got) != 1 || got[0].ID != sheet.ID {
		t.Errorf("the public reads the held meeting's files as %+v", got)
	}
	if got := meetingAttachments(t, c, "", scheduled); got != nil {
		t.Errorf("the public reads a meeting not held yet: %+v", got)
	}
	for who, want := range map[string]struct {
		token string
		a     attached
		ok    bool
	}{
		"the public, a held meeting's file":            {"", sheet, true},
		"the public, a file of a meeting not held":     {"", signed, false},
		"a member, the confidential committee's file":  {w.SecurityAgent, secret, true},
		"another agency, the confidential committee's": {w.JusticeAgent, secret, false},
		"a reviewer, the confidential committee's":     {w.Reviewer, secret, true},
	} {
		res, _ := c.Get(t, want.token, want.a.DownloadURL)
		if (res.StatusCode == http.StatusOK) != want.ok {
			t.Errorf("%s: download answered %d", who, res.StatusCode)
		}
		node := c.Do(t, want.token, `query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": want.a.ID})
		if (string(node.Data) != `{"node":null}`) != want.ok {
			t.Errorf("%s: node() answered %s", who, node.Data)
		}
	}
}

func TestAnAgreementsPackageIsExportedByAdministratorsAndTheSecretariat(t *testing.T) {
	t.Parallel()
	c := newCommittees(t)
	w := c.World
	const export = `mutation($in: ExportAgreementInput!) { exportAgreement(input: $in) { downloadURL } }`
	in := map[string]any{"in": map[string]any{"agreementID": c.public}}
	for who, r := range map[string]struct{ token, code string }{
		"a reviewer": {w.Reviewer, palabre.EFORBIDDEN},
		"an agency":  {w.SecurityAgent, palabre.EFORBIDDEN},
		"the public": {"", palabre.EUNAUTHENTICATED},
	} {
		if res := c.Do(t, r.token, export, in); res.Code() != r.code {
			t.Errorf("%s exports an agreement: %+v", who, res.Errors)
		}
		if res, _ := c.Get(t, r.token, "/agreements/"+string(c.public)+"/archive.zip"); res.StatusCode == http.StatusOK {
			t.Errorf("%s downloads an agreement's package", who)
		}
	}
	for _, token := range []string{w.Secretariat, w.Admin} {
		var out struct{ ExportAgreement struct{ DownloadURL string } }
		c.OK(t, token, export, in, &out)
		res, body := c.Get(t, token, out.ExportAgreement.DownloadURL)
		if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "application/zip" || len(body) == 0 {
			t.Fatalf("downloading %s: %d %s", out.ExportAgreement.DownloadURL, res.StatusCode, res.Header.Get("Content-Type"))
		}
	}
}
