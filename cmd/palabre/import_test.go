package main

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/access"
	"github.com/palabre/palabre/attachment"
	"github.com/palabre/palabre/database"
	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/agreement"
	"github.com/palabre/palabre/ent/committee"
	"github.com/palabre/palabre/ent/meeting"
	"github.com/palabre/palabre/ent/minutes"
	"github.com/palabre/palabre/internal/apitest"
	"github.com/palabre/palabre/server"
)

// The round trip of issue 11: a strategy's package, exported as a folder and
// as a ZIP file, checked by the system's sha256sum, imported read-only into
// an empty database, verified, and served: the same reads give the same
// answers as on the database it came from, and every change is refused.

// serving starts the API on a database and its files, as `palabre serve`
// would, and returns it with a reviewer's token made by the command line.
func serving(t *testing.T, db, files, email string) (*apitest.Server, string) {
	t.Helper()
	mustRun(t, "account", "create", "--database", db, "--email", email, "--name", "Lectrice des archives", "--role", "reviewer")
	token := strings.TrimSpace(mustRun(t, "token", "create", "--database", db, "--email", email))
	client, err := database.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { client.Close() })
	cfg := server.DefaultConfig()
	cfg.Files = files
	h, err := server.New(cfg, client, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)
	return &apitest.Server{URL: ts.URL + "/graphql", Base: ts.URL, Client: client}, token
}

// archivedReads are the reads compared between the source and the archive.
// The fields left out differ by design: accounts are not archived (who
// published, wrote, answered, uploaded), and updatedAt, which no audit event
// holds, is the time of the record's last event in an archive (the source's
// is taken a few microseconds apart from it).
const archivedReads = `query($id: ID!) {
  node(id: $id) { ... on Strategy {
    id createdAt revision title country startYear endYear summary status adoptionReference adoptedOn reportingCadenceDays
    ownerAgency { id acronym name } implementingAgency { id acronym }
    adoptedVersion { id number }
    versions(first: 50) { edges { node { id createdAt number label changelog content
      attachments { id createdAt name contentType size downloadURL } } } }
    objectives(first: 100) { edges { node { id code title description pillar } } }
    transitions { id createdAt from to comment }
    decisions { id question options status outcome decidedOn positions { id agency { acronym } } }
    consultations(first: 20) { edges { node { id createdAt revision title kind place opensAt closesAt consolidatedAt status
      invitedAgencies { acronym }
      observations(first: 100) { totalCount edges { node { id createdAt revision targetKind targetCode targetTitle kind body proposedText
        status submittedAt response respondedAt agency { acronym } takenInto { number }
        attachments { id name size contentType } } } }
      responseMatrix { total unanswered byStatus { status count } byAgency { agency { acronym } count } } } } }
  } }
}`

