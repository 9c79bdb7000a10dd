package graph_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/palabre/palabre/access"
	"github.com/palabre/palabre/attachment"
	"github.com/palabre/palabre/ent/agreement"
	"github.com/palabre/palabre/ent/schema/pulid"
	"github.com/palabre/palabre/internal/apitest"
	"github.com/palabre/palabre/server"
)

// Attachments (issue 11) through the API: multipart uploads checked before
// anything is stored, files read by whoever reads their record, stored once
// under their SHA-256 and checked on every download.

const attachFileMutation = `mutation($in: AttachFileInput!) { attachFile(input: $in) {
	attachment { id name contentType size sha256 downloadURL uploadedBy { email }
		strategyVersion { id } observation { id } agreement { id } } } }`

// aPDF is a small but real PDF document.
var aPDF = []byte("%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")

type attached struct {
	ID          pulid.ID
	Name        string
	ContentType string
	Size        int
	Sha256      string
	DownloadURL string
}

// attach uploads a file to a record and returns the attachment, or fails the test.
func attach(t *testing.T, s *apitest.Server, token string, owner pulid.ID, name string, data []byte) attached {
	t.Helper()
	res := s.Upload(t, token, attachFileMutation, map[string]any{"in": map[string]any{"ownerID": owner, "file": nil}},
		map[string]apitest.File{"in.file": {Name: name, Data: data}}, true)
	if len(res.Errors) > 0 {
		t.Fatalf("attaching %s: %+v", name, res.Errors)
	}
	var out struct {
		AttachFile struct{ Attachment attached }
	}
	decode(t, res.Data, &out)
	return out.AttachFile.Attachment
}

// refusedUpload sends an upload that must fail with the code and store
// nothing: no row, no event, no file.
func refusedUpload(t *testing.T, s *apitest.Server, token string, owner any, name string, data []byte, code string) string {
	t.Helper()
	before := s.Fingerprint(t)
	res := s.Upload(t, token, attachFileMutation, map[string]any{"in": map[string]any{"ownerID": owner, "file": nil}},
		map[string]apitest.File{"in.file": {Name: name, Data: data}}, true)
	if res.Code() != code {
		t.Fatalf("uploading %s: got %q (%+v), want %s", name, res.Code(), res.Errors, code)
	}
	if after := s.Fingerprint(t); after != before {
		t.Errorf("a refused upload changed the database: %s → %s", before, after)
	}
	if n := storedFiles(t, s); n != 0 {
		t.Errorf("a refused upload left %d file(s) in the store", n)
	}
	return res.Errors[0].Message
}

