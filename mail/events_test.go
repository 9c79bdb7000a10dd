package mail_test

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/palabre/palabre/access"
	"github.com/palabre/palabre/auth"
	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/auditevent"
	"github.com/palabre/palabre/ent/schema/pulid"
	"github.com/palabre/palabre/internal/apitest"
	"github.com/palabre/palabre/mail"
	"github.com/palabre/palabre/versions"
)

// The e-mails of a consultation round, end to end: the round's moves and
// answers through the GraphQL API, ForEvent on each event of the trail, the
// SMTP sender to a real server in the test process, and the messages read
// back. Each agency hears of its own observations only; the author of a
// change, disabled accounts and muted kinds get nothing.
func TestARoundsEventsEmailTheAccountsConcerned(t *testing.T) {
	t.Parallel()
	f := newFlow(t)
	w := f.World
	f.account("Rokhaya Sarr", "secretariat2@palabre.test", auth.RoleSecretariat, "MEN")
	anssi2 := f.account("Modou Ba", "anssi2@palabre.test", auth.RoleAgency, "ANSSI")
	f.account("Khady Mbaye", "artp@palabre.test", auth.RoleAgency, "ARTP") // not invited
	f.disabled("Ancien agent", "ancien@palabre.test", auth.RoleAgency, "ANSSI")
	f.prefs(anssi2, map[string]any{"kinds": []string{"ROUND_OPENED", "ROUND_COMPLETED", "LATE_ITEMS"}})
	f.prefs(w.JusticeAgent, map[string]any{"language": "EN"})

	from := f.sequence()
	round := f.plan(w.Security, w.Justice)
	f.act("openConsultation", round)
	security := f.submit(w.SecurityAgent, round, "Préciser le rôle du CERT national.")
	justice := f.submit(w.JusticeAgent, round, "Aligner sur la loi de 2008.")
	f.act("closeConsultation", round)
	f.answer(security, "ACCEPTED", "")
	f.answer(justice, "REJECTED", "Hors du champ de la stratégie <b>actuelle</b>.")
	f.act("consolidateConsultation", round)

	messages := f.forEvents(from)
	again := f.forEvents(from)
	if fmt.Sprint(messages) != fmt.Sprint(again) {
		t.Error("ForEvent gives other messages the second time")
	}
	keys := map[string]bool{}
	for _, m := range messages {
		if keys[m.Key] || !strings.HasSuffix(m.Key, "/"+m.To.AccountID) || !strings.HasPrefix(m.Key, "AU") {
			t.Errorf("key %q (to %s): not unique or not <event>/<account>", m.Key, m.To.AccountID)
		}
		keys[m.Key] = true
	}

	srv := startSMTP(t, smtpOptions{user: "palabre", pass: "s3cret"})
	s := sender(t, srv, "smtp://palabre:s3cret@"+srv.Addr)
	for _, m := range messages {
		if err := s.Send(context.Background(), m); err != nil {
			t.Fatal(err)
		}
	}
	title := "Consultation écrite des ministères"
	got := map[string][]string{}
	for _, m := range srv.Received() {
		got[strings.Join(m.To, ",")] = append(got[strings.Join(m.To, ",")], m.Subject)
	}
	want := map[string][]string{
		"anssi@palabre.test":        {"Consultation ouverte : " + title, "Réponse à votre observation : " + title},
		"anssi2@palabre.test":       {"Consultation ouverte : " + title},
		"mj@palabre.test":           {"Consultation open: " + title, "Your observation was answered: " + title},
		"secretariat2@palabre.test": {"Toutes les observations ont une réponse : " + title, "Consultation consolidée : " + title},
	}
	if fmt.Sprint(sortedMap(got)) != fmt.Sprint(sortedMap(want)) {
		t.Errorf("delivered:\n%v\nwant:\n%v", sortedMap(got), sortedMap(want))
	}

	for _, m := range srv.Received() {
		switch {
		case m.To[0] == "anssi@palabre.test" && strings.HasPrefix(m.Subject, "Réponse"):
			if !strings.Contains(m.Text, "acceptée") || !strings.Contains(m.Text, w.Security.Name) ||
				!strings.Contains(m.Text, "https://plan.example.sn/rounds/"+string(round)) || m.Language != "fr" {
				t.Errorf("ANSSI's answer:\n%s", m.Text)
			}
			if strings.Contains(m.Text+m.HTML, w.Justice.Name) {
				t.Error("ANSSI is told of the Justice ministry's observation")
			}
		case m.To[0] == "mj@palabre.test" && strings.HasPrefix(m.Subject, "Your"):
			if !strings.Contains(m.Text, "rejected") || m.Language != "en" || !strings.Contains(m.HTML, "<strong>rejected</strong>") {
				t.Errorf("the Justice ministry's answer:\n%s\n%s", m.Text, m.HTML)
			}
			if strings.Contains(m.Text+m.HTML, w.Security.Name) {
				t.Error("the Justice ministry is told of ANSSI's observation")
			}
		case strings.HasPrefix(m.Subject, "Consultation consolidée"):
			if !strings.Contains(m.Text, "https://plan.example.sn/rounds/"+string(round)+"/matrix") || m.To[0] != "secretariat2@palabre.test" {
				t.Errorf("the consolidation:\n%s", m.Text)
			}
		}
	}
}

