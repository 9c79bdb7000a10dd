package graph

import (
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/palabre/palabre/graph/generated"
)

// TestEveryIDInputHasAKnownType walks the schema: every ID argument of a
// mutation and every ID field of the inputs mutations take must have a type
// checkIDs knows from its name, so that a new one is checked too.
func TestEveryIDInputHasAKnownType(t *testing.T) {
	t.Parallel()
	schema := generated.NewExecutableSchema(generated.Config{}).Schema()
	var unknown []string
	var walk func(mutation, path, name string, typ *ast.Type, seen map[string]bool)
	walk = func(mutation, path, name string, typ *ast.Type, seen map[string]bool) {
		if typ.Name() == "ID" {
			kinds := idKinds(mutation, name)
			if kinds == nil {
				unknown = append(unknown, path)
			}
			for _, k := range kinds {
				if kindNames[k] == "" {
					unknown = append(unknown, path+" ("+k+")")
				}
			}
		}
		def := schema.Types[typ.Name()]
		if def == nil || def.Kind != ast.InputObject || seen[def.Name] {
			return
		}
		seen[def.Name] = true
		for _, f := range def.Fields {
			walk(mutation, path+"."+f.Name, f.Name, f.Type, seen)
		}
	}
	n := 0
	for _, m := range schema.Mutation.Fields {
		for _, a := range m.Arguments {
			walk(m.Name, m.Name+"."+a.Name, a.Name, a.Type, map[string]bool{})
		}
		n++
	}
	if len(unknown) > 0 {
		t.Errorf("ID inputs of no known type: %s", strings.Join(unknown, ", "))
	}
	for _, c := range []struct {
		mutation, name string
		want           string
	}{
		{"createActionItem", "leadAgencyID", "AG"},
		{"updateActionItem", "addSupportingAgencyIDs", "AG"},
		{"updateActionItem", "removeDependsOnIDs", "AI"},
		{"updateAgency", "id", "AG"},
		{"updateAgency", "addChildIDs", "AG"},
		{"createObjective", "parentID", "OB"},
		{"revokeAPIToken", "id", "TK"},
		{"answerObservation", "takenIntoVersionID", "SV"},
		{"submitObservation", "targetID", "OB,AI"},
		{"planConsultation", "invitedAgencyIDs", "AG"},
		{"createActionItem", "fundingPartnerIDs", "AG"},
	} {
		if got := strings.Join(idKinds(c.mutation, c.name), ","); got != c.want {
			t.Errorf("%s.%s: %s, want %s", c.mutation, c.name, got, c.want)
		}
	}
}
