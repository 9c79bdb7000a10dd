package archive

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"github.com/palabre/palabre/ent"
)

// Bag is a BagIt package before it is written: its payload (the files under
// data/, by path) and the lines of its bag-info.txt.
type Bag struct {
	Payload []File
	Info    []InfoLine
}

// File is one payload file, its path relative to data/.
type File struct {
	Path string
	Data []byte
}

// InfoLine is one "Label: value" line of bag-info.txt.
type InfoLine struct{ Label, Value string }

// BagItVersion is the version of RFC 8493 the packages follow.
const BagItVersion = "1.0"

// TagFiles returns the tag files of the bag, in the order they are written:
// bagit.txt, bag-info.txt, manifest-sha256.txt, then tagmanifest-sha256.txt,
// which lists the others' SHA-256. Manifests are written as `sha256sum`
// writes them ("<hex>  <path>"), so `sha256sum -c` checks them.
func (b *Bag) TagFiles() []File {
	var oxum int64
	var manifest strings.Builder
	for _, f := range b.Payload {
		oxum += int64(len(f.Data))
		fmt.Fprintf(&manifest, "%s  data/%s\n", sum(f.Data), f.Path)
	}
	var info strings.Builder
	for _, l := range b.Info {
		fmt.Fprintf(&info, "%s: %s\n", l.Label, oneLine(l.Value))
	}
	fmt.Fprintf(&info, "Payload-Oxum: %d.%d\n", oxum, len(b.Payload))
	tags := []File{
		{Path: "bagit.txt", Data: []byte("BagIt-Version: " + BagItVersion + "\nTag-File-Character-Encoding: UTF-8\n")},
		{Path: "bag-info.txt", Data: []byte(info.String())},
		{Path: "manifest-sha256.txt", Data: []byte(manifest.String())},
	}
	var tagManifest strings.Builder
	for _, t := range tags {
		fmt.Fprintf(&tagManifest, "%s  %s\n", sum(t.Data), t.Path)
	}
	return append(tags, File{Path: "tagmanifest-sha256.txt", Data: []byte(tagManifest.String())})
}

// files is every file of the bag, by its path from the bag's root.
func (b *Bag) files() []File {
	all := b.TagFiles()
	for _, f := range b.Payload {
		all = append(all, File{Path: "data/" + f.Path, Data: f.Data})
	}
	return all
}

// WriteDir writes the bag as a folder, which must not exist yet.
func (b *Bag) WriteDir(dir string) error {
	if _, err := os.Stat(dir); err == nil {
		return fmt.Errorf("%s exists already: give a new folder, or a path ending in .zip", dir)
	}
	for _, f := range b.files() {
		path := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, f.Data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// WriteZip writes the bag as a ZIP file whose one top folder is the bag, named
// root (as RFC 8493's serialisation asks).
func (b *Bag) WriteZip(w io.Writer, root string) error {
	z := zip.NewWriter(w)
	for _, f := range b.files() {
		out, err := z.CreateHeader(&zip.FileHeader{Name: root + "/" + f.Path, Method: zip.Deflate})
		if err != nil {
			return err
		}
		if _, err := out.Write(f.Data); err != nil {
			return err
		}
	}
	return z.Close()
}

// info is bag-info.txt's description of a strategy's package; the date of the
// export and the audit chain's head are added by the caller (Describe).
func info(s *ent.Strategy) []InfoLine {
	lines := []InfoLine{}
	if a := s.Edges.OwnerAgency; a != nil {
		lines = append(lines, InfoLine{"Source-Organization", a.Name + " (" + a.Acronym + ")"})
	}
	lines = append(lines,
		InfoLine{"External-Identifier", string(s.ID)},
		InfoLine{"External-Description", fmt.Sprintf("Archive of the strategy « %s » (%s, %d–%d), status %s", s.Title, s.Country, s.StartYear, s.EndYear, s.Status)},
	)
	if s.AdoptedOn != nil {
		lines = append(lines, InfoLine{"Strategy-Adopted-On", s.AdoptedOn.UTC().Format(time.DateOnly)})
	}
	return lines
}

// Describe adds the export's own lines to bag-info.txt: its date, the
// software that made it, and the head of the audit chain it was made at.
func (b *Bag) Describe(now time.Time, head *ent.AuditHead) {
	b.Info = append(b.Info,
		InfoLine{"Bagging-Date", now.UTC().Format(time.DateOnly)},
		InfoLine{"Bagging-Time", now.UTC().Format(time.RFC3339)},
		InfoLine{"Bag-Software-Agent", "Palabre " + Version()},
		InfoLine{"Palabre-Version", Version()},
	)
	if head != nil && head.Sequence > 0 {
		b.Info = append(b.Info,
			InfoLine{"Palabre-Audit-Chain-Sequence", fmt.Sprint(head.Sequence)},
			InfoLine{"Palabre-Audit-Chain-Head", head.Hash},
		)
	}
}

// Version is Palabre's version as the binary knows it: the module's version
// and, when built from a checkout, its commit.
func Version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	v := bi.Main.Version
	for _, s := range bi.Settings {
		if s.Key == "vcs.revision" {
			v += " " + s.Value
		}
	}
	return v
}

func sum(data []byte) string {
	h := sha256.Sum256(data)
	return hex.EncodeToString(h[:])
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// encode is the JSON of a payload file: indented, ending with a new line.
func encode(v any) ([]byte, error) {
	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// encodeLine is v as one line of JSON Lines.
func encodeLine(v any) ([]byte, error) {
	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// stamp is a time as the payload writes it: UTC, RFC 3339.
func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

// portable keeps the characters of a file name that every file system and
// `sha256sum -c` read alike (and that need no percent-encoding in a BagIt
// manifest): ASCII letters, digits, dot, dash and underscore.
func portable(name string) string {
	s := strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '.', r == '-', r == '_':
			return r
		}
		return '_'
	}, name)
	if len(s) > 120 {
		s = s[len(s)-120:]
	}
	return s
}
