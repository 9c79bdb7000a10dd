package mail

import (
	"bytes"
	"embed"
	"fmt"
	htmltemplate "html/template"
	"strings"
	texttemplate "text/template"
	"time"
)

// Rendered is a message as sent: its subject, plain text and HTML.
type Rendered struct {
	Subject, Text, HTML string
}

//go:embed templates
var templates embed.FS

// The templates of each language: text (subjects, bodies, digest lines) and
// HTML (bodies, in the layout). HTML is html/template: every fact is escaped.
var (
	textTemplates = map[Language]*texttemplate.Template{}
	htmlTemplates = map[Language]*htmltemplate.Template{}
)

func init() {
	for _, lang := range []Language{French, English} {
		funcs := funcsFor(lang)
		textTemplates[lang] = texttemplate.Must(texttemplate.New("").Funcs(funcs).ParseFS(templates, "templates/"+string(lang)+".txt"))
		htmlTemplates[lang] = htmltemplate.Must(htmltemplate.New("").Funcs(funcs).ParseFS(templates, "templates/layout.html", "templates/"+string(lang)+".html"))
	}
}

// view is what a template reads.
type view struct {
	M     Message
	F     Facts
	Link  string
	Lines []string // a digest's gathered e-mails, one line each
	// The layout's parts.
	Subject, LinkText, Footer string
	Body                      htmltemplate.HTML
}

// Render writes a message in its language (French when unknown), with links
// under publicURL.
func Render(m Message, publicURL string) (Rendered, error) {
	lang := m.Language
	if _, ok := textTemplates[lang]; !ok {
		lang = French
	}
	text, html := textTemplates[lang], htmlTemplates[lang]
	v := view{M: m, F: m.Facts, Link: Link(publicURL, m.Kind, m.Facts)}
	for _, g := range m.Facts.Events {
		line, err := execText(text, string(g.Kind)+".line", view{M: m, F: g.Facts})
		if err != nil {
			return Rendered{}, err
		}
		v.Lines = append(v.Lines, line)
	}
	var r Rendered
	var err error
	if r.Subject, err = execText(text, string(m.Kind)+".subject", v); err != nil {
		return Rendered{}, err
	}
	r.Subject = strings.Join(strings.Fields(r.Subject), " ")
	if r.Text, err = execText(text, string(m.Kind), v); err != nil {
		return Rendered{}, err
	}
	body, err := execHTML(html, string(m.Kind), v)
	if err != nil {
		return Rendered{}, err
	}
	v.Subject, v.Body = r.Subject, htmltemplate.HTML(body) // escaped by its own template
	if v.LinkText, err = execHTML(html, "link", v); err != nil {
		return Rendered{}, err
	}
	if v.Footer, err = execHTML(html, "footer", v); err != nil {
		return Rendered{}, err
	}
	if r.HTML, err = execHTML(html, "layout", v); err != nil {
		return Rendered{}, err
	}
	return r, nil
}

func execText(t *texttemplate.Template, name string, v view) (string, error) {
	if t.Lookup(name) == nil {
		return "", fmt.Errorf("no e-mail template %q", name)
	}
	var b bytes.Buffer
	if err := t.ExecuteTemplate(&b, name, v); err != nil {
		return "", fmt.Errorf("e-mail template %q: %w", name, err)
	}
	return strings.TrimSpace(b.String()) + "\n", nil
}

func execHTML(t *htmltemplate.Template, name string, v view) (string, error) {
	if t.Lookup(name) == nil {
		return "", fmt.Errorf("no e-mail template %q", name)
	}
	var b bytes.Buffer
	if err := t.ExecuteTemplate(&b, name, v); err != nil {
		return "", fmt.Errorf("e-mail template %q: %w", name, err)
	}
	return strings.TrimSpace(b.String()), nil
}

// Link is the console's screen an e-mail points to.
func Link(publicURL string, kind Kind, f Facts) string {
	base := strings.TrimSuffix(publicURL, "/")
	switch {
	case kind == RoundCompleted && f.RoundID != "":
		return base + "/rounds/" + f.RoundID + "/matrix"
	case f.RoundID != "":
		return base + "/rounds/" + f.RoundID
	case f.AgencyID != "":
		return base + "/agencies/" + f.AgencyID
	}
	return base + "/"
}

var months = map[Language][12]string{
	French:  {"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"},
	English: {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
}

var dispositions = map[Language]map[string]string{
	French:  {"ACCEPTED": "acceptée", "PARTIALLY_ACCEPTED": "partiellement acceptée", "REJECTED": "rejetée", "OUT_OF_SCOPE": "hors sujet"},
	English: {"ACCEPTED": "accepted", "PARTIALLY_ACCEPTED": "partially accepted", "REJECTED": "rejected", "OUT_OF_SCOPE": "out of scope"},
}

func funcsFor(lang Language) map[string]any {
	return map[string]any{
		// date writes a day as people read it: « 2 janvier 2027 », "2 January 2027" (UTC).
		"date": func(t any) string {
			var d time.Time
			switch t := t.(type) {
			case time.Time:
				d = t
			case *time.Time:
				if t == nil {
					return ""
				}
				d = *t
			default:
				return ""
			}
			d = d.UTC()
			return fmt.Sprintf("%d %s %d", d.Day(), months[lang][d.Month()-1], d.Year())
		},
		"disposition": func(s string) string {
			if d, ok := dispositions[lang][s]; ok {
				return d
			}
			return strings.ToLower(s)
		},
	}
}
