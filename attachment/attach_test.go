package attachment_test

import (
	"archive/zip"
	"bytes"
	"testing"

	"github.com/palabre/palabre/attachment"
)

// officeZip is a minimal Office Open XML or OpenDocument package: a ZIP with
// the given entries, in order, each holding a little text.
func officeZip(t *testing.T, entries ...string) []byte {
	t.Helper()
	var b bytes.Buffer
	z := zip.NewWriter(&b)
	for _, name := range entries {
		method := zip.Deflate
		content := "<x/>"
		if name == "mimetype" {
			method, content = zip.Store, "application/vnd.oasis.opendocument.spreadsheet"
		}
		f, err := z.CreateHeader(&zip.FileHeader{Name: name, Method: method})
		if err != nil {
			t.Fatal(err)
		}
		_, _ = f.Write([]byte(content))
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestTheTypeComesFromTheBytesAgainstTheAllowList(t *testing.T) {
	t.Parallel()
	for name, c := range map[string]struct {
		data []byte
		want string // "" when refused
	}{
		"PDF":                 {[]byte("%PDF-1.7\n%âãÏÓ\n"), "application/pdf"},
		"PNG":                 {[]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"), "image/png"},
		"JPEG":                {[]byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00"), "image/jpeg"},
		"Word":                {officeZip(t, "[Content_Types].xml", "_rels/.rels", "word/document.xml"), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
		"Excel":               {officeZip(t, "[Content_Types].xml", "_rels/.rels", "xl/workbook.xml"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
		"OpenDocument sheet":  {officeZip(t, "mimetype", "content.xml"), "application/vnd.oasis.opendocument.spreadsheet"},
		"CSV":                 {[]byte("code,titre,pilote\nA1.1,Créer le CERT,ANSSI\nA1.2,Adopter la loi,MJ\n"), "text/csv; charset=utf-8"},
		"UTF-8 text":          {[]byte("Observation annotée : le pilote doit être l'ANSSI.\n"), "text/plain; charset=utf-8"},
		"Latin-1 text":        {[]byte("Observation annot\xe9e : le pilote doit \xeatre l'ANSSI.\n"), ""},
		"HTML":                {[]byte("<!DOCTYPE html><html><body>x</body></html>"), ""},
		"SVG":                 {[]byte(`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`), ""},
		"a Windows program":   {append([]byte("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff"), make([]byte, 100)...), ""},
		"a plain ZIP archive": {officeZip(t, "notes.txt"), ""},
	} {
		got, err := attachment.Detect(c.data)
		if c.want == "" && err == nil {
			t.Errorf("%s: accepted as %s", name, got)
		}
		if c.want != "" && got != c.want {
			t.Errorf("%s: %q (%v), want %s", name, got, err, c.want)
		}
	}
}

func TestNamesAreMadeSafe(t *testing.T) {
	t.Parallel()
	long := string(bytes.Repeat([]byte("é"), 200)) + ".pdf"
	for in, want := range map[string]string{
		"rapport.pdf":                "rapport.pdf",
		"../../etc/passwd":           "passwd",
		`C:\Users\awa\Annexe 1.docx`: "Annexe 1.docx",
		"facture\u202egpj.exe":       "facturegpj.exe",
		"  .cachée. ":                "cachée",
		"a<b>c:d\"e|f?g*h.txt":       "a_b_c_d_e_f_g_h.txt",
		"ligne\nsuivante\t.pdf":      "lignesuivante.pdf",
		"e\u0301cole.pdf":            "école.pdf", // NFC
		long:                         string(bytes.Repeat([]byte("é"), 125)) + ".pdf",
	} {
		got, err := attachment.SafeName(in)
		if err != nil || got != want {
			t.Errorf("SafeName(%q) = %q, %v; want %q", in, got, err, want)
		}
		if len(got) > 255 {
			t.Errorf("SafeName(%q) is %d bytes long", in, len(got))
		}
	}
	for _, in := range []string{"", "..", "/", " . "} {
		if got, err := attachment.SafeName(in); err == nil {
			t.Errorf("SafeName(%q) = %q, want an error", in, got)
		}
	}
}
