package server

import (
	"encoding/json"
	"fmt"
	"strings"
)

// The README's configuration table stands between these lines.
const (
	ConfigTableBegin = "<!-- configuration: written by `make generate` from server/config.go; edit the settings there -->"
	ConfigTableEnd   = "<!-- end of configuration -->"
)

// ConfigTable is the README's configuration table, in Markdown: one row per
// setting, with its variable, its flag, its default and what it does.
func ConfigTable() string {
	var b strings.Builder
	b.WriteString("| variable | flag | default | |\n|---|---|---|---|\n")
	for _, s := range settings {
		def := "none"
		if d := s.DefaultText(); d != "" {
			def = "`" + d + "`"
		}
		fmt.Fprintf(&b, "| `%s` | `--%s` | %s | %s |\n", s.Env, s.Flag, def, s.Doc)
	}
	return b.String()
}

// WithConfigTable returns readme with the text between ConfigTableBegin and
// ConfigTableEnd replaced by ConfigTable, or an error if the markers are missing.
func WithConfigTable(readme string) (string, error) {
	before, rest, ok := strings.Cut(readme, ConfigTableBegin+"\n")
	_, after, ok2 := strings.Cut(rest, ConfigTableEnd)
	if !ok || !ok2 {
		return "", fmt.Errorf("the README lacks the lines %q and %q around its configuration table", ConfigTableBegin, ConfigTableEnd)
	}
	return before + ConfigTableBegin + "\n" + ConfigTable() + "\n" + ConfigTableEnd + after, nil
}

// ContractLimits is frontend-contract/server-limits.json: the default limits
// of a GraphQL document, which the contract's operations are checked against.
func ContractLimits() []byte {
	l := DefaultConfig().Limits
	b, _ := json.MarshalIndent(map[string]any{
		"comment":    "written by `make generate` from server/config.go (PALABRE_MAX_*): do not edit",
		"maxDepth":   l.MaxDepth,
		"maxCost":    l.MaxCost,
		"maxAliases": l.MaxAliases,
		"maxTokens":  l.MaxTokens,
	}, "", "  ")
	return append(b, '\n')
}
