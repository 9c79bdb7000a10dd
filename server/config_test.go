package server_test

import (
	"flag"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/palabre/palabre/server"
)

// TestFlagsAndVariablesSetTheSameThing: every setting has a variable and a
// flag of palabre serve, and both change the configuration alike.
func TestFlagsAndVariablesSetTheSameThing(t *testing.T) {
	t.Parallel()
	samples := map[string]string{ // a value other than the default, for each setting
		"PALABRE_ENV":                          "development",
		"PALABRE_ADDR":                         ":9090",
		"PALABRE_DATABASE_URL":                 "postgres://palabre@db/palabre",
		"PALABRE_DATABASE_CONNECTIONS":         "40",
		"PALABRE_CORS_ORIGINS":                 "https://plan.example.sn,https://suivi.example.sn",
		"PALABRE_MAX_BODY_BYTES":               "2048",
		"PALABRE_MEMORY_LIMIT":                 "209715200",
		"PALABRE_FILES":                        "s3://palabre?region=eu-west-3",
		"PALABRE_MAX_FILE_BYTES":               "4096",
		"PALABRE_MAX_UPLOAD_BYTES":             "8192",
		"PALABRE_LOG_LEVEL":                    "debug",
		"PALABRE_REQUEST_TIMEOUT":              "3s",
		"PALABRE_READ_TIMEOUT":                 "4s",
		"PALABRE_WRITE_TIMEOUT":                "5s",
		"PALABRE_IDLE_TIMEOUT":                 "6s",
		"PALABRE_SHUTDOWN_TIMEOUT":             "7s",
		"PALABRE_MAX_DEPTH":                    "8",
		"PALABRE_MAX_COST":                     "9",
		"PALABRE_MAX_ALIASES":                  "10",
		"PALABRE_MAX_TOKENS":                   "11",
		"PALABRE_TRUSTED_DOCUMENTS":            "manifest.json",
		"PALABRE_AUTH_FAILURES_PER_MINUTE":     "12",
		"PALABRE_TRUSTED_PROXIES":              "10.0.0.0/8",
		"PALABRE_SUBSCRIPTIONS_PER_CONNECTION": "13",
		"PALABRE_CONNECTIONS_PER_TOKEN":        "14",
		"PALABRE_SUBSCRIPTION_BUFFER":          "15",
		"PALABRE_KEEPALIVE":                    "16s",
		"PALABRE_EVENTS_POLL":                  "17s",
		"PALABRE_SECRET_KEY":                   "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
		"PALABRE_OUTBOX_ATTEMPTS":              "5",
		"PALABRE_OUTBOX_BACKOFF":               "10s",
		"PALABRE_OUTBOX_LEASE":                 "3m",
		"PALABRE_OUTBOX_POLL":                  "45s",
		"PALABRE_OUTBOX_RETENTION":             "72h",
		"PALABRE_SESSION_IDLE":                 "13m",
		"PALABRE_SESSION_LIFETIME":             "14h",
		"PALABRE_PASSWORD_LINK_LIFETIME":       "15h",
		"PALABRE_SMTP_URL":                     "smtp://palabre:s3cret@mail.example.sn:587?starttls=true",
		"PALABRE_MAIL_FROM":                    "Palabre <palabre@plan.example.sn>",
		"PALABRE_PUBLIC_URL":                   "https://plan.example.sn",
	}
	for _, s := range server.Settings() {
		value, ok := samples[s.Env]
		if !ok {
			t.Errorf("%s: add a sample value to this test", s.Env)
			continue
		}
		fromEnv, err := server.ConfigFromEnv(func(k string) string {
			if k == s.Env {
				return value
			}
			return ""
		})
		if err != nil {
			t.Errorf("%s=%s: %v", s.Env, value, err)
			continue
		}
		fromFlag := server.DefaultConfig()
		fs := flag.NewFlagSet("serve", flag.ContinueOnError)
		fromFlag.RegisterFlags(fs)
		if err := fs.Parse([]string{"--" + s.Flag, value}); err != nil {
			t.Errorf("--%s %s: %v", s.Flag, value, err)
			continue
		}
		if !reflect.DeepEqual(fromEnv, fromFlag) {
			t.Errorf("%s and --%s differ:\n%+v\n%+v", s.Env, s.Flag, fromEnv, fromFlag)
		}
		if reflect.DeepEqual(fromEnv, server.DefaultConfig()) {
			t.Errorf("%s=%s changed nothing", s.Env, value)
		}
	}
}

