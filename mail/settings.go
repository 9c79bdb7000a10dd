package mail

import (
	"crypto/tls"
	"fmt"
	"net"
	netmail "net/mail"
	"net/url"
	"strconv"
	"strings"
)

// Settings are how e-mails are sent: the server, the sender's address and
// the public address of Palabre's console for the links.
type Settings struct {
	// SMTPURL is smtp://user:pass@host:587?starttls=true (STARTTLS, the
	// default for smtp://) or smtps://user:pass@host:465 (implicit TLS);
	// auth=login picks LOGIN instead of PLAIN. Empty: e-mails go to the log.
	SMTPURL string
	// From is the sender, such as "Palabre <palabre@plan.example.org>".
	From string
	// PublicURL is where people reach the console, such as
	// https://plan.example.org; links in e-mails start with it.
	PublicURL string
	// TLSConfig, when set, replaces the default TLS configuration (tests
	// trust their own certificate with it); it has no variable.
	TLSConfig *tls.Config
}

// Check reports the first setting that cannot work, never showing the
// password.
func (s Settings) Check() error {
	if s.SMTPURL != "" {
		if _, err := ParseSMTPURL(s.SMTPURL); err != nil {
			return err
		}
		if s.From == "" {
			return fmt.Errorf("PALABRE_MAIL_FROM is empty: give the sender's address, such as \"Palabre <palabre@plan.example.org>\", to send e-mails")
		}
	}
	if s.From != "" {
		if _, err := netmail.ParseAddress(s.From); err != nil {
			return fmt.Errorf("the sender's address %q is not an e-mail address, such as \"Palabre <palabre@plan.example.org>\"", s.From)
		}
	}
	if s.PublicURL != "" {
		u, err := url.Parse(s.PublicURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" || u.User != nil {
			return fmt.Errorf("the public URL %q: write it as scheme://host[:port][/path], such as https://plan.example.org", s.PublicURL)
		}
	}
	return nil
}

// SMTPServer is a parsed PALABRE_SMTP_URL.
type SMTPServer struct {
	Host string
	Port int
	// ImplicitTLS (smtps://) speaks TLS from the first byte; otherwise
	// StartTLS requires the server to upgrade the connection, and without
	// it the connection stays in clear (only with no password).
	ImplicitTLS, StartTLS bool
	Username, Password    string
	// Auth is PLAIN or LOGIN when there is a username.
	Auth string
}

// String is the server's URL without its password.
func (s SMTPServer) String() string {
	scheme := "smtp"
	if s.ImplicitTLS {
		scheme = "smtps"
	}
	u := url.URL{Scheme: scheme, Host: net.JoinHostPort(s.Host, strconv.Itoa(s.Port))}
	if s.Username != "" {
		u.User = url.User(s.Username)
	}
	return u.String()
}

// ParseSMTPURL reads PALABRE_SMTP_URL. Its errors never contain the password.
func ParseSMTPURL(raw string) (SMTPServer, error) {
	u, err := url.Parse(raw)
	if err != nil {
		// url's error quotes the whole URL, password included.
		return SMTPServer{}, fmt.Errorf("PALABRE_SMTP_URL is not a URL: write it as smtp://user:password@host:587?starttls=true or smtps://user:password@host:465")
	}
	where := fmt.Sprintf("PALABRE_SMTP_URL %s", u.Redacted())
	s := SMTPServer{Host: u.Hostname()}
	switch u.Scheme {
	case "smtp":
		s.Port, s.StartTLS = 587, true
	case "smtps":
		s.Port, s.ImplicitTLS = 465, true
	default:
		return SMTPServer{}, fmt.Errorf("%s: the scheme must be smtp:// (STARTTLS) or smtps:// (implicit TLS)", where)
	}
	if s.Host == "" || (u.Path != "" && u.Path != "/") || u.Fragment != "" || u.Opaque != "" {
		return SMTPServer{}, fmt.Errorf("%s: give a host and no path, such as smtp://user:password@mail.example.org:587", where)
	}
	if p := u.Port(); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n <= 0 || n > 65535 {
			return SMTPServer{}, fmt.Errorf("%s: the port must be a number from 1 to 65535", where)
		}
		s.Port = n
	}
	if u.User != nil {
		s.Username = u.User.Username()
		s.Password, _ = u.User.Password()
		s.Auth = "PLAIN"
	}
	for name, values := range u.Query() {
		v := strings.ToLower(values[len(values)-1])
		switch name {
		case "starttls":
			if s.ImplicitTLS {
				return SMTPServer{}, fmt.Errorf("%s: starttls is for smtp://; smtps:// is TLS from the start", where)
			}
			b, err := strconv.ParseBool(v)
			if err != nil {
				return SMTPServer{}, fmt.Errorf("%s: starttls must be true or false", where)
			}
			s.StartTLS = b
		case "auth":
			if v != "plain" && v != "login" {
				return SMTPServer{}, fmt.Errorf("%s: auth must be plain or login", where)
			}
			if s.Username == "" {
				return SMTPServer{}, fmt.Errorf("%s: auth=%s needs a user and password in the URL", where, v)
			}
			s.Auth = strings.ToUpper(v)
		default:
			return SMTPServer{}, fmt.Errorf("%s: unknown parameter %q: use starttls=true|false or auth=plain|login", where, name)
		}
	}
	if s.Username != "" && !s.ImplicitTLS && !s.StartTLS {
		return SMTPServer{}, fmt.Errorf("%s: starttls=false would send the password in clear: use starttls=true or smtps://", where)
	}
	return s, nil
}
