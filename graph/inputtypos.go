package graph

import (
	"context"
	"fmt"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/validator/core"
)

// explainInputTypos makes gqlparser's « unknown field » about a variable's
// value say which input type lacks the field, and, where the server makes
// suggestions (development), which field was meant, as it does for a typo in
// the document itself: « unknown field "bdy" of SubmitObservationInput (in
// variable $in): did you mean "body"? ».
func explainInputTypos(schema *ast.Schema, suggest bool, next graphql.ErrorPresenterFunc) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		presented := next(ctx, err)
		if presented.Message != "unknown field" || len(presented.Path) < 3 || presented.Path[0] != ast.PathName("variable") {
			return presented
		}
		if !graphql.HasOperationContext(ctx) {
			return presented
		}
		oc := graphql.GetOperationContext(ctx)
		if oc.Operation == nil {
			return presented
		}
		variable, _ := presented.Path[1].(ast.PathName)
		field, _ := presented.Path[len(presented.Path)-1].(ast.PathName)
		def := oc.Operation.VariableDefinitions.ForName(string(variable))
		if def == nil || field == "" {
			return presented
		}
		typ := def.Type
		for _, step := range presented.Path[2 : len(presented.Path)-1] {
			switch step := step.(type) {
			case ast.PathIndex:
				if typ.Elem == nil {
					return presented
				}
				typ = typ.Elem
			case ast.PathName:
				d := schema.Types[typ.Name()]
				if d == nil || d.Fields.ForName(string(step)) == nil {
					return presented
				}
				typ = d.Fields.ForName(string(step)).Type
			}
		}
		input := schema.Types[typ.Name()]
		if input == nil || input.Kind != ast.InputObject {
			return presented
		}
		presented.Message = fmt.Sprintf("unknown field %q of %s (in variable $%s)", field, input.Name, variable)
		if suggest {
			names := make([]string, 0, len(input.Fields))
			for _, f := range input.Fields {
				names = append(names, f.Name)
			}
			if s := core.SuggestionList(string(field), names); len(s) > 0 {
				presented.Message += fmt.Sprintf(": did you mean %q?", s[0])
			} else {
				presented.Message += ": its fields are " + strings.Join(names, ", ")
			}
		}
		return presented
	}
}