func TestConfigDefaults(t *testing.T) {
	t.Parallel()
	cfg, err := server.ConfigFromEnv(func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Env != server.Production || cfg.Addr != "127.0.0.1:8080" || cfg.DatabaseURL != "palabre.db" ||
		cfg.CORSOrigins != nil || cfg.MaxBodyBytes != 1<<20 {
		t.Fatalf("got %+v", cfg)
	}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
}

func TestConfigRefusesBadValues(t *testing.T) {
	t.Parallel()
	for name, value := range map[string]string{
		"PALABRE_ENV":            "staging",
		"PALABRE_CORS_ORIGINS":   "*",
		"PALABRE_MAX_BODY_BYTES": "1MB",
		"PALABRE_READ_TIMEOUT":   "15",
		"PALABRE_LOG_LEVEL":      "verbose",
	} {
		if _, err := server.ConfigFromEnv(func(k string) string {
			if k == name {
				return value
			}
			return ""
		}); err == nil {
			t.Errorf("%s=%s accepted", name, value)
		}
	}
	for _, origin := range []string{"https://*.example.sn", "https://plan.example.sn/", "plan.example.sn", "ftp://plan.example.sn"} {
		if err := (server.Config{Env: server.Production, Addr: ":1", DatabaseURL: "x.db", MaxBodyBytes: 1,
			ReadTimeout: 1, WriteTimeout: 1, IdleTimeout: 1, ShutdownTimeout: 1, CORSOrigins: []string{origin}}).Validate(); err == nil {
			t.Errorf("origin %q accepted", origin)
		}
	}
}

// A bad SMTP URL stops the server at start-up with a clear error that never
// shows the password; a good one is shown without it.
func TestConfigRefusesBadSMTPURLWithoutShowingThePassword(t *testing.T) {
	t.Parallel()
	config := func(vars map[string]string) (server.Config, error) {
		cfg, err := server.ConfigFromEnv(func(k string) string { return vars[k] })
		if err != nil {
			return cfg, err
		}
		return cfg, cfg.Validate()
	}
	mail := map[string]string{"PALABRE_MAIL_FROM": "palabre@plan.example.sn", "PALABRE_PUBLIC_URL": "https://plan.example.sn"}
	for _, bad := range []string{
		"http://palabre:s3cret@mail.example.sn",
		"smtp://palabre:s3cret@mail.example.sn:99999",
		"smtp://palabre:s3cret@mail.example.sn?starttls=maybe",
		"smtp://palabre:s3cret@mail.example.sn?starttls=false",
		"smtp://palabre:s3cret@mail.example.sn?auth=cram-md5",
		"smtps://palabre:s3cret@mail.example.sn?starttls=true",
		"smtp://palabre:s3cret@mail.example.sn/path",
		"smtp://palabre:s3cret@mail.example.sn?tls=yes",
		"smtp://palabre:s3cret@[::1%zz",
	} {
		vars := map[string]string{"PALABRE_SMTP_URL": bad}
		for k, v := range mail {
			vars[k] = v
		}
		_, err := config(vars)
		if err == nil {
			t.Errorf("%s accepted", bad)
			continue
		}
		if strings.Contains(err.Error(), "s3cret") || !strings.Contains(err.Error(), "PALABRE_SMTP_URL") {
			t.Errorf("%s: the error shows the password or does not name the setting: %v", bad, err)
		}
	}
	good := map[string]string{"PALABRE_SMTP_URL": "smtp://palabre:s3cret@mail.example.sn:587?starttls=true"}
	if _, err := config(good); err == nil || !strings.Contains(err.Error(), "PALABRE_MAIL_FROM") {
		t.Errorf("an SMTP server without a sender: %v", err)
	}
	good["PALABRE_MAIL_FROM"] = "palabre@plan.example.sn"
	if _, err := config(good); err == nil || !strings.Contains(err.Error(), "PALABRE_PUBLIC_URL") {
		t.Errorf("an SMTP server without a public URL: %v", err)
	}
	good["PALABRE_PUBLIC_URL"] = "https://plan.example.sn"
	if _, err := config(good); err != nil {
		t.Fatal(err)
	}
	for _, s := range server.Settings() {
		if s.Env == "PALABRE_SMTP_URL" {
			cfg, _ := config(good)
			fs := flag.NewFlagSet("serve", flag.ContinueOnError)
			cfg.RegisterFlags(fs, s.Flag)
			if shown := fs.Lookup(s.Flag).DefValue; strings.Contains(shown, "s3cret") || !strings.Contains(shown, "palabre@mail.example.sn:587") {
				t.Errorf("the flag's default shows %q", shown)
			}
		}
	}
}

func TestConfigReadsTrustedProxies(t *testing.T) {
	t.Parallel()
	cfg, err := server.ConfigFromEnv(func(k string) string {
		if k == "PALABRE_TRUSTED_PROXIES" {
			return "10.0.0.0/8, 192.0.2.7, fd00::/8"
		}
		return ""
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(cfg.TrustedProxies); got != "[10.0.0.0/8 192.0.2.7/32 fd00::/8]" {
		t.Fatalf("got %s", got)
	}
	for _, bad := range []string{"10.0.0.0/33", "proxy.example.sn", "*"} {
		if _, err := server.ConfigFromEnv(func(k string) string {
			if k == "PALABRE_TRUSTED_PROXIES" {
				return bad
			}
			return ""
		}); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

// TestAttachedFilesLiveBesideTheSQLiteFile: `make run` needs no setting for
// files; PALABRE_FILES wins when set.
func TestAttachedFilesLiveBesideTheSQLiteFile(t *testing.T) {
	t.Parallel()
	for database, want := range map[string]string{
		"palabre.db":                    "palabre-files",
		"/var/lib/palabre/data.sqlite":  "/var/lib/palabre/data-files",
		"file:/srv/p.db?_pragma=x":      "/srv/p-files",
		"postgres://palabre@db/palabre": "palabre-files",
	} {
		c := server.DefaultConfig()
		c.DatabaseURL = database
		if got := c.FilesLocation(); got != want {
			t.Errorf("%s: files in %s, want %s", database, got, want)
		}
	}
	c := server.DefaultConfig()
	c.Files = "s3://bucket"
	if c.FilesLocation() != "s3://bucket" {
		t.Errorf("PALABRE_FILES is not used")
	}
}