// A round closed when every observation already has its answer tells the
// secretariat at its closing; a round with no observation tells nobody.
func TestARoundClosedWithEveryAnswerTellsTheSecretariat(t *testing.T) {
	t.Parallel()
	f := newFlow(t)
	w := f.World
	f.account("Rokhaya Sarr", "secretariat2@palabre.test", auth.RoleSecretariat, "MEN")
	empty := f.plan(w.Justice)
	f.act("openConsultation", empty)
	answered := f.plan(w.Security)
	f.act("openConsultation", answered)
	o := f.submit(w.SecurityAgent, answered, "Une observation.")
	f.answer(o, "PARTIALLY_ACCEPTED", "En partie.")

	from := f.sequence()
	f.act("closeConsultation", empty)
	f.act("closeConsultation", answered)
	var to []string
	for _, m := range f.forEvents(from) {
		to = append(to, fmt.Sprintf("%s %s %s", m.Kind, m.To.Address, m.Facts.RoundID))
	}
	if want := []string{fmt.Sprintf("ROUND_COMPLETED secretariat2@palabre.test %s", answered)}; !slices.Equal(to, want) {
		t.Errorf("e-mails %v, want %v", to, want)
	}
}

// flow drives a round through the API and reads the e-mails of its events.
type flow struct {
	*apitest.Server
	t       *testing.T
	ctx     context.Context
	version *ent.StrategyVersion
}

func newFlow(t *testing.T) *flow {
	t.Helper()
	s := apitest.New(t)
	f := &flow{Server: s, t: t, ctx: access.SystemContext(context.Background())}
	v, err := versions.Publish(f.ctx, s.Client, s.World.Draft.ID, "Projet soumis à consultation", "")
	if err != nil {
		t.Fatal(err)
	}
	f.version = v
	return f
}

// account creates an account and returns its token.
func (f *flow) account(name, email string, role auth.Role, agency string) string {
	f.t.Helper()
	if _, err := access.CreateAccount(f.ctx, f.Client, access.NewAccount{Name: name, Email: email, Role: role, AgencyAcronym: agency}); err != nil {
		f.t.Fatal(err)
	}
	token, _, err := access.IssueToken(f.ctx, f.Client, email, "test", 0)
	if err != nil {
		f.t.Fatal(err)
	}
	return token
}

func (f *flow) disabled(name, email string, role auth.Role, agency string) {
	f.t.Helper()
	if _, err := access.CreateAccount(f.ctx, f.Client, access.NewAccount{Name: name, Email: email, Role: role, AgencyAcronym: agency, Disabled: true}); err != nil {
		f.t.Fatal(err)
	}
}

const updatePreferences = `mutation($in: UpdateNotificationPreferencesInput!) { updateNotificationPreferences(input: $in) {
	account { email } notificationPreferences { language delivery kinds } } }`