func TestAnArchiveImportsReadOnlyServesTheSameReadsAndVerifies(t *testing.T) {
	t.Parallel()
	a := newArchived(t)
	base := t.TempDir()
	folder, zipped := filepath.Join(base, "bag"), filepath.Join(base, "strategie.zip")
	a.export(t, folder)
	a.export(t, zipped)
	unzipped := filepath.Join(base, "unzipped")
	unzip(t, zipped, unzipped)
	for _, dir := range []string{folder, filepath.Join(unzipped, "strategie")} {
		for _, manifest := range []string{"manifest-sha256.txt", "tagmanifest-sha256.txt"} {
			cmd := exec.Command("sha256sum", "--strict", "-c", manifest)
			cmd.Dir = dir
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("sha256sum --strict -c %s in %s: %v\n%s", manifest, dir, err, out)
			}
		}
	}

	source, sourceToken := serving(t, a.db, a.files, "lectrice@source.sn")
	var want json.RawMessage
	source.OK(t, sourceToken, archivedReads, map[string]any{"id": a.strategy.ID}, &want)

	for _, pkg := range []string{folder, zipped} {
		t.Run(filepath.Base(pkg), func(t *testing.T) {
			db, files := databaseURL(t), t.TempDir()
			out := mustRun(t, "import", "--read-only", "--database", db, "--files", files, pkg)
			if !regexp.MustCompile(`imported read-only: audit events \d+–\d+ \([1-9]\d* events\)`).MatchString(out) {
				t.Fatalf("import said: %s", out)
			}
			report := mustRun(t, "verify", "--database", db, "--files", files)
			for _, line := range []string{`(?m)^audit chain: [1-9]\d* events, intact$`, `(?m)^versions: [1-9]\d* checked, intact$`,
				`(?m)^records: [1-9]\d* checked against the audit trail, intact$`, `(?m)^attachments: 2 re-hashed, intact$`, `(?m)^archive: `} {
				if !regexp.MustCompile(line).MatchString(report) {
					t.Fatalf("verify does not say %s:\n%s", line, report)
				}
			}

			archive, token := serving(t, db, files, "lectrice@archives.sn")
			var got json.RawMessage
			archive.OK(t, token, archivedReads, map[string]any{"id": a.strategy.ID}, &got)
			if !bytes.Equal(canonical(t, want), canonical(t, got)) {
				t.Fatalf("the archive reads differently:\nsource  %s\narchive %s", want, got)
			}

			// Search reads the restored search index.
			var found struct {
				Strategies struct {
					Edges []struct{ Node struct{ ID string } }
				}
			}
			word := strings.Fields(a.strategy.Title)[0]
			archive.OK(t, token, `query($q: String!) { strategies(search: $q) { edges { node { id } } } }`, map[string]any{"q": strings.ToLower(word)}, &found)
			if len(found.Strategies.Edges) != 1 || found.Strategies.Edges[0].Node.ID != string(a.strategy.ID) {
				t.Fatalf("searching the archive for %q: %+v", word, found)
			}

			// The annex downloads, byte for byte.
			res := get(t, archive.Base+"/attachments/"+string(a.annex.ID), token)
			if res.status != http.StatusOK || !bytes.Equal(res.body, aPDF) {
				t.Fatalf("downloading the annex from the archive: %d %q", res.status, res.body)
			}

			// Every change is refused, with 403 READ_ONLY, and stores nothing.
			before := count(t, archive.Client, "audit_events")
			r := archive.Do(t, token, `mutation($in: PublishVersionInput!) { publishVersion(input: $in) { version { id } } }`,
				map[string]any{"in": map[string]any{"strategyID": a.strategy.ID, "label": "Réécriture"}})
			if r.Code() != palabre.EREADONLY || r.Status != http.StatusForbidden {
				t.Fatalf("a mutation on the archive: %d %+v", r.Status, r.Errors)
			}
			if after := count(t, archive.Client, "audit_events"); after != before {
				t.Fatalf("a refused mutation recorded %d events", after-before)
			}

			// A second import is refused, and changes nothing.
			code, _, stderr := run(context.Background(), "import", "--read-only", "--database", db, "--files", files, pkg)
			if code != 1 || !strings.Contains(stderr, "not empty") {
				t.Fatalf("a second import: exit %d, %s", code, stderr)
			}
			if after := count(t, archive.Client, "audit_events"); after != before {
				t.Fatalf("a refused import recorded %d events", after-before)
			}
			mustRun(t, "verify", "--database", db, "--files", files)
		})
	}
}

func TestImportNeedsReadOnlyAndAPackage(t *testing.T) {
	t.Parallel()
	db := databaseURL(t)
	for _, args := range [][]string{
		{"import", "--database", db, "somewhere"},
		{"import", "--read-only", "--database", db},
		{"import", "--read-only", "--database", db, "a", "b"},
	} {
		if code, _, stderr := run(context.Background(), args...); code != 2 || stderr == "" {
			t.Errorf("%v: exit %d, %s", args, code, stderr)
		}
	}
}

