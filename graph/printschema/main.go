// Command printschema prints the whole GraphQL schema the server executes,
// as SDL with every description, on standard output: the hand-written
// graph/schema/*.graphql and the derived graph/ent.graphql merged, as the
// frontends see them. With -o FILE it replaces FILE instead, whole or not at
// all: `make generate` writes frontend-contract/schema.graphql so, the
// contract frontends build on.
//
// The output is deterministic (directives and types sorted by name, fields in
// schema order), so an unchanged schema leaves the file unchanged.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/formatter"

	"github.com/palabre/palabre/graph/generated"
)

func main() {
	out := flag.String("o", "", "write the schema to this file instead of standard output")
	flag.Parse()
	var err error
	if *out == "" {
		err = writeSchema(os.Stdout)
	} else {
		err = replaceFile(*out)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "printschema:", err)
		os.Exit(1)
	}
}

// replaceFile writes the schema to a temporary file beside path, then renames
// it over path, so a failure never leaves a truncated schema behind.
func replaceFile(path string) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // fails harmlessly once renamed
	if err := writeSchema(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// writeSchema writes the server's schema as SDL.
func writeSchema(w io.Writer) error {
	schema := generated.NewExecutableSchema(generated.Config{}).Schema()
	var sdl bytes.Buffer
	// The built-in scalars, directives and introspection types are left out:
	// every GraphQL tool knows them, and printing them would only add noise.
	formatter.NewFormatter(&sdl, formatter.WithIndent("  ")).FormatSchema(withoutGoDirectives(schema))
	_, err := w.Write(sdl.Bytes())
	return err
}

// withoutGoDirectives returns a copy of the schema without gqlgen's
// directives (@goModel, @goField…), their definitions or their uses. They
// tell gqlgen which Go type to bind; no client can use them, and renaming a Go
// package must not change the contract. The server's schema is not touched.
func withoutGoDirectives(schema *ast.Schema) *ast.Schema {
	out := *schema
	out.Directives = make(map[string]*ast.DirectiveDefinition, len(schema.Directives))
	for name, d := range schema.Directives {
		if !isGoDirective(name) {
			out.Directives[name] = d
		}
	}
	out.Types = make(map[string]*ast.Definition, len(schema.Types))
	for name, def := range schema.Types {
		d := *def
		d.Directives = keep(def.Directives)
		d.Fields = make(ast.FieldList, len(def.Fields))
		for i, f := range def.Fields {
			field := *f
			field.Directives = keep(f.Directives)
			field.Arguments = make(ast.ArgumentDefinitionList, len(f.Arguments))
			for j, a := range f.Arguments {
				arg := *a
				arg.Directives = keep(a.Directives)
				field.Arguments[j] = &arg
			}
			d.Fields[i] = &field
		}
		d.EnumValues = make(ast.EnumValueList, len(def.EnumValues))
		for i, v := range def.EnumValues {
			value := *v
			value.Directives = keep(v.Directives)
			d.EnumValues[i] = &value
		}
		out.Types[name] = &d
	}
	return &out
}

func keep(list ast.DirectiveList) ast.DirectiveList {
	return slices.DeleteFunc(slices.Clone(list), func(d *ast.Directive) bool { return isGoDirective(d.Name) })
}

// isGoDirective tells gqlgen's directives (goModel, goField, goTag…) from
// others: "go" then an upper-case letter.
func isGoDirective(name string) bool {
	return len(name) > 2 && strings.HasPrefix(name, "go") && name[2] >= 'A' && name[2] <= 'Z'
}
