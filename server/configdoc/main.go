// Command configdoc writes what is derived from the server's settings
// (server/config.go): the configuration table of README.md, and
// frontend-contract/server-limits.json. `make generate` runs it from the
// root of the repository.
package main

import (
	"fmt"
	"os"

	"github.com/palabre/palabre/server"
)

func main() {
	if err := run("README.md", "frontend-contract/server-limits.json"); err != nil {
		fmt.Fprintln(os.Stderr, "configdoc:", err)
		os.Exit(1)
	}
}

func run(readmePath, limitsPath string) error {
	readme, err := os.ReadFile(readmePath)
	if err != nil {
		return err
	}
	updated, err := server.WithConfigTable(string(readme))
	if err != nil {
		return fmt.Errorf("%s: %w", readmePath, err)
	}
	if err := os.WriteFile(readmePath, []byte(updated), 0o644); err != nil {
		return err
	}
	return os.WriteFile(limitsPath, server.ContractLimits(), 0o644)
}
