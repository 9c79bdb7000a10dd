package archive

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"strings"

	"github.com/palabre/palabre/consultation"
	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/schema/pulid"
	"github.com/palabre/palabre/versions"
)

// matrixFiles is a round's response matrix as JSON and as CSV.
type matrixFiles struct {
	doc any
	csv []byte
}

type matrixGroup struct {
	TargetKind   string              `json:"targetKind"`
	TargetID     *pulid.ID           `json:"targetID"`
	TargetCode   string              `json:"targetCode"`
	TargetTitle  string              `json:"targetTitle"`
	Observations []matrixObservation `json:"observations"`
}

type matrixObservation struct {
	ID           pulid.ID `json:"id"`
	Agency       string   `json:"agency"`
	Kind         string   `json:"kind"`
	Status       string   `json:"status"`
	Body         string   `json:"body"`
	ProposedText string   `json:"proposedText"`
	Response     string   `json:"response"`
	RespondedAt  *string  `json:"respondedAt"`
}

func roundMatrix(ctx context.Context, r *ent.Consultation) (*matrixFiles, error) {
	m, err := consultation.ResponseMatrix(ctx, r)
	if err != nil {
		return nil, err
	}
	var csv bytes.Buffer
	if err := m.WriteCSV(&csv); err != nil {
		return nil, err
	}
	groups := make([]matrixGroup, 0, len(m.Groups))
	for _, g := range m.Groups {
		mg := matrixGroup{TargetKind: string(g.TargetKind), TargetID: g.TargetID, TargetCode: g.TargetCode, TargetTitle: g.TargetTitle, Observations: []matrixObservation{}}
		for _, o := range g.Observations {
			mo := matrixObservation{ID: o.ID, Kind: string(o.Kind), Status: string(o.Status), Body: o.Body, ProposedText: o.ProposedText, Response: o.Response}
			if a := o.Edges.Agency; a != nil {
				mo.Agency = a.Acronym
			}
			if o.RespondedAt != nil {
				at := stamp(*o.RespondedAt)
				mo.RespondedAt = &at
			}
			mg.Observations = append(mg.Observations, mo)
		}
		groups = append(groups, mg)
	}
	doc := map[string]any{"consultation": r.ID, "total": m.Total, "unanswered": m.Unanswered, "groups": groups}
	return &matrixFiles{doc: doc, csv: csv.Bytes()}, nil
}

// adopted renders the adopted version as readable documents, HTML and
// Markdown, with the action plan as a table.
func (b *builder) adopted(s *ent.Strategy, v *ent.StrategyVersion) error {
	snap, err := versions.Parse(v.Content)
	if err != nil {
		return fmt.Errorf("the adopted version %s does not read: %w", v.ID, err)
	}
	page := adoptedPage{Snapshot: snap, Number: v.Number, Label: v.Label, SHA256: v.Sha256, Reference: s.AdoptionReference}
	if s.AdoptedOn != nil {
		page.AdoptedOn = s.AdoptedOn.UTC().Format("2006-01-02")
	}
	var html bytes.Buffer
	if err := adoptedHTML.Execute(&html, page); err != nil {
		return err
	}
	b.add("adopted/strategy.html", html.Bytes())
	b.add("adopted/strategy.md", []byte(page.markdown()))
	return nil
}

type adoptedPage struct {
	*versions.Snapshot
	Number               int
	Label, SHA256        string
	AdoptedOn, Reference string
}

// planRow is one line of the action plan table.
type planRow struct {
	Objective string
	Item      versions.ActionItemDoc
}

func (p adoptedPage) Plan() []planRow {
	var rows []planRow
	for _, o := range p.Objectives {
		for _, it := range o.ActionItems {
			rows = append(rows, planRow{Objective: o.Code, Item: it})
		}
	}
	return rows
}

