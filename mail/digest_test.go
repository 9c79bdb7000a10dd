package mail_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/palabre/palabre/auth"
	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/actionitem"
	"github.com/palabre/palabre/ent/auditevent"
	"github.com/palabre/palabre/mail"
)

// The daily digest: one e-mail per account of an agency listing all the late
// items its agency leads (several items, one e-mail), each agency its own,
// none for an account that turned late items off; the events of the day
// before for an account that chose the digest instead of immediate e-mails;
// the same messages and keys when run twice on a day.
func TestTheDailyDigestGroupsAnAgencysLateItems(t *testing.T) {
	t.Parallel()
	f := newFlow(t)
	w := f.World
	anssi2 := f.account("Modou Ba", "anssi2@palabre.test", auth.RoleAgency, "ANSSI")
	artp := f.account("Khady Mbaye", "artp@palabre.test", auth.RoleAgency, "ARTP")
	f.prefs(anssi2, map[string]any{"delivery": "DAILY_DIGEST"})
	f.prefs(artp, map[string]any{"kinds": []string{"ROUND_OPENED", "OBSERVATION_ANSWERED"}})
	f.prefs(w.JusticeAgent, map[string]any{"language": "EN"})

	date := func(s string) *time.Time {
		if s == "" {
			return nil
		}
		d, err := time.Parse(time.DateOnly, s)
		if err != nil {
			t.Fatal(err)
		}
		return &d
	}
	item := func(code, title string, lead *ent.Agency, status actionitem.Status, start, due string) {
		t.Helper()
		if _, err := f.Client.ActionItem.Create().SetObjective(w.DraftLegal).SetCode(code).SetTitle(title).SetLeadAgency(lead).
			SetStatus(status).SetNillableStartDate(date(start)).SetNillableDueDate(date(due)).Save(f.ctx); err != nil {
			t.Fatal(err)
		}
	}
	// ANSSI already leads Incidents (A2.1), overdue since 2026-06-30 and never reported.
	item("A1.2", "Former les magistrats <à la preuve numérique>", w.Security, actionitem.StatusInProgress, "2026-01-01", "2026-09-30")
	item("A1.3", "Publier les décrets d'application", w.Justice, actionitem.StatusNotStarted, "", "2026-03-01")
	item("A1.4", "Auditer les opérateurs", w.Regulator, actionitem.StatusNotStarted, "", "2026-03-01")

	from := f.sequence()
	round := f.plan(w.Security)
	f.act("openConsultation", round)
	opened, err := f.Client.AuditEvent.Query().Where(auditevent.SequenceGT(from), auditevent.EntityID(string(round))).
		Order(ent.Desc(auditevent.FieldSequence)).First(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	immediate := f.forEvents(from)
	for _, m := range immediate {
		if m.To.Address == "anssi2@palabre.test" {
			t.Error("an account that chose the digest got the round's e-mail at once")
		}
	}

	next := opened.At.UTC().Truncate(24 * time.Hour).Add(24 * time.Hour) // the start of the next day
	now := next.Add(6 * time.Hour)
	digests, err := mail.DailyDigest(context.Background(), f.Client, now)
	if err != nil {
		t.Fatal(err)
	}
	twice, err := mail.DailyDigest(context.Background(), f.Client, next.Add(17*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(digests) != fmt.Sprint(twice) {
		t.Errorf("run twice on a day, the digests differ:\n%v\n%v", digests, twice)
	}
	day := now.UTC().Format(time.DateOnly)
	var summary []string
	for _, d := range digests {
		if d.Key != "digest/"+day+"/"+d.To.AccountID || d.Kind != mail.Digest {
			t.Errorf("digest key %q, kind %s", d.Key, d.Kind)
		}
		var codes []string
		for _, it := range d.Facts.Overdue {
			codes = append(codes, it.Code)
		}
		codes = append(codes, "/")
		for _, it := range d.Facts.Stale {
			codes = append(codes, it.Code)
		}
		summary = append(summary, fmt.Sprintf("%s %s %v events:%d", d.To.Address, d.Language, codes, len(d.Facts.Events)))
	}
	slices.Sort(summary)
	want := []string{
		"anssi2@palabre.test fr [A2.1 A1.2 / A1.2 A2.1] events:1",
		"anssi@palabre.test fr [A2.1 A1.2 / A1.2 A2.1] events:0",
		"mj@palabre.test en [A1.3 /] events:0",
	}
	if !slices.Equal(summary, want) {
		t.Errorf("digests:\n%s\nwant:\n%s", strings.Join(summary, "\n"), strings.Join(want, "\n"))
	}

	srv := startSMTP(t, smtpOptions{user: "palabre", pass: "s3cret"})
	s := sender(t, srv, "smtp://palabre:s3cret@"+srv.Addr)
	for _, d := range digests {
		if err := s.Send(context.Background(), d); err != nil {
			t.Fatal(err)
		}
	}
	for _, m := range srv.Received() {
		switch m.To[0] {
		case "anssi2@palabre.test":
			if !strings.Contains(m.Text, "Hier dans Palabre") || !strings.Contains(m.Text, "Consultation ouverte : « Consultation écrite des ministères »") {
				t.Errorf("the digest lacks the day's events:\n%s", m.Text)
			}
		case "anssi@palabre.test":
			if !strings.HasPrefix(m.Subject, "Palabre : votre résumé du ") || strings.Count(m.Text, "A1.2 Former les magistrats <à la preuve numérique>") != 2 ||
				!strings.Contains(m.Text, "échéance 30 juin 2026") || !strings.Contains(m.Text, "(aucun rapport)") ||
				!strings.Contains(m.Text, "https://plan.example.sn/agencies/"+string(w.Security.ID)) {
				t.Errorf("ANSSI's digest: %s\n%s", m.Subject, m.Text)
			}
			if strings.Contains(m.HTML, "<à la preuve") || !strings.Contains(m.HTML, "&lt;à la preuve numérique&gt;") {
				t.Errorf("ANSSI's digest in HTML is not escaped:\n%s", m.HTML)
			}
			if strings.Contains(m.Text, "A1.3") || strings.Contains(m.Text, "A1.4") {
				t.Error("ANSSI's digest lists another agency's items")
			}
		case "mj@palabre.test":
			if !strings.HasPrefix(m.Subject, "Palabre: your digest of ") || !strings.Contains(m.Text, "Overdue items of "+w.Justice.Name) {
				t.Errorf("the Justice ministry's digest: %s\n%s", m.Subject, m.Text)
			}
		default:
			t.Errorf("a digest to %v", m.To)
		}
	}
}
