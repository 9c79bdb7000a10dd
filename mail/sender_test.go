package mail_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/palabre/palabre/mail"
)

// roundOpened is an e-mail whose facts hold what HTML must escape.
func roundOpened(lang mail.Language) mail.Message {
	closes := time.Date(2027, 1, 2, 18, 0, 0, 0, time.UTC)
	return mail.Message{
		Key: "AU01/AC01", Kind: mail.RoundOpened, Language: lang,
		To: mail.Recipient{AccountID: "AC01", Name: "Ibrahima Fall", Address: "anssi@palabre.test"},
		Facts: mail.Facts{RoundID: "CO01", RoundTitle: `Consultation <script>alert("x")</script> & co`,
			StrategyTitle: "Stratégie nationale de cybersécurité", ClosesAt: &closes},
	}
}

func sender(t *testing.T, srv *smtpServer, url string) mail.Sender {
	t.Helper()
	s, err := mail.NewSender(mail.Settings{SMTPURL: url, From: "Palabre <palabre@plan.example.sn>",
		PublicURL: "https://plan.example.sn/", TLSConfig: srv.Client}, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// The SMTP sender upgrades with STARTTLS, authenticates with PLAIN or LOGIN,
// or speaks TLS from the start, and the server reads a multipart message with
// the subject, language, link and both parts.
func TestSMTPSenderDeliversOverTLSWithAuthentication(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name     string
		implicit bool
		url      string
		mech     string
	}{
		{"STARTTLS and PLAIN", false, "smtp://palabre:s3cret@%s?starttls=true", "PLAIN"},
		{"STARTTLS and LOGIN", false, "smtp://palabre:s3cret@%s?auth=login", "LOGIN"},
		{"implicit TLS", true, "smtps://palabre:s3cret@%s", "PLAIN"},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			srv := startSMTP(t, smtpOptions{implicitTLS: c.implicit, user: "palabre", pass: "s3cret"})
			s := sender(t, srv, fmt.Sprintf(c.url, srv.Addr))
			if err := s.Send(context.Background(), roundOpened(mail.French)); err != nil {
				t.Fatal(err)
			}
			got := srv.Received()
			if len(got) != 1 {
				t.Fatalf("received %d messages", len(got))
			}
			m := got[0]
			if !m.TLS || m.User != "palabre" || m.Mech != c.mech || m.From != "palabre@plan.example.sn" || strings.Join(m.To, ",") != "anssi@palabre.test" {
				t.Errorf("envelope: TLS %v, user %q by %s, from %q, to %v", m.TLS, m.User, m.Mech, m.From, m.To)
			}
			if want := `Consultation ouverte : Consultation <script>alert("x")</script> & co`; m.Subject != want {
				t.Errorf("subject %q, want %q", m.Subject, want)
			}
			if m.Language != "fr" || m.Header.Get("Auto-Submitted") != "auto-generated" ||
				m.Header.Get("Message-Id") != "<"+mail.MessageID("AU01/AC01", "palabre@plan.example.sn")+">" {
				t.Errorf("headers: %v", m.Header)
			}
			link := "https://plan.example.sn/rounds/CO01"
			if !strings.Contains(m.Text, "Bonjour Ibrahima Fall") || !strings.Contains(m.Text, "jusqu'au 2 janvier 2027") ||
				!strings.Contains(m.Text, link) || !strings.Contains(m.Text, `<script>alert("x")</script>`) {
				t.Errorf("plain text part:\n%s", m.Text)
			}
			if !strings.Contains(m.HTML, `href="`+link+`"`) || strings.Contains(m.HTML, "<script>") ||
				!strings.Contains(m.HTML, "&lt;script&gt;") || !strings.Contains(m.HTML, `lang="fr"`) {
				t.Errorf("HTML part:\n%s", m.HTML)
			}
		})
	}
}

func TestSMTPSenderWritesEnglishForAnAccountThatChoseIt(t *testing.T) {
	t.Parallel()
	srv := startSMTP(t, smtpOptions{user: "palabre", pass: "s3cret"})
	s := sender(t, srv, "smtp://palabre:s3cret@"+srv.Addr)
	if err := s.Send(context.Background(), roundOpened(mail.English)); err != nil {
		t.Fatal(err)
	}
	m := srv.Received()[0]
	if !strings.HasPrefix(m.Subject, "Consultation open: ") || m.Language != "en" ||
		!strings.Contains(m.Text, "Hello Ibrahima Fall") || !strings.Contains(m.Text, "until 2 January 2027") ||
		!strings.Contains(m.HTML, "Open in Palabre") {
		t.Errorf("subject %q, language %q, text:\n%s\nHTML:\n%s", m.Subject, m.Language, m.Text, m.HTML)
	}
}

