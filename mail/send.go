package mail

import (
	"context"
	"crypto/sha256"
	"crypto/tls"
	"encoding/hex"
	"fmt"
	"log/slog"
	netmail "net/mail"
	"strings"
	"time"

	gomail "github.com/wneessen/go-mail"

	"github.com/palabre/palabre/clock"
)

// NewSender returns the sender the settings describe: SMTP when SMTPURL is
// set, the log otherwise (development needs no mail server).
func NewSender(s Settings, logger *slog.Logger) (Sender, error) {
	if err := s.Check(); err != nil {
		return nil, err
	}
	if s.SMTPURL == "" {
		return &LogSender{Logger: logger, PublicURL: s.PublicURL}, nil
	}
	server, _ := ParseSMTPURL(s.SMTPURL)
	return &SMTPSender{server: server, from: s.From, publicURL: s.PublicURL, tls: s.TLSConfig}, nil
}

// SMTPSender sends messages to an SMTP server, one connection per message
// (the outbox's worker sends few, and a connection never outlives a failure).
type SMTPSender struct {
	server    SMTPServer
	from      string
	publicURL string
	tls       *tls.Config
}

// Timeout bounds one message's whole exchange with the SMTP server.
const Timeout = 30 * time.Second

// Send renders the message and sends it.
func (s *SMTPSender) Send(ctx context.Context, m Message) error {
	r, err := Render(m, s.publicURL)
	if err != nil {
		return err
	}
	msg, err := s.compose(ctx, m, r)
	if err != nil {
		return err
	}
	c, err := gomail.NewClient(s.server.Host, s.options()...)
	if err != nil {
		return fmt.Errorf("mail to %s: %w", s.server, err)
	}
	if err := c.DialAndSendWithContext(ctx, msg); err != nil {
		// go-mail's errors name the server and the step, never the password.
		return fmt.Errorf("sending %s through %s: %w", m.Key, s.server, err)
	}
	return nil
}

func (s *SMTPSender) options() []gomail.Option {
	o := []gomail.Option{gomail.WithPort(s.server.Port), gomail.WithTimeout(Timeout)}
	switch {
	case s.server.ImplicitTLS:
		o = append(o, gomail.WithSSL())
	case s.server.StartTLS:
		o = append(o, gomail.WithTLSPolicy(gomail.TLSMandatory))
	default:
		o = append(o, gomail.WithTLSPolicy(gomail.NoTLS))
	}
	if s.tls != nil {
		o = append(o, gomail.WithTLSConfig(s.tls))
	}
	if s.server.Username != "" {
		auth := gomail.SMTPAuthPlain
		if s.server.Auth == "LOGIN" {
			auth = gomail.SMTPAuthLogin
		}
		o = append(o, gomail.WithSMTPAuth(auth), gomail.WithUsername(s.server.Username), gomail.WithPassword(s.server.Password))
	}
	return o
}

// compose builds the MIME message: multipart/alternative, plain text then
// HTML, with a Message-ID derived from the key (a retried delivery is the
// same message to the receiving side).
func (s *SMTPSender) compose(ctx context.Context, m Message, r Rendered) (*gomail.Msg, error) {
	msg := gomail.NewMsg()
	if err := msg.From(s.from); err != nil {
		return nil, fmt.Errorf("the sender's address %q: %w", s.from, err)
	}
	if err := msg.AddToFormat(m.To.Name, m.To.Address); err != nil {
		return nil, fmt.Errorf("the address of account %s: %w", m.To.AccountID, err)
	}
	msg.Subject(r.Subject)
	msg.SetDateWithValue(clock.Now(ctx))
	msg.SetMessageIDWithValue(MessageID(m.Key, s.from))
	msg.SetGenHeader(gomail.HeaderContentLang, string(m.Language))
	msg.SetGenHeader("Auto-Submitted", "auto-generated")
	msg.SetBodyString(gomail.TypeTextPlain, r.Text)
	msg.AddAlternativeString(gomail.TypeTextHTML, r.HTML)
	return msg, nil
}

// MessageID is the Message-ID (without angle brackets) of the message with
// that key, in the sender's domain.
func MessageID(key, from string) string {
	domain := "palabre.invalid"
	if a, err := netmail.ParseAddress(from); err == nil {
		if i := strings.LastIndex(a.Address, "@"); i >= 0 {
			domain = a.Address[i+1:]
		}
	}
	sum := sha256.Sum256([]byte(key))
	return hex.EncodeToString(sum[:16]) + "@" + domain
}

// LogSender writes each message to the log instead of sending it: the
// development sender, when no SMTP server is set.
type LogSender struct {
	Logger    *slog.Logger
	PublicURL string
}

// Send logs the rendered message, plain text part included.
func (l *LogSender) Send(ctx context.Context, m Message) error {
	r, err := Render(m, l.PublicURL)
	if err != nil {
		return err
	}
	l.Logger.InfoContext(ctx, "e-mail not sent: no PALABRE_SMTP_URL, so it is logged",
		"key", m.Key, "kind", m.Kind, "to", m.To.Address, "language", m.Language, "subject", r.Subject, "text", r.Text)
	return nil
}
