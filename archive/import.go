package archive

import (
	"archive/zip"
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/access"
	"github.com/palabre/palabre/attachment"
	"github.com/palabre/palabre/audit"
	"github.com/palabre/palabre/clock"
	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/schema/pulid"
	"github.com/palabre/palabre/search"
)

// MaxPackageBytes bounds a package the import reads: it holds it in memory.
const MaxPackageBytes = 2 << 30

// Imported reports whether the database holds an archive imported read-only,
// which is then served read-only.
func Imported(ctx context.Context, client *ent.Client) (bool, error) {
	n, err := client.ArchiveImport.Query().Count(access.AsSystem(ctx, "is this an imported archive?"))
	return n > 0, err
}

// ReadBag reads a package, a folder or a ZIP file holding one top folder,
// into a Bag of its files by their paths from the bag's root; it checks
// nothing yet (Check does).
func ReadBag(location string) (map[string][]byte, error) {
	info, err := os.Stat(location)
	if err != nil {
		return nil, palabre.Errorf(palabre.EINVALID, "cannot read the package: %v", err)
	}
	if info.IsDir() {
		return readDir(location)
	}
	return readZip(location, info.Size())
}

func readDir(dir string) (map[string][]byte, error) {
	files := map[string][]byte{}
	var total int64
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		if !d.Type().IsRegular() {
			return palabre.Errorf(palabre.EINVALID, "%s is not a regular file: a package holds files and folders only", p)
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if total += int64(len(data)); total > MaxPackageBytes {
			return palabre.Errorf(palabre.EINVALID, "the package is larger than %d bytes", MaxPackageBytes)
		}
		files[filepath.ToSlash(rel)] = data
		return nil
	})
	return files, err
}

func readZip(name string, size int64) (map[string][]byte, error) {
	if size > MaxPackageBytes {
		return nil, palabre.Errorf(palabre.EINVALID, "the package is larger than %d bytes", MaxPackageBytes)
	}
	z, err := zip.OpenReader(name)
	if err != nil {
		return nil, palabre.Errorf(palabre.EINVALID, "%s is neither a folder nor a ZIP file: %v", name, err)
	}
	defer z.Close()
	files := map[string][]byte{}
	root := ""
	var total int64
	for _, f := range z.File {
		if strings.HasSuffix(f.Name, "/") {
			continue
		}
		top, rest, ok := strings.Cut(f.Name, "/")
		if !ok || rest == "" || (root != "" && top != root) || !fs.ValidPath(f.Name) {
			return nil, palabre.Errorf(palabre.EINVALID, "the ZIP file is not one bag: %q is not under a single top folder", f.Name)
		}
		root = top
		r, err := f.Open()
		if err != nil {
			return nil, palabre.Errorf(palabre.EINVALID, "%s: %v", f.Name, err)
		}
		data, err := io.ReadAll(io.LimitReader(r, MaxPackageBytes-total+1))
		r.Close()
		if err != nil {
			return nil, palabre.Errorf(palabre.EINVALID, "%s: %v", f.Name, err)
		}
		if total += int64(len(data)); total > MaxPackageBytes {
			return nil, palabre.Errorf(palabre.EINVALID, "the package is larger than %d bytes", MaxPackageBytes)
		}
		if _, dup := files[rest]; dup {
			return nil, palabre.Errorf(palabre.EINVALID, "the ZIP file holds %s twice", f.Name)
		}
		files[rest] = data
	}
	return files, nil
}