func TestATamperedPackageIsRefusedAndLeavesNothing(t *testing.T) {
	t.Parallel()
	a := newArchived(t)
	base := t.TempDir()
	original := filepath.Join(base, "original")
	a.export(t, original)

	cases := []struct {
		name   string
		tamper func(t *testing.T, dir string) string // returns the package to import
		says   string
	}{
		{"an altered payload file", func(t *testing.T, dir string) string {
			write(t, dir, "data/strategy.json", strings.Replace(read(t, dir, "data/strategy.json"), `"title": "`, `"title": "Faux `, 1))
			return dir
		}, "does not match its SHA-256"},
		{"a forged event with its manifest lines rewritten", func(t *testing.T, dir string) string {
			events := read(t, dir, "data/audit-events.jsonl")
			forged := regexp.MustCompile(`\\"title\\":\{\\"after\\":\\"`).ReplaceAllString(events, `\"title\":{\"after\":\"Faux `)
			if forged == events {
				t.Fatal("no event sets a title")
			}
			write(t, dir, "data/audit-events.jsonl", forged)
			rehash(t, dir)
			return dir
		}, "its content does not match its hash"},
		{"an extra payload file", func(t *testing.T, dir string) string {
			write(t, dir, "data/extra.txt", "ajouté\n")
			return dir
		}, "is not in manifest-sha256.txt"},
		{"a missing payload file", func(t *testing.T, dir string) string {
			if err := os.Remove(filepath.Join(dir, "data", "decisions.json")); err != nil {
				t.Fatal(err)
			}
			return dir
		}, "which is missing"},
		{"a ZIP file that is not a bag", func(t *testing.T, dir string) string {
			name := filepath.Join(t.TempDir(), "pas-un-sac.zip")
			var body bytes.Buffer
			z := zip.NewWriter(&body)
			w, _ := z.Create("dossier/lisez-moi.txt")
			_, _ = w.Write([]byte("bonjour\n"))
			_ = z.Close()
			if err := os.WriteFile(name, body.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			return name
		}, "bagit.txt is missing"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "bag")
			copyDir(t, original, dir)
			pkg := c.tamper(t, dir)
			db, files := databaseURL(t), t.TempDir()
			code, _, stderr := run(context.Background(), "import", "--read-only", "--database", db, "--files", files, pkg)
			if code != 1 || !strings.Contains(stderr, c.says) {
				t.Fatalf("exit %d, want a refusal saying %q: %s", code, c.says, stderr)
			}
			client, err := database.Open(context.Background(), db)
			if err != nil {
				t.Fatal(err)
			}
			defer client.Close()
			for _, table := range []string{"audit_events", "strategies", "agencies", "attachments", "archive_imports"} {
				if n := count(t, client, table); n != 0 {
					t.Errorf("a refused package left %d rows in %s", n, table)
				}
			}
			if entries, _ := os.ReadDir(files); len(entries) != 0 {
				t.Errorf("a refused package left files in the store: %v", entries)
			}
		})
	}
}

func TestVerifyCatchesAnAnswerRewrittenBehindTheAPIOnAnArchive(t *testing.T) {
	t.Parallel()
	a := newArchived(t)
	pkg := filepath.Join(t.TempDir(), "bag")
	a.export(t, pkg)
	db, files := databaseURL(t), t.TempDir()
	mustRun(t, "import", "--read-only", "--database", db, "--files", files, pkg)
	client, err := database.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	tamper(t, client, `UPDATE observations SET response = 'Rejetée, en fait.' WHERE response <> ''`)
	code, stdout, _ := run(context.Background(), "verify", "--database", db, "--files", files)
	if code != 1 || !regexp.MustCompile(`table observations, record OS\w+, field response: the audit trail says "Retenue."`).MatchString(stdout) {
		t.Fatalf("verify on a rewritten archive: exit %d\n%s", code, stdout)
	}

	// An archived event rewritten in the table breaks the segment.
	tamper(t, client, `UPDATE audit_events SET changes = replace(changes, 'Retenue.', 'Rejetée.') WHERE changes LIKE '%Retenue.%'`)
	code, stdout, _ = run(context.Background(), "verify", "--database", db, "--files", files)
	if code != 1 || !strings.Contains(stdout, "audit chain: broken at event") {
		t.Fatalf("verify on a forged archived event: exit %d\n%s", code, stdout)
	}
}

