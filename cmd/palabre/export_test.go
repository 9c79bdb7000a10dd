package main

import (
	"archive/zip"
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/palabre/palabre/access"
	"github.com/palabre/palabre/attachment"
	"github.com/palabre/palabre/audit"
	"github.com/palabre/palabre/consultation"
	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/observation"
	"github.com/palabre/palabre/ent/schema/pulid"
	"github.com/palabre/palabre/ent/strategy"
	"github.com/palabre/palabre/lifecycle"
)

// The archive package of issue 11, from the command line: exported as a
// folder and as a ZIP file, checked by the system's sha256sum and by an
// independent reading of RFC 8493, byte-identical across two exports, and
// verify's re-hashing of the attached files.

// archived is the demo data with its consulted strategy adopted, a file
// annexed to its version and one to an observation.
type archived struct {
	db, files string
	client    *ent.Client
	strategy  *ent.Strategy
	annex     *ent.Attachment
}

var aPDF = []byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")

func newArchived(t *testing.T) *archived {
	t.Helper()
	db, client := seededWithAVersion(t)
	a := &archived{db: db, files: t.TempDir(), client: client}
	ctx := access.SystemContext(context.Background())
	s, err := client.Strategy.Query().Where(strategy.HasConsultations()).WithVersions().Only(ctx)
	if err != nil {
		t.Fatal(err)
	}
	version := s.Edges.Versions[len(s.Edges.Versions)-1]
	waiting, err := client.Observation.Query().Where(observation.StatusEQ(observation.StatusSubmitted)).All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range waiting {
		if _, err := consultation.AnswerObservation(ctx, client, o.ID, consultation.Answer{Disposition: observation.StatusAccepted, Response: "Retenue."}); err != nil {
			t.Fatal(err)
		}
	}
	for _, step := range []lifecycle.Step{
		{To: strategy.StatusSubmitted, Comment: "Transmise au Conseil des ministres."},
		{To: strategy.StatusAdopted, Comment: "Adoptée.", Adoption: &lifecycle.Adoption{VersionID: version.ID, ActReference: "Décret n° 2026-1234", ActDate: time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)}},
	} {
		current, err := client.Strategy.Get(ctx, s.ID)
		if err != nil {
			t.Fatal(err)
		}
		step.StrategyID, step.Revision = s.ID, current.Revision
		if _, _, err := lifecycle.Move(ctx, client, step); err != nil {
			t.Fatalf("moving to %s: %v", step.To, err)
		}
	}
	a.strategy = s
	store := attachment.NewStore(a.files)
	a.annex = attachOne(t, client, store, version.ID, "Annexe 1 — matrice.pdf", aPDF)
	said, err := client.Observation.Query().Where(observation.StatusNEQ(observation.StatusDraft)).First(ctx)
	if err != nil {
		t.Fatal(err)
	}
	attachOne(t, client, store, said.ID, "avis annoté.txt", []byte("Avis annoté de l'agence, en texte brut.\n"))
	return a
}