// Check checks a bag as RFC 8493 asks, strictly: bagit.txt, every line of
// the payload manifest (the file is there, its SHA-256 matches), no payload
// file the manifest leaves out, the tag manifest and Payload-Oxum. It
// returns the payload by its path under data/.
func Check(files map[string][]byte) (map[string][]byte, error) {
	refuse := func(format string, args ...any) (map[string][]byte, error) {
		return nil, palabre.Errorf(palabre.EINVALID, "not a valid package: "+format, args...)
	}
	bagit, ok := files["bagit.txt"]
	if !ok {
		return refuse("bagit.txt is missing: this is not a BagIt package")
	}
	if !bytes.HasPrefix(bagit, []byte("BagIt-Version: ")) || !bytes.Contains(bagit, []byte("Tag-File-Character-Encoding: UTF-8")) {
		return refuse("bagit.txt does not declare a BagIt version and UTF-8")
	}
	listed := func(name string) (map[string]string, error) {
		data, ok := files[name]
		if !ok {
			return nil, palabre.Errorf(palabre.EINVALID, "not a valid package: %s is missing", name)
		}
		sums := map[string]string{}
		for n, line := range strings.Split(strings.TrimSuffix(string(data), "\n"), "\n") {
			sum, p, ok := strings.Cut(line, "  ")
			if !ok || len(sum) != 64 || p == "" {
				return nil, palabre.Errorf(palabre.EINVALID, "not a valid package: %s, line %d is not « SHA-256  path »", name, n+1)
			}
			if _, dup := sums[p]; dup {
				return nil, palabre.Errorf(palabre.EINVALID, "not a valid package: %s lists %s twice", name, p)
			}
			sums[p] = strings.ToLower(sum)
		}
		return sums, nil
	}
	verify := func(manifest string, sums map[string]string) error {
		for _, p := range slices.Sorted(func(yield func(string) bool) {
			for p := range sums {
				if !yield(p) {
					return
				}
			}
		}) {
			data, ok := files[p]
			if !ok {
				return palabre.Errorf(palabre.EINVALID, "not a valid package: %s lists %s, which is missing", manifest, p)
			}
			if sum(data) != sums[p] {
				return palabre.Errorf(palabre.EINVALID, "not a valid package: %s does not match its SHA-256 in %s: it was changed", p, manifest)
			}
		}
		return nil
	}
	tags, err := listed("tagmanifest-sha256.txt")
	if err != nil {
		return nil, err
	}
	for _, required := range []string{"bagit.txt", "bag-info.txt", "manifest-sha256.txt"} {
		if _, ok := tags[required]; !ok {
			return refuse("tagmanifest-sha256.txt does not list %s", required)
		}
	}
	if err := verify("tagmanifest-sha256.txt", tags); err != nil {
		return nil, err
	}
	manifest, err := listed("manifest-sha256.txt")
	if err != nil {
		return nil, err
	}
	if err := verify("manifest-sha256.txt", manifest); err != nil {
		return nil, err
	}
	payload := map[string][]byte{}
	var octets int64
	for p, data := range files {
		rel, inData := strings.CutPrefix(p, "data/")
		switch {
		case inData:
			if _, ok := manifest[p]; !ok {
				return refuse("%s is not in manifest-sha256.txt: a file was added", p)
			}
			payload[rel] = data
			octets += int64(len(data))
		case p == "tagmanifest-sha256.txt":
		default:
			if _, ok := tags[p]; !ok {
				return refuse("%s is in no manifest: a file was added", p)
			}
		}
	}
	for p := range manifest {
		if !strings.HasPrefix(p, "data/") {
			return refuse("manifest-sha256.txt lists %s, outside data/", p)
		}
	}
	oxum := fmt.Sprintf("%d.%d", octets, len(payload))
	if got := infoValue(files["bag-info.txt"], "Payload-Oxum"); got != oxum {
		return refuse("bag-info.txt gives Payload-Oxum %q, the payload is %s", got, oxum)
	}
	return payload, nil
}

// infoValue returns the value of a bag-info.txt label.
func infoValue(info []byte, label string) string {
	sc := bufio.NewScanner(bytes.NewReader(info))
	for sc.Scan() {
		if l, v, ok := strings.Cut(sc.Text(), ": "); ok && l == label {
			return v
		}
	}
	return ""
}

