package server_test

import (
	"fmt"
	"log/slog"
	"testing"
	"time"

	"github.com/palabre/palabre/server"
)

func TestConfigFromEnvReadsEveryVariable(t *testing.T) {
	t.Parallel()
	env := map[string]string{
		"PALABRE_ENV":              "development",
		"PALABRE_ADDR":             ":9090",
		"PALABRE_DATABASE_URL":     "postgres://palabre@db/palabre",
		"PALABRE_CORS_ORIGINS":     "https://plan.example.sn, https://suivi.example.sn",
		"PALABRE_MAX_BODY_BYTES":   "2048",
		"PALABRE_READ_TIMEOUT":     "5s",
		"PALABRE_WRITE_TIMEOUT":    "6s",
		"PALABRE_IDLE_TIMEOUT":     "7s",
		"PALABRE_SHUTDOWN_TIMEOUT": "8s",
		"PALABRE_LOG_LEVEL":        "debug",
	}
	cfg, err := server.ConfigFromEnv(func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Env != server.Development || cfg.Addr != ":9090" || cfg.DatabaseURL != "postgres://palabre@db/palabre" ||
		len(cfg.CORSOrigins) != 2 || cfg.CORSOrigins[1] != "https://suivi.example.sn" || cfg.MaxBodyBytes != 2048 ||
		cfg.ReadTimeout != 5*time.Second || cfg.WriteTimeout != 6*time.Second || cfg.IdleTimeout != 7*time.Second ||
		cfg.ShutdownTimeout != 8*time.Second || cfg.LogLevel != slog.LevelDebug {
		t.Fatalf("got %+v", cfg)
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