// A wrong password, a server refusing for now, or no server at all: Send
// fails (the outbox retries), and no error shows the password.
func TestSMTPSenderFailuresAreErrorsWithoutThePassword(t *testing.T) {
	t.Parallel()
	srv := startSMTP(t, smtpOptions{user: "palabre", pass: "s3cret"})
	for name, url := range map[string]string{
		"wrong password": "smtp://palabre:wr0ng-s3cret@" + srv.Addr,
		"no server":      "smtp://palabre:s3cret@127.0.0.1:1",
	} {
		err := sender(t, srv, url).Send(context.Background(), roundOpened(mail.French))
		if err == nil || strings.Contains(err.Error(), "s3cret") {
			t.Errorf("%s: %v", name, err)
		}
	}
	srv.FailNext(1)
	s := sender(t, srv, "smtp://palabre:s3cret@"+srv.Addr)
	if err := s.Send(context.Background(), roundOpened(mail.French)); err == nil {
		t.Error("a 451 is not an error")
	}
	if err := s.Send(context.Background(), roundOpened(mail.French)); err != nil {
		t.Errorf("the retry: %v", err)
	}
	if n := len(srv.Received()); n != 1 {
		t.Errorf("received %d messages, want the retried one", n)
	}
}

// Without an SMTP server (development), e-mails are written to the log.
func TestWithoutSMTPTheLogGetsTheEmail(t *testing.T) {
	t.Parallel()
	var logged bytes.Buffer
	s, err := mail.NewSender(mail.Settings{PublicURL: "http://localhost:8080"}, slog.New(slog.NewTextHandler(&logged, nil)))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Send(context.Background(), roundOpened(mail.French)); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"to=anssi@palabre.test", "key=AU01/AC01", "http://localhost:8080/rounds/CO01", "Consultation ouverte"} {
		if !strings.Contains(logged.String(), want) {
			t.Errorf("the log lacks %q:\n%s", want, logged.String())
		}
	}
}

func TestBadSettingsAreRefused(t *testing.T) {
	t.Parallel()
	for name, s := range map[string]mail.Settings{
		"no sender":        {SMTPURL: "smtp://u:p@mail.example.sn"},
		"bad sender":       {SMTPURL: "smtp://u:p@mail.example.sn", From: "palabre"},
		"bad public URL":   {PublicURL: "plan.example.sn"},
		"public URL query": {PublicURL: "https://plan.example.sn/?a=b"},
		"clear password":   {SMTPURL: "smtp://u:p@mail.example.sn?starttls=false", From: "a@b.sn"},
	} {
		if _, err := mail.NewSender(s, slog.New(slog.DiscardHandler)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	if _, err := mail.NewSender(mail.Settings{SMTPURL: "smtp://relay.local:25?starttls=false", From: "a@b.sn"}, slog.New(slog.DiscardHandler)); err != nil {
		t.Errorf("a local relay in clear without a password: %v", err)
	}
}

// A message waits in the outbox as JSON: it comes back whole, and renders
// the same.
func TestAMessageSurvivesTheOutboxAsJSON(t *testing.T) {
	t.Parallel()
	m := roundOpened(mail.English)
	due := time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC)
	m.Facts.Overdue = []mail.Item{{ID: "AI01", Code: "A2.1", Title: "Créer le CERT", DueDate: &due}}
	m.Facts.Events = []mail.Gathered{{Kind: mail.ObservationAnswered, Facts: mail.Facts{RoundTitle: "R", Disposition: "ACCEPTED"}}}
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	var back mail.Message
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	want, err := mail.Render(m, "https://plan.example.sn")
	if err != nil {
		t.Fatal(err)
	}
	got, err := mail.Render(back, "https://plan.example.sn")
	if err != nil {
		t.Fatal(err)
	}
	if got != want || back.Key != m.Key || back.To != m.To {
		t.Errorf("after JSON:\n%+v\nwant:\n%+v", got, want)
	}
}