func attachOne(t *testing.T, client *ent.Client, store *attachment.Store, owner pulid.ID, name string, data []byte) *ent.Attachment {
	t.Helper()
	ctx := access.SystemContext(context.Background())
	tx, err := client.Tx(ctx)
	if err != nil {
		t.Fatal(err)
	}
	a, err := attachment.Attach(ctx, tx.Client(), store, owner, attachment.Upload{Name: name, Size: int64(len(data)), File: bytes.NewReader(data)}, 0)
	if err != nil {
		_ = tx.Rollback()
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	return a
}

func (a *archived) export(t *testing.T, out string) string {
	t.Helper()
	return mustRun(t, "export", "--database", a.db, "--files", a.files, "--strategy", string(a.strategy.ID), "--out", out)
}

func TestAnExportedPackageChecksWithSha256sumAndIsAValidBag(t *testing.T) {
	t.Parallel()
	a := newArchived(t)
	dir := filepath.Join(t.TempDir(), "bag")
	a.export(t, dir)

	for _, manifest := range []string{"manifest-sha256.txt", "tagmanifest-sha256.txt"} {
		cmd := exec.Command("sha256sum", "--strict", "-c", manifest)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("sha256sum -c %s: %v\n%s", manifest, err, out)
		}
	}
	validBag(t, dir)

	for _, want := range []string{
		"data/strategy.json", "data/versions/index.json", "data/versions/v1.json", "data/versions/v2.json",
		"data/adopted/strategy.html", "data/adopted/strategy.md",
		"data/decisions.json", "data/transitions.json", "data/audit-events.jsonl", "data/README.txt",
		"data/versions/v2-attachments/index.json",
		"data/versions/v2-attachments/" + string(a.annex.ID) + "-Annexe_1___matrice.pdf",
	} {
		if _, err := os.Stat(filepath.Join(dir, want)); err != nil {
			t.Errorf("the package lacks %s", want)
		}
	}
	rounds, _ := filepath.Glob(filepath.Join(dir, "data/rounds/*/response-matrix.csv"))
	roundJSON, _ := filepath.Glob(filepath.Join(dir, "data/rounds/*/observations.json"))
	annexes, _ := filepath.Glob(filepath.Join(dir, "data/rounds/*/attachments/*/index.json"))
	if len(rounds) != 1 || len(roundJSON) != 1 || len(annexes) != 1 {
		t.Errorf("rounds: %v %v %v", rounds, roundJSON, annexes)
	}
	// A version's file is its content as hashed: its hash is the version's.
	v1, _ := os.ReadFile(filepath.Join(dir, "data/versions/v2.json"))
	if got := sum(v1); !strings.Contains(read(t, dir, "data/versions/index.json"), got) {
		t.Errorf("version 2's file hashes to %s, which the index does not name", got)
	}
	md := read(t, dir, "data/adopted/strategy.md")
	if !strings.Contains(md, "| Code | Action | Objective | Lead |") || !strings.Contains(md, "Décret n° 2026-1234") {
		t.Errorf("the adopted text in Markdown:\n%s", md)
	}
	if html := read(t, dir, "data/adopted/strategy.html"); !strings.Contains(html, "<table>") {
		t.Errorf("the adopted text in HTML has no action plan table")
	}
	// No draft leaves its agency, not even in an archive.
	for _, f := range roundJSON {
		data, _ := os.ReadFile(f)
		if bytes.Contains(data, []byte(`"status": "DRAFT"`)) {
			t.Errorf("%s holds a draft observation", f)
		}
	}
	// Every audit event's hash is what the README says it is.
	events := lines(t, dir, "data/audit-events.jsonl")
	if len(events) == 0 {
		t.Fatal("no audit events in the package")
	}
	for _, l := range events {
		var e ent.AuditEvent
		if err := json.Unmarshal([]byte(l), &e); err != nil {
			t.Fatal(err)
		}
		recomputed := audit.Hash(e.PreviousHash, audit.Event{Sequence: e.Sequence, At: e.At, ActorID: e.ActorID,
			Operation: e.Operation, EntityType: e.EntityType, EntityID: e.EntityID, Changes: e.Changes})
		if recomputed != e.Hash {
			t.Errorf("event %d: hash %s, recomputed %s", e.Sequence, e.Hash, recomputed)
		}
	}
	info := read(t, dir, "bag-info.txt")
	for _, label := range []string{"Source-Organization: ", "Bagging-Date: ", "Palabre-Version: ", "Palabre-Audit-Chain-Head: ", "Payload-Oxum: "} {
		if !strings.Contains(info, label) {
			t.Errorf("bag-info.txt lacks %s:\n%s", label, info)
		}
	}
}