type answer struct {
	status int
	body   []byte
}

func get(t *testing.T, url, token string) answer {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return answer{res.StatusCode, body}
}

func count(t *testing.T, client *ent.Client, table string) int {
	t.Helper()
	rows, err := client.QueryContext(access.SystemContext(context.Background()), "SELECT COUNT(*) FROM "+table)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var n int
	for rows.Next() {
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
	}
	return n
}

func canonical(t *testing.T, raw json.RawMessage) []byte {
	t.Helper()
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatal(err)
	}
	out, _ := json.MarshalIndent(v, "", " ")
	return out
}

func unzip(t *testing.T, name, dir string) {
	t.Helper()
	z, err := zip.OpenReader(name)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	for _, f := range z.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		write(t, dir, f.Name, string(data))
	}
}

func write(t *testing.T, dir, name, content string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func copyDir(t *testing.T, from, to string) {
	t.Helper()
	for name, data := range payloadAndTags(t, from) {
		write(t, to, name, string(data))
	}
}

func payloadAndTags(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		data, err := os.ReadFile(p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// rehash rewrites a bag's manifests and Payload-Oxum for its files as they
// are now, as a forger who knows the format would.
func rehash(t *testing.T, dir string) {
	t.Helper()
	files := payloadAndTags(t, dir)
	var manifest strings.Builder
	var octets, n int
	for _, line := range lines(t, dir, "manifest-sha256.txt") {
		_, p, _ := strings.Cut(line, "  ")
		fmt.Fprintf(&manifest, "%s  %s\n", sum(files[p]), p)
		octets += len(files[p])
		n++
	}
	write(t, dir, "manifest-sha256.txt", manifest.String())
	info := regexp.MustCompile(`Payload-Oxum: \d+\.\d+`).ReplaceAllString(read(t, dir, "bag-info.txt"), fmt.Sprintf("Payload-Oxum: %d.%d", octets, n))
	write(t, dir, "bag-info.txt", info)
	files = payloadAndTags(t, dir)
	var tags strings.Builder
	for _, line := range lines(t, dir, "tagmanifest-sha256.txt") {
		_, p, _ := strings.Cut(line, "  ")
		fmt.Fprintf(&tags, "%s  %s\n", sum(files[p]), p)
	}
	write(t, dir, "tagmanifest-sha256.txt", tags.String())
}

// agreementReads are the reads compared between an agreement's source and
// its archive (accounts and updatedAt left out, as in archivedReads).
const agreementReads = `query($id: ID!) {
  node(id: $id) { ... on Agreement {
    id createdAt revision kind title reference summary signedOn signingPlace entryIntoForceOn endsOn durationMonths tacitRenewal status confidential
    parties { id role signatoryName agency { id acronym name } }
    domains { id name }
    commitments(first: 20) { edges { node { id code title kind dueDate position responsibleParties { acronym }
      actionItems(first: 20) { edges { node { id code title status progress dueDate leadAgency { acronym }
        progressReports(first: 10) { edges { node { id asOf progress status narrative agency { acronym } } } } } } } } } }
    attachments { id name size contentType }
    transitions { id createdAt from to comment }
    committees { id name kind mandate members { id role agency { acronym } }
      meetings(first: 10) { edges { node { id createdAt scheduledAt place status agenda attendees { acronym }
        minutes { id number text status approvedAt sha256 }
        decisions { id question status outcome }
        attachments { id name size contentType } } } } }
  } }
}`

func TestAnAgreementsPackageImportsReadOnlyAndReadsTheSame(t *testing.T) {
	t.Parallel()
	db := databaseURL(t)
	mustRun(t, "seed", "demo", "--database", db)
	client, err := database.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { client.Close() })
	ctx := access.SystemContext(context.Background())
	ag, err := client.Agreement.Query().Where(agreement.HasCommittees()).First(ctx)
	if err != nil {
		t.Fatal(err)
	}
	held, err := client.Meeting.Query().Where(meeting.HasCommitteeWith(committee.HasAgreementWith(agreement.ID(ag.ID))), meeting.StatusEQ(meeting.StatusHeld)).First(ctx)
	if err != nil {
		t.Fatal(err)
	}
	files := t.TempDir()
	store := attachment.NewStore(files)
	sheet := attachOne(t, client, store, held.ID, "feuille de présence.pdf", aPDF)
	attachOne(t, client, store, ag.ID, "accord signé.pdf", append([]byte{}, append(aPDF, '\n')...))

	base := t.TempDir()
	folder, zipped := filepath.Join(base, "accord"), filepath.Join(base, "accord.zip")
	mustRun(t, "export", "--database", db, "--files", files, "--agreement", string(ag.ID), "--out", folder)
	mustRun(t, "export", "--database", db, "--files", files, "--agreement", string(ag.ID), "--out", zipped)
	for _, manifest := range []string{"manifest-sha256.txt", "tagmanifest-sha256.txt"} {
		cmd := exec.Command("sha256sum", "--strict", "-c", manifest)
		cmd.Dir = folder
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("sha256sum --strict -c %s: %v\n%s", manifest, err, out)
		}
	}
	validBag(t, folder)
	approved, err := client.Minutes.Query().Where(minutes.HasMeetingWith(meeting.ID(held.ID)), minutes.StatusEQ(minutes.StatusApproved)).First(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(read(t, folder, "manifest-sha256.txt"), *approved.Sha256+"  data/committees/") {
		t.Errorf("no payload file holds the approved minutes as hashed (%s)", *approved.Sha256)
	}

	source, sourceToken := serving(t, db, files, "lectrice@source.sn")
	var want json.RawMessage
	source.OK(t, sourceToken, agreementReads, map[string]any{"id": ag.ID}, &want)
	if !strings.Contains(string(want), string(sheet.ID)) {
		t.Fatalf("the source does not list the meeting's file: %s", want)
	}
	for _, pkg := range []string{folder, zipped} {
		t.Run(filepath.Base(pkg), func(t *testing.T) {
			db, files := databaseURL(t), t.TempDir()
			mustRun(t, "import", "--read-only", "--database", db, "--files", files, pkg)
			report := mustRun(t, "verify", "--database", db, "--files", files)
			for _, line := range []string{`(?m)^audit chain: [1-9]\d* events, intact$`, `(?m)^approved minutes: [1-9]\d* checked, intact$`,
				`(?m)^records: [1-9]\d* checked against the audit trail, intact$`, `(?m)^attachments: 2 re-hashed, intact$`} {
				if !regexp.MustCompile(line).MatchString(report) {
					t.Fatalf("verify does not say %s:\n%s", line, report)
				}
			}
			archive, token := serving(t, db, files, "lectrice@archives.sn")
			var got json.RawMessage
			archive.OK(t, token, agreementReads, map[string]any{"id": ag.ID}, &got)
			if !bytes.Equal(canonical(t, want), canonical(t, got)) {
				t.Fatalf("the archive reads differently:\nsource  %s\narchive %s", want, got)
			}
			res := get(t, archive.Base+"/attachments/"+string(sheet.ID), token)
			if res.status != http.StatusOK || !bytes.Equal(res.body, aPDF) {
				t.Fatalf("downloading the meeting's file from the archive: %d", res.status)
			}
			r := archive.Do(t, token, `mutation($in: ExportAgreementInput!) { exportAgreement(input: $in) { downloadURL } }`, map[string]any{"in": map[string]any{"agreementID": ag.ID}})
			if r.Code() != palabre.EREADONLY {
				t.Fatalf("a mutation on the archive: %+v", r.Errors)
			}
		})
	}
}
