package server_test

import (
	"flag"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/palabre/palabre/server"
)

// TestREADMEConfigurationTableIsCurrent: the README's configuration table is
// the settings of config.go, one row each; `make generate` rewrites it.
func TestREADMEConfigurationTableIsCurrent(t *testing.T) {
	t.Parallel()
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	want, err := server.WithConfigTable(string(readme))
	if err != nil {
		t.Fatal(err)
	}
	if string(readme) != want {
		t.Error("README.md's configuration table differs from server/config.go's settings: run make generate")
	}
	for _, s := range server.Settings() {
		if !strings.Contains(string(readme), "| `"+s.Env+"` | `--"+s.Flag+"` |") {
			t.Errorf("README.md does not list %s", s.Env)
		}
	}
}

// TestContractLimitsAreTheServers: the limits the frontend contract checks its
// operations against are the server's defaults.
func TestContractLimitsAreTheServers(t *testing.T) {
	t.Parallel()
	got, err := os.ReadFile("../frontend-contract/server-limits.json")
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(server.ContractLimits()) {
		t.Errorf("frontend-contract/server-limits.json differs from the server's limits: run make generate\n%s", got)
	}
}

// TestFlagsAndVariablesSetTheSameThing: every setting has a variable and a
// flag of palabre serve, and both change the configuration alike.
func TestFlagsAndVariablesSetTheSameThing(t *testing.T) {
	t.Parallel()
	samples := map[string]string{ // a value other than the default, for each setting
		"PALABRE_ENV":                      "development",
		"PALABRE_ADDR":                     ":9090",
		"PALABRE_DATABASE_URL":             "postgres://palabre@db/palabre",
		"PALABRE_CORS_ORIGINS":             "https://plan.example.sn,https://suivi.example.sn",
		"PALABRE_MAX_BODY_BYTES":           "2048",
		"PALABRE_LOG_LEVEL":                "debug",
		"PALABRE_REQUEST_TIMEOUT":          "3s",
		"PALABRE_READ_TIMEOUT":             "4s",
		"PALABRE_WRITE_TIMEOUT":            "5s",
		"PALABRE_IDLE_TIMEOUT":             "6s",
		"PALABRE_SHUTDOWN_TIMEOUT":         "7s",
		"PALABRE_MAX_DEPTH":                "8",
		"PALABRE_MAX_COST":                 "9",
		"PALABRE_MAX_ALIASES":              "10",
		"PALABRE_MAX_TOKENS":               "11",
		"PALABRE_TRUSTED_DOCUMENTS":        "manifest.json",
		"PALABRE_AUTH_FAILURES_PER_MINUTE": "12",
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