// storedFiles counts the files in the server's store.
func storedFiles(t *testing.T, s *apitest.Server) int {
	t.Helper()
	n := 0
	err := filepath.WalkDir(s.Files, func(_ string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			n++
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestTheSecretariatAnnexesAFileToAVersion(t *testing.T) {
	t.Parallel()
	c := newConsulting(t)
	w := c.World
	a := attach(t, c.Server, w.Secretariat, c.version.ID, "../../Annexe\u202e 2 : plan d'action é.pdf", aPDF)
	if a.Name != "Annexe 2 _ plan d'action é.pdf" || a.ContentType != "application/pdf" || a.Size != len(aPDF) || a.Sha256 != attachment.Sum(aPDF) {
		t.Errorf("stored %+v", a)
	}
	if a.DownloadURL != "/attachments/"+string(a.ID) {
		t.Errorf("download URL %q", a.DownloadURL)
	}

	res, body := c.Get(t, w.Reviewer, a.DownloadURL)
	if res.StatusCode != http.StatusOK || string(body) != string(aPDF) {
		t.Fatalf("the reviewer downloads: %d %q", res.StatusCode, body)
	}
	for header, want := range map[string]string{
		"Content-Type":           "application/pdf",
		"Content-Disposition":    `attachment; filename="Annexe 2 _ plan d'action _.pdf"; filename*=utf-8''Annexe%202%20_%20plan%20d%27action%20%C3%A9.pdf`,
		"X-Content-Type-Options": "nosniff",
	} {
		if got := res.Header.Get(header); got != want {
			t.Errorf("%s: %q, want %q", header, got, want)
		}
	}

	// The version's annexes, through its edge.
	var out struct {
		Node struct{ Attachments []attached }
	}
	c.OK(t, w.Reviewer, `query($id: ID!) { node(id: $id) { ... on StrategyVersion { attachments { id name } } } }`, map[string]any{"id": c.version.ID}, &out)
	if len(out.Node.Attachments) != 1 || out.Node.Attachments[0].ID != a.ID {
		t.Errorf("the version's attachments: %+v", out.Node.Attachments)
	}

	// The draft strategy's version is not public: neither is its annex.
	if res, _ := c.Get(t, "", a.DownloadURL); res.StatusCode != http.StatusNotFound {
		t.Errorf("the public downloads a draft strategy's annex: %d", res.StatusCode)
	}
	// An agency not invited to consult on the strategy does not read it either.
	if res, _ := c.Get(t, c.RegulatorAgent, a.DownloadURL); res.StatusCode != http.StatusNotFound {
		t.Errorf("an agency not invited downloads the annex: %d", res.StatusCode)
	}
}

func TestRefusedUploadsLeaveNothingBehind(t *testing.T) {
	t.Parallel()
	s := apitest.NewWithConfig(t, []func(*server.Config){func(c *server.Config) {
		c.MaxFileBytes, c.MaxUploadBytes = 1024, 4096
	}})
	w := s.World
	ctx := access.SystemContext(context.Background())
	ar, err := s.Client.Agreement.Create().SetKind(agreement.KindMemorandumOfUnderstanding).SetTitle("Protocole d'accord").Save(ctx)
	if err != nil {
		t.Fatal(err)
	}

	big := append(append([]byte{}, aPDF...), make([]byte, 2000)...)
	if msg := refusedUpload(t, s, w.Secretariat, ar.ID, "gros.pdf", big, "BAD_USER_INPUT"); !strings.Contains(msg, "1024 bytes") {
		t.Errorf("too large: %s", msg)
	}
	refusedUpload(t, s, w.Secretariat, ar.ID, "page.pdf", []byte("<!DOCTYPE html><html><script>alert(1)</script></html>"), "BAD_USER_INPUT")
	refusedUpload(t, s, w.Secretariat, ar.ID, "rapport.pdf", append([]byte("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff"), make([]byte, 200)...), "BAD_USER_INPUT")
	refusedUpload(t, s, w.Secretariat, ar.ID, "vide.pdf", nil, "BAD_USER_INPUT")
	refusedUpload(t, s, w.Secretariat, ar.ID, "../..", aPDF, "BAD_USER_INPUT")
	refusedUpload(t, s, w.Reviewer, ar.ID, "signé.pdf", aPDF, "FORBIDDEN")
	refusedUpload(t, s, w.SecurityAgent, ar.ID, "signé.pdf", aPDF, "FORBIDDEN")
	refusedUpload(t, s, "", ar.ID, "signé.pdf", aPDF, "UNAUTHENTICATED")
	refusedUpload(t, s, w.Secretariat, pulid.MustNew("AR"), "signé.pdf", aPDF, "NOT_FOUND")
	refusedUpload(t, s, w.Secretariat, w.Draft.ID, "signé.pdf", aPDF, "BAD_USER_INPUT") // a strategy takes no files

	// Without the preflight header (a cross-site form could send it): 400.
	before := s.Fingerprint(t)
	res := s.Upload(t, w.Secretariat, attachFileMutation, map[string]any{"in": map[string]any{"ownerID": ar.ID, "file": nil}},
		map[string]apitest.File{"in.file": {Name: "signé.pdf", Data: aPDF}}, false)
	if res.Status != http.StatusBadRequest || res.Code() != "BAD_USER_INPUT" {
		t.Errorf("no preflight header: %d %+v", res.Status, res.Errors)
	}
	// A request past the upload limit: 413.
	res = s.Upload(t, w.Secretariat, attachFileMutation, map[string]any{"in": map[string]any{"ownerID": ar.ID, "file": nil}},
		map[string]apitest.File{"in.file": {Name: "énorme.pdf", Data: make([]byte, 5000)}}, true)
	if res.Status != http.StatusRequestEntityTooLarge {
		t.Errorf("a request past the upload limit: %d %+v", res.Status, res.Errors)
	}
	if after := s.Fingerprint(t); after != before || storedFiles(t, s) != 0 {
		t.Errorf("refused requests stored something: %s → %s", before, after)
	}

	// Within the limits, the same file goes through, and is audited.
	a := attach(t, s, w.Secretariat, ar.ID, "signé.pdf", aPDF)
	events, err := s.Client.AuditEvent.Query().All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, e := range events {
		found = found || (e.EntityID == string(a.ID) && e.Operation == "CREATE" && strings.Contains(e.Changes, a.Sha256))
	}
	if !found {
		t.Errorf("no audit event records the attachment %s", a.ID)
	}
}

func TestADraftsAnnexIsAsPrivateAsTheDraft(t *testing.T) {
	t.Parallel()
	c := newConsulting(t)
	w := c.World
	round := c.openRound(w.Security, w.Justice)
	draft := c.submit(w.SecurityAgent, submission(round, "Brouillon annoté", "draft", true))
	a := attach(t, c.Server, w.SecurityAgent, draft, "projet annoté.odt", odt(t))
	if a.ContentType != "application/vnd.oasis.opendocument.text" {
		t.Errorf("content type %q", a.ContentType)
	}
	// Another agency may not attach to it, nor read it.
	refusedUpload2 := func(token string, code string) {
		t.Helper()
		before := c.fingerprint()
		res := c.Upload(t, token, attachFileMutation, map[string]any{"in": map[string]any{"ownerID": draft, "file": nil}},
			map[string]apitest.File{"in.file": {Name: "x.pdf", Data: aPDF}}, true)
		if res.Code() != code {
			t.Errorf("attaching to another's draft: %q %+v", res.Code(), res.Errors)
		}
		if c.fingerprint() != before {
			t.Errorf("a refused upload changed the database")
		}
	}
	refusedUpload2(w.JusticeAgent, "NOT_FOUND")
	refusedUpload2(w.Secretariat, "NOT_FOUND")

	for who, token := range map[string]string{"secretariat": w.Secretariat, "reviewer": w.Reviewer, "justice": w.JusticeAgent, "admin": w.Admin, "public": ""} {
		if res, _ := c.Get(t, token, a.DownloadURL); res.StatusCode != http.StatusNotFound && res.StatusCode != http.StatusUnauthorized {
			t.Errorf("the %s downloads the draft's annex: %d", who, res.StatusCode)
		}
		if c.nodeVisible(t, token, a.ID) {
			t.Errorf("the %s reads the draft's annex by node()", who)
		}
	}
	if res, _ := c.Get(t, w.SecurityAgent, a.DownloadURL); res.StatusCode != http.StatusOK {
		t.Errorf("the agency does not download its own draft's annex: %d", res.StatusCode)
	}

	// Once submitted, the secretariat reads the observation and its annex.
	c.OK(t, w.SecurityAgent, editObservationMutation, map[string]any{"id": draft, "rev": c.observation(draft).Revision, "in": map[string]any{"submit": true}}, nil)
	if res, _ := c.Get(t, w.Secretariat, a.DownloadURL); res.StatusCode != http.StatusOK {
		t.Errorf("the secretariat does not download a submitted observation's annex: %d", res.StatusCode)
	}
	if res, _ := c.Get(t, w.JusticeAgent, a.DownloadURL); res.StatusCode != http.StatusNotFound {
		t.Errorf("another agency downloads the annex before consolidation: %d", res.StatusCode)
	}
}

func TestAFileIsStoredOnceAndCheckedOnEveryDownload(t *testing.T) {
	t.Parallel()
	c := newConsulting(t)
	w := c.World
	ctx := access.SystemContext(context.Background())
	ar, err := c.Client.Agreement.Create().SetKind(agreement.KindCooperationAgreement).SetTitle("Accord de coopération").Save(ctx)
	if err != nil {
		t.Fatal(err)
	}
	first := attach(t, c.Server, w.Secretariat, c.version.ID, "annexe.pdf", aPDF)
	again := attach(t, c.Server, w.Secretariat, c.version.ID, "annexe (copie).pdf", aPDF)
	other := attach(t, c.Server, w.Secretariat, ar.ID, "accord signé.pdf", aPDF)
	if again.ID != first.ID {
		t.Errorf("the same file attached twice to one version made two attachments")
	}
	if other.ID == first.ID || other.Sha256 != first.Sha256 {
		t.Errorf("the agreement's attachment: %+v", other)
	}
	if n := storedFiles(t, c.Server); n != 1 {
		t.Errorf("%d files stored for one content, want 1", n)
	}

	// Someone changes the stored bytes behind Palabre's back: the file is
	// never served again.
	path := filepath.Join(c.Files, "sha256", first.Sha256[:2], first.Sha256)
	if err := os.WriteFile(path, []byte("%PDF-1.4 forged"), 0o644); err != nil {
		t.Fatal(err)
	}
	res, body := c.Get(t, w.Secretariat, first.DownloadURL)
	if res.StatusCode != http.StatusInternalServerError || !strings.Contains(string(body), "INTERNAL") || strings.Contains(string(body), "forged") {
		t.Errorf("an altered file: %d %s", res.StatusCode, body)
	}
	if n, problems, err := attachment.Verify(ctx, c.Client, attachment.NewStore(c.Files)); err != nil || n != 2 || len(problems) != 2 {
		t.Errorf("verify: %d checked, %v, %v", n, problems, err)
	}
}

// odt is a minimal OpenDocument text: a ZIP whose first entry, stored
// uncompressed, names its type.
func odt(t *testing.T) []byte {
	t.Helper()
	var b bytes.Buffer
	z := zip.NewWriter(&b)
	f, err := z.CreateHeader(&zip.FileHeader{Name: "mimetype", Method: zip.Store})
	if err != nil {
		t.Fatal(err)
	}
	_, _ = f.Write([]byte("application/vnd.oasis.opendocument.text"))
	f, _ = z.Create("content.xml")
	_, _ = f.Write([]byte(`<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>`))
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func decode(t *testing.T, data json.RawMessage, v any) {
	t.Helper()
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatalf("decoding %s: %v", data, err)
	}
}

func TestUploadsAndDownloadsThroughS3CompatibleStorage(t *testing.T) {
	location, _ := apitest.S3(t)
	s := apitest.NewWithConfig(t, []func(*server.Config){func(c *server.Config) { c.Files = location }})
	ctx := access.SystemContext(context.Background())
	ar, err := s.Client.Agreement.Create().SetKind(agreement.KindMemorandumOfUnderstanding).SetTitle("Protocole d'accord").Save(ctx)
	if err != nil {
		t.Fatal(err)
	}
	a := attach(t, s, s.World.Secretariat, ar.ID, "protocole signé.pdf", aPDF)
	res, body := s.Get(t, s.World.Reviewer, a.DownloadURL)
	if res.StatusCode != http.StatusOK || !bytes.Equal(body, aPDF) {
		t.Fatalf("download from S3: %d %q", res.StatusCode, body)
	}
	if n, problems, err := attachment.Verify(ctx, s.Client, attachment.NewStore(location)); err != nil || n != 1 || len(problems) != 0 {
		t.Errorf("verify against S3: %d, %v, %v", n, problems, err)
	}
}

func TestAFileAlreadyAttachedIsNotGivenToWhoMayNotAttach(t *testing.T) {
	t.Parallel()
	c := newConsulting(t)
	w := c.World
	attach(t, c.Server, w.Secretariat, c.version.ID, "annexe.pdf", aPDF)
	for who, token := range map[string]string{"reviewer": w.Reviewer, "agency": w.SecurityAgent, "admin": w.Admin} {
		res := c.Upload(t, token, attachFileMutation, map[string]any{"in": map[string]any{"ownerID": c.version.ID, "file": nil}},
			map[string]apitest.File{"in.file": {Name: "annexe.pdf", Data: aPDF}}, true)
		if code := res.Code(); code != "FORBIDDEN" && code != "NOT_FOUND" || string(res.Data) != "null" {
			t.Errorf("the %s re-attaching a file the version holds: %q %s", who, res.Code(), res.Data)
		}
	}
}

func TestAMalformedMultipartRequestIsRefusedWithACode(t *testing.T) {
	t.Parallel()
	s := apitest.New(t)
	var body bytes.Buffer
	form := multipart.NewWriter(&body)
	_ = form.WriteField("map", `{"0":["variables.in.file"]}`) // map before operations
	_ = form.WriteField("operations", `{"query":"mutation { __typename }"}`)
	_ = form.Close()
	req, _ := http.NewRequest(http.MethodPost, s.URL, &body)
	req.Header.Set("Content-Type", form.FormDataContentType())
	req.Header.Set("GraphQL-Preflight", "1")
	req.Header.Set("Authorization", "Bearer "+s.World.Secretariat)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var out apitest.Response
	if err := json.NewDecoder(res.Body).Decode(&out); err != nil {
		t.Fatal(err)
	}
	if res.StatusCode != http.StatusBadRequest || out.Code() != "BAD_USER_INPUT" {
		t.Errorf("a malformed multipart request: %d %+v", res.StatusCode, out.Errors)
	}
}

func TestAConfidentialAgreementsFilesAreReadByItsPartiesOnly(t *testing.T) {
	t.Parallel()
	s := apitest.New(t)
	w := s.World
	ctx := access.SystemContext(context.Background())
	ar, err := s.Client.Agreement.Create().SetKind(agreement.KindCooperationAgreement).SetTitle("Accord confidentiel").SetConfidential(true).Save(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Client.AgreementParty.Create().SetAgreement(ar).SetAgency(w.Security).SetRole("SIGNATORY").Save(ctx); err != nil {
		t.Fatal(err)
	}
	a := attach(t, s, w.Secretariat, ar.ID, "accord signé.pdf", aPDF)
	for who, token := range map[string]string{"party": w.SecurityAgent, "reviewer": w.Reviewer} {
		if res, _ := s.Get(t, token, a.DownloadURL); res.StatusCode != http.StatusOK {
			t.Errorf("the %s does not download the signed text: %d", who, res.StatusCode)
		}
	}
	for who, token := range map[string]string{"another agency": w.JusticeAgent, "public": ""} {
		if res, _ := s.Get(t, token, a.DownloadURL); res.StatusCode != http.StatusNotFound {
			t.Errorf("the %s downloads a confidential agreement's file: %d", who, res.StatusCode)
		}
		// Through the attachment's own edges too: its agreement stays hidden.
		res := s.Do(t, token, `query($id: ID!) { node(id: $id) { id ... on Attachment { agreement { id } } } }`, map[string]any{"id": a.ID})
		if string(res.Data) != `{"node":null}` {
			t.Errorf("the %s reads the attachment by node(): %s", who, res.Data)
		}
	}
}