// prefs changes an account's preferences through the API, with its token.
func (f *flow) prefs(token string, in map[string]any) {
	f.t.Helper()
	f.OK(f.t, token, updatePreferences, map[string]any{"in": in}, nil)
}

// sequence is the audit trail's last sequence number.
func (f *flow) sequence() int64 {
	f.t.Helper()
	last, err := f.Client.AuditEvent.Query().Order(ent.Desc(auditevent.FieldSequence)).First(f.ctx)
	if err != nil {
		f.t.Fatal(err)
	}
	return last.Sequence
}

// forEvents is ForEvent on every event after the sequence number, in order.
func (f *flow) forEvents(after int64) []mail.Message {
	f.t.Helper()
	trail, err := f.Client.AuditEvent.Query().Where(auditevent.SequenceGT(after)).Order(ent.Asc(auditevent.FieldSequence)).All(f.ctx)
	if err != nil {
		f.t.Fatal(err)
	}
	var ms []mail.Message
	for _, e := range trail {
		m, err := mail.ForEvent(context.Background(), f.Client, e)
		if err != nil {
			f.t.Fatal(err)
		}
		ms = append(ms, m...)
	}
	return ms
}

// plan plans a round on version 1 opening in an hour, as the secretariat.
func (f *flow) plan(invited ...*ent.Agency) pulid.ID {
	f.t.Helper()
	var ids []pulid.ID
	for _, a := range invited {
		ids = append(ids, a.ID)
	}
	var out struct {
		PlanConsultation struct{ Consultation struct{ ID pulid.ID } }
	}
	f.OK(f.t, f.World.Secretariat, `mutation($in: CreateConsultationInput!) { planConsultation(input: $in) { consultation { id } } }`,
		map[string]any{"in": map[string]any{
			"title": "Consultation écrite des ministères", "kind": "WRITTEN",
			"opensAt": time.Now().Add(time.Hour).UTC().Format(time.RFC3339), "closesAt": time.Now().Add(48 * time.Hour).UTC().Format(time.RFC3339),
			"versionID": f.version.ID, "invitedAgencyIDs": ids,
		}}, &out)
	return out.PlanConsultation.Consultation.ID
}

// act takes one of the secretariat's actions on a round.
func (f *flow) act(action string, id pulid.ID) {
	f.t.Helper()
	r, err := f.Client.Consultation.Get(f.ctx, id)
	if err != nil {
		f.t.Fatal(err)
	}
	f.OK(f.t, f.World.Secretariat, fmt.Sprintf(`mutation($id: ID!, $rev: Int!) { %s(id: $id, revision: $rev) { consultation { id } } }`, action),
		map[string]any{"id": id, "rev": r.Revision}, nil)
}

// submit submits an observation on the whole strategy with an agency's token.
func (f *flow) submit(token string, round pulid.ID, body string) pulid.ID {
	f.t.Helper()
	var out struct {
		SubmitObservation struct{ Observation struct{ ID pulid.ID } }
	}
	f.OK(f.t, token, `mutation($in: SubmitObservationInput!) { submitObservation(input: $in) { observation { id } } }`,
		map[string]any{"in": map[string]any{"consultationID": round, "targetKind": "STRATEGY", "kind": "COMMENT", "body": body}}, &out)
	return out.SubmitObservation.Observation.ID
}

// answer answers an observation as the secretariat.
func (f *flow) answer(id pulid.ID, disposition, response string) {
	f.t.Helper()
	o, err := f.Client.Observation.Get(f.ctx, id)
	if err != nil {
		f.t.Fatal(err)
	}
	in := map[string]any{"observationID": id, "revision": o.Revision, "disposition": disposition}
	if response != "" {
		in["response"] = response
	}
	f.OK(f.t, f.World.Secretariat, `mutation($in: AnswerObservationInput!) { answerObservation(input: $in) { observation { id } } }`,
		map[string]any{"in": in}, nil)
}

func sortedMap(m map[string][]string) []string {
	var out []string
	for k, v := range m {
		v = slices.Clone(v)
		sort.Strings(v)
		out = append(out, k+": "+strings.Join(v, " | "))
	}
	sort.Strings(out)
	return out
}
