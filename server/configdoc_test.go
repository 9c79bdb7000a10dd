package server_test

import (
	"os"
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
