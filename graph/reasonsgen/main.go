// Command reasonsgen writes graph/schema/reasons.graphql, the GraphQL enum
// ErrorReason, from palabre.Reasons: the reasons of refusals are listed once,
// in reasons.go. make generate runs it before gqlgen.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"log"
	"os"
	"strings"

	"github.com/palabre/palabre"
)

func main() {
	out := flag.String("o", "graph/schema/reasons.graphql", "the file to write")
	flag.Parse()
	var b bytes.Buffer
	b.WriteString(`# Written by go run ./graph/reasonsgen from palabre.Reasons (reasons.go): never edit.

"""
Why a rule refused a change, in ` + "`errors[].extensions.reason`" + ` beside its code,
with the values its sentence names in ` + "`errors[].extensions.params`" + ` (an object of
strings: dates and times in RFC 3339, numbers in decimal, states as their enum
value). No field returns it: frontends say each reason in their user's language
and fall back on the code for a refusal without one. Params are in braces.
"""
enum ErrorReason {
`)
	for _, r := range palabre.Reasons {
		fmt.Fprintf(&b, "  %q\n  %s\n", r.Doc, r.Reason)
	}
	b.WriteString("}\n")
	if strings.Contains(b.String(), `\`) {
		log.Fatal("a reason's doc needs escaping in GraphQL: keep it plain")
	}
	if err := os.WriteFile(*out, b.Bytes(), 0o644); err != nil {
		log.Fatal(err)
	}
}