func TestExportingTwiceGivesTheSamePayloadAndAZipOfTheSameBag(t *testing.T) {
	t.Parallel()
	a := newArchived(t)
	base := t.TempDir()
	first, second := filepath.Join(base, "first"), filepath.Join(base, "second")
	a.export(t, first)
	a.export(t, second)
	p1, p2 := payload(t, first), payload(t, second)
	if len(p1) == 0 || len(p1) != len(p2) {
		t.Fatalf("payloads of %d and %d files", len(p1), len(p2))
	}
	for path, data := range p1 {
		if !bytes.Equal(data, p2[path]) {
			t.Errorf("%s differs between two exports", path)
		}
	}
	if read(t, first, "manifest-sha256.txt") != read(t, second, "manifest-sha256.txt") {
		t.Errorf("the manifests differ")
	}

	zipped := filepath.Join(base, "archive.zip")
	a.export(t, zipped)
	z, err := zip.OpenReader(zipped)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	unzipped := filepath.Join(base, "unzipped")
	for _, f := range z.File {
		if !strings.HasPrefix(f.Name, "archive/") {
			t.Fatalf("%s is outside the bag's one top folder", f.Name)
		}
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		var data bytes.Buffer
		_, _ = data.ReadFrom(r)
		r.Close()
		path := filepath.Join(unzipped, filepath.FromSlash(f.Name))
		_ = os.MkdirAll(filepath.Dir(path), 0o755)
		if err := os.WriteFile(path, data.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	bag := filepath.Join(unzipped, "archive")
	validBag(t, bag)
	if read(t, bag, "manifest-sha256.txt") != read(t, first, "manifest-sha256.txt") {
		t.Errorf("the zipped bag's manifest differs from the folder's")
	}
}

func TestVerifyNamesAnAlteredOrMissingAttachedFile(t *testing.T) {
	t.Parallel()
	a := newArchived(t)
	stdout := mustRun(t, "verify", "--database", a.db, "--files", a.files)
	if !strings.Contains(stdout, "attachments: 2 re-hashed, intact") {
		t.Fatalf("report:\n%s", stdout)
	}
	stored := filepath.Join(a.files, "sha256", a.annex.Sha256[:2], a.annex.Sha256)
	if err := os.WriteFile(stored, []byte("%PDF-1.4 altered"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := run(context.Background(), "verify", "--database", a.db, "--files", a.files)
	if code != 1 || !strings.Contains(stdout, "attachments: 2 re-hashed, 1 missing or altered") ||
		!strings.Contains(stdout, string(a.annex.ID)) || !strings.Contains(stdout, "was altered") ||
		!strings.Contains(stderr, "1 attachment(s) missing or altered") {
		t.Fatalf("exit %d:\n%s\n%s", code, stdout, stderr)
	}
	if err := os.Remove(stored); err != nil {
		t.Fatal(err)
	}
	code, stdout, _ = run(context.Background(), "verify", "--database", a.db, "--files", a.files)
	if code != 1 || !strings.Contains(stdout, "the stored file is missing") || !strings.Contains(stdout, string(a.annex.ID)) {
		t.Fatalf("exit %d:\n%s", code, stdout)
	}
	// An export does not package a file it cannot vouch for.
	code, _, stderr = run(context.Background(), "export", "--database", a.db, "--files", a.files, "--strategy", string(a.strategy.ID), "--out", filepath.Join(t.TempDir(), "bag"))
	if code != 1 || !strings.Contains(stderr, string(a.annex.ID)) {
		t.Fatalf("export of a package with a missing file: exit %d: %s", code, stderr)
	}
}

// validBag checks a bag against RFC 8493 on its own reading, not Palabre's:
// the bag declaration, the tag files' form, every payload file listed once
// in the manifest with its SHA-256 and no other, the Payload-Oxum, and the
// tag manifest over the tag files.
func validBag(t *testing.T, dir string) {
	t.Helper()
	// §2.1.1: the bag declaration, exactly these two lines.
	if got := read(t, dir, "bagit.txt"); got != "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n" {
		t.Errorf("bagit.txt: %q", got)
	}
	// §2.1.3: the payload directory, and every payload file in it.
	files := map[string][]byte{}
	err := filepath.WalkDir(filepath.Join(dir, "data"), func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		data, err := os.ReadFile(path)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatalf("no payload directory: %v", err)
	}
	// §2.1.3 and §3: a manifest line per payload file, "checksum filepath",
	// each file once, each line naming a file that exists under data/.
	line := regexp.MustCompile(`^([0-9a-f]{64}) +(\S.*)$`)
	listed := map[string]bool{}
	for _, l := range lines(t, dir, "manifest-sha256.txt") {
		m := line.FindStringSubmatch(l)
		if m == nil {
			t.Errorf("manifest line %q is not « checksum filepath »", l)
			continue
		}
		path := m[2]
		if !strings.HasPrefix(path, "data/") || strings.Contains(path, "..") || strings.Contains(path, "\\") {
			t.Errorf("manifest path %q is not a payload path", path)
		}
		if listed[path] {
			t.Errorf("%s is listed twice", path)
		}
		listed[path] = true
		data, ok := files[path]
		if !ok {
			t.Errorf("%s is listed but missing", path)
		} else if sum(data) != m[1] {
			t.Errorf("%s does not match its checksum", path)
		}
	}
	var oxumBytes int
	for path, data := range files {
		oxumBytes += len(data)
		if !listed[path] {
			t.Errorf("payload file %s is not in the manifest", path)
		}
	}
	// §2.2.2: bag-info.txt is « label: value » lines, Payload-Oxum as counted.
	info := lines(t, dir, "bag-info.txt")
	label := regexp.MustCompile(`^[^:\s][^:]*: \S`)
	oxum := ""
	for _, l := range info {
		if !label.MatchString(l) {
			t.Errorf("bag-info.txt line %q is not « label: value »", l)
		}
		if v, ok := strings.CutPrefix(l, "Payload-Oxum: "); ok {
			oxum = v
		}
	}
	if want := strconv.Itoa(oxumBytes) + "." + strconv.Itoa(len(files)); oxum != want {
		t.Errorf("Payload-Oxum %q, counted %s", oxum, want)
	}
	// §2.2.1: the tag manifest covers the tag files, not itself.
	tags := map[string]bool{}
	for _, l := range lines(t, dir, "tagmanifest-sha256.txt") {
		m := line.FindStringSubmatch(l)
		if m == nil {
			t.Fatalf("tag manifest line %q", l)
		}
		if strings.HasPrefix(m[2], "data/") || m[2] == "tagmanifest-sha256.txt" {
			t.Errorf("the tag manifest lists %s", m[2])
		}
		data, err := os.ReadFile(filepath.Join(dir, m[2]))
		if err != nil || sum(data) != m[1] {
			t.Errorf("tag file %s: %v or checksum mismatch", m[2], err)
		}
		tags[m[2]] = true
	}
	for _, want := range []string{"bagit.txt", "bag-info.txt", "manifest-sha256.txt"} {
		if !tags[want] {
			t.Errorf("the tag manifest does not list %s", want)
		}
	}
	entries, _ := os.ReadDir(dir)
	var top []string
	for _, e := range entries {
		top = append(top, e.Name())
	}
	slices.Sort(top)
	if want := []string{"bag-info.txt", "bagit.txt", "data", "manifest-sha256.txt", "tagmanifest-sha256.txt"}; !slices.Equal(top, want) {
		t.Errorf("the bag's root holds %v", top)
	}
}

func payload(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(filepath.Join(dir, "data"), func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		out[path[len(dir):]] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func read(t *testing.T, dir, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func lines(t *testing.T, dir, name string) []string {
	t.Helper()
	var out []string
	s := bufio.NewScanner(strings.NewReader(read(t, dir, name)))
	for s.Scan() {
		out = append(out, s.Text())
	}
	return out
}

func sum(data []byte) string {
	h := sha256.Sum256(data)
	return hex.EncodeToString(h[:])
}