// Import loads a checked package's records into an empty database, in one
// transaction: the audit events as exported and the records they rebuild
// (audit.Restore), each version's content from its file, the attachments
// back into the store, re-hashed; then an ArchiveImport row that makes the
// database read-only and pins the segment for verify. A refused package
// stores nothing (but files already put in the store, which nothing refers
// to).
func Import(ctx context.Context, client *ent.Client, files *attachment.Store, name string, bag map[string][]byte) (*ent.ArchiveImport, error) {
	ctx = access.AsSystem(ctx, "importing an archive package")
	payload, err := Check(bag)
	if err != nil {
		return nil, err
	}
	events, err := readEvents(payload["audit-events.jsonl"])
	if err != nil {
		return nil, err
	}
	contents, err := versionFiles(payload)
	if err != nil {
		return nil, err
	}
	tx, err := client.Tx(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	if n, err := tx.AuditEvent.Query().Count(ctx); err != nil {
		return nil, err
	} else if n > 0 {
		return nil, palabre.Errorf(palabre.ECONFLICT, "the database is not empty (its audit trail holds %d events): import an archive into a new, empty database", n)
	}
	segment, err := audit.Restore(ctx, tx.Client(), events, audit.Restoring{
		Digested: func(entityType, id, field string) (any, error) {
			if entityType == "StrategyVersion" && field == "content" {
				if c, ok := contents[id]; ok {
					return c, nil
				}
			}
			return nil, palabre.Errorf(palabre.EINVALID, "the package lacks the %s of %s %s", field, entityType, id)
		},
		Derived: searchText,
	})
	if err != nil {
		return nil, err
	}
	if err := restoreFiles(ctx, tx.Client(), files, payload); err != nil {
		return nil, err
	}
	imported, err := tx.ArchiveImport.Create().
		SetPackage(name).SetBagInfo(string(bag["bag-info.txt"])).
		SetFirstSequence(segment.First).SetLastSequence(segment.Last).SetEvents(segment.Events).
		SetHead(segment.Head).SetSegmentSha256(segment.SHA256).
		SetImportedAt(clock.Now(ctx)).
		Save(ctx)
	if err != nil {
		return nil, err
	}
	return imported, tx.Commit()
}

// readEvents decodes audit-events.jsonl.
func readEvents(data []byte) ([]*ent.AuditEvent, error) {
	if data == nil {
		return nil, palabre.Errorf(palabre.EINVALID, "not an archive package of Palabre: data/audit-events.jsonl is missing")
	}
	var events []*ent.AuditEvent
	d := json.NewDecoder(bytes.NewReader(data))
	d.DisallowUnknownFields()
	for d.More() {
		var e ent.AuditEvent
		if err := d.Decode(&e); err != nil {
			return nil, palabre.Errorf(palabre.EINVALID, "data/audit-events.jsonl, event %d: %v", len(events)+1, err)
		}
		events = append(events, &e)
	}
	return events, nil
}

// versionFiles maps each version's ID to its content, as versions/index.json
// names its file.
func versionFiles(payload map[string][]byte) (map[string]string, error) {
	contents := map[string]string{}
	index, ok := payload["versions/index.json"]
	if !ok {
		return contents, nil
	}
	var docs []versionDoc
	if err := json.Unmarshal(index, &docs); err != nil {
		return nil, palabre.Errorf(palabre.EINVALID, "data/versions/index.json: %v", err)
	}
	for _, d := range docs {
		data, ok := payload[d.File]
		if !ok {
			return nil, palabre.Errorf(palabre.EINVALID, "data/versions/index.json names %s, which is missing", d.File)
		}
		contents[string(d.ID)] = string(data)
	}
	return contents, nil
}

// restoreFiles puts every restored attachment's file back in the store,
// after checking it against the record's SHA-256 and size.
func restoreFiles(ctx context.Context, client *ent.Client, files *attachment.Store, payload map[string][]byte) error {
	byID := map[pulid.ID][]byte{}
	for p, data := range payload {
		base := path.Base(p)
		if id, _, ok := strings.Cut(base, "-"); ok && strings.HasPrefix(id, "AT") {
			byID[pulid.ID(id)] = data
		}
	}
	list, err := client.Attachment.Query().All(ctx)
	if err != nil {
		return err
	}
	for _, a := range list {
		data, ok := byID[a.ID]
		if !ok {
			return palabre.Errorf(palabre.EINVALID, "the package lacks the file of attachment %s (%s)", a.ID, a.Name)
		}
		if attachment.Sum(data) != a.Sha256 || int64(len(data)) != a.Size {
			return palabre.Errorf(palabre.EINVALID, "the file of attachment %s (%s) does not match its SHA-256 or size", a.ID, a.Name)
		}
		if err := files.Put(ctx, a.Sha256, bytes.NewReader(data)); err != nil {
			return err
		}
	}
	return nil
}

// searched are the fields each searchable type folds into search_text, in
// order (schema.SearchMixin's Over); TestSearchedCoversEverySearchText checks
// it against the model.
var searched = map[string][]string{
	"ActionItem": {"title", "description"},
	"Agreement":  {"title", "reference", "summary"},
	"Commitment": {"title", "description"},
	"Objective":  {"title", "description"},
	"Strategy":   {"title", "summary"},
}

// searchText is the search_text of a restored record, as SearchMixin's hook
// would have written it.
func searchText(entityType string, fields map[string]any) map[string]any {
	over, ok := searched[entityType]
	if !ok {
		return nil
	}
	parts := make([]string, 0, len(over))
	for _, f := range over {
		if s, ok := fields[f].(string); ok {
			parts = append(parts, s)
		}
	}
	return map[string]any{"search_text": search.Fold(strings.Join(parts, " "))}
}

// Describe says what an import did, for the command line.
func Describe(ai *ent.ArchiveImport) string {
	return "audit events " + strconv.FormatInt(ai.FirstSequence, 10) + "–" + strconv.FormatInt(ai.LastSequence, 10) +
		" (" + strconv.Itoa(ai.Events) + " events), head " + ai.Head + ", segment SHA-256 " + ai.SegmentSha256
}