func agencies(list []versions.AgencyRef) string {
	names := make([]string, len(list))
	for i, a := range list {
		names[i] = a.Acronym
	}
	return strings.Join(names, ", ")
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func budget(it versions.ActionItemDoc) string {
	if it.EstimatedBudget == nil {
		return ""
	}
	return fmt.Sprintf("%d %s", *it.EstimatedBudget, deref(it.BudgetCurrency))
}

var funcs = template.FuncMap{"agencies": agencies, "deref": deref, "budget": budget}

var adoptedHTML = template.Must(template.New("adopted").Funcs(funcs).Parse(`<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<title>{{.Strategy.Title}}</title>
<style>body{font-family:sans-serif;max-width:60em;margin:auto}table{border-collapse:collapse}td,th{border:1px solid #999;padding:.2em .4em;vertical-align:top}</style>
</head>
<body>
<h1>{{.Strategy.Title}}</h1>
<p>{{.Strategy.Country}}, {{.Strategy.StartYear}}–{{.Strategy.EndYear}}. Owner: {{.Strategy.OwnerAgency.Name}} ({{.Strategy.OwnerAgency.Acronym}}).{{with .Strategy.ImplementingAgency}} Implementing agency: {{.Name}} ({{.Acronym}}).{{end}}</p>
<p>Adopted version {{.Number}} « {{.Label}} »{{with .AdoptedOn}}, adopted on {{.}}{{end}}{{with .Reference}} ({{.}}){{end}}. SHA-256 of its content: <code>{{.SHA256}}</code>.</p>
<p>{{.Strategy.Summary}}</p>
<h2>Objectives</h2>
{{range .Objectives}}<h3>{{.Code}} — {{.Title}}</h3>
<p>Pillar: {{.Pillar}}.</p>
<p>{{.Description}}</p>
{{if .Indicators}}<ul>{{range .Indicators}}<li>{{.Name}} ({{.Unit}})</li>{{end}}</ul>{{end}}
{{end}}<h2>Action plan</h2>
<table>
<thead><tr><th>Code</th><th>Action</th><th>Objective</th><th>Lead</th><th>Supporting</th><th>Priority</th><th>Status</th><th>Start</th><th>Due</th><th>Budget</th></tr></thead>
<tbody>
{{range .Plan}}<tr><td>{{.Item.Code}}</td><td>{{.Item.Title}}</td><td>{{.Objective}}</td><td>{{.Item.LeadAgency.Acronym}}</td><td>{{agencies .Item.SupportingAgencies}}</td><td>{{.Item.Priority}}</td><td>{{.Item.Status}}</td><td>{{deref .Item.StartDate}}</td><td>{{deref .Item.DueDate}}</td><td>{{budget .Item}}</td></tr>
{{end}}</tbody>
</table>
</body>
</html>
`))

// markdown is the page as Markdown.
func (p adoptedPage) markdown() string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", mdText(p.Strategy.Title))
	fmt.Fprintf(&b, "%s, %d–%d. Owner: %s (%s).", p.Strategy.Country, p.Strategy.StartYear, p.Strategy.EndYear, mdText(p.Strategy.OwnerAgency.Name), p.Strategy.OwnerAgency.Acronym)
	if a := p.Strategy.ImplementingAgency; a != nil {
		fmt.Fprintf(&b, " Implementing agency: %s (%s).", mdText(a.Name), a.Acronym)
	}
	fmt.Fprintf(&b, "\n\nAdopted version %d « %s »", p.Number, mdText(p.Label))
	if p.AdoptedOn != "" {
		fmt.Fprintf(&b, ", adopted on %s", p.AdoptedOn)
	}
	if p.Reference != "" {
		fmt.Fprintf(&b, " (%s)", mdText(p.Reference))
	}
	fmt.Fprintf(&b, ". SHA-256 of its content: `%s`.\n\n%s\n\n## Objectives\n", p.SHA256, mdText(p.Strategy.Summary))
	for _, o := range p.Objectives {
		fmt.Fprintf(&b, "\n### %s — %s\n\nPillar: %s.\n\n%s\n", o.Code, mdText(o.Title), o.Pillar, mdText(o.Description))
		for _, in := range o.Indicators {
			fmt.Fprintf(&b, "\n- %s (%s)", mdText(in.Name), mdText(in.Unit))
		}
		if len(o.Indicators) > 0 {
			b.WriteString("\n")
		}
	}
	b.WriteString("\n## Action plan\n\n| Code | Action | Objective | Lead | Supporting | Priority | Status | Start | Due | Budget |\n|---|---|---|---|---|---|---|---|---|---|\n")
	for _, r := range p.Plan() {
		it := r.Item
		cells := []string{it.Code, it.Title, r.Objective, it.LeadAgency.Acronym, agencies(it.SupportingAgencies), it.Priority, it.Status, deref(it.StartDate), deref(it.DueDate), budget(it)}
		for i, c := range cells {
			cells[i] = mdCell(c)
		}
		fmt.Fprintf(&b, "| %s |\n", strings.Join(cells, " | "))
	}
	return b.String()
}

// mdText keeps a text from being read as Markdown markup.
var mdEscaper = strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "`", "\\`", "#", `\#`, "<", "&lt;", "[", `\[`, "]", `\]`, "|", `\|`)

func mdText(s string) string { return mdEscaper.Replace(s) }

// mdCell is a text as one cell of a Markdown table: one line, pipes escaped.
func mdCell(s string) string { return mdText(oneLine(s)) }
