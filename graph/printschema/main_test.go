package main

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/palabre/palabre/graph/generated"
)

func TestSchemaIsCompleteDeterministicAndValid(t *testing.T) {
	var first, second bytes.Buffer
	if err := writeSchema(&first); err != nil {
		t.Fatal(err)
	}
	if err := writeSchema(&second); err != nil {
		t.Fatal(err)
	}
	if first.String() != second.String() {
		t.Fatal("two runs printed different schemas")
	}
	sdl := first.String()
	for _, want := range []string{"type Query {", "type Mutation {", "compareVersions(", "auditTrail(", "submitObservation(", `"""`} {
		if !strings.Contains(sdl, want) {
			t.Errorf("the schema lacks %q", want)
		}
	}
	if strings.Contains(sdl, "@go") {
		t.Error("gqlgen's Go directives leak into the schema")
	}
	schema, err := gqlparser.LoadSchema(&ast.Source{Name: "schema.graphql", Input: sdl})
	if err != nil {
		t.Fatalf("the printed schema does not load: %v", err)
	}
	if d := schema.Types["Observation"].Fields.ForName("body"); d == nil || d.Description == "" {
		t.Error("Observation.body is missing or has no description")
	}
}

func TestServerSchemaKeepsItsDirectives(t *testing.T) {
	// Printing works on a copy: the executable schema keeps what gqlgen binds with.
	if err := writeSchema(io.Discard); err != nil {
		t.Fatal(err)
	}
	role := generated.NewExecutableSchema(generated.Config{}).Schema().Types["AccountRole"]
	if role == nil || role.Directives.ForName("goModel") == nil {
		t.Fatal("printing removed @goModel from the server's own schema")
	}
}
