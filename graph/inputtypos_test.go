package graph_test

import (
	"strings"
	"testing"

	"github.com/palabre/palabre/internal/apitest"
	"github.com/palabre/palabre/server"
)

// A typo in a variable's input field names the input type, and in
// development suggests the field meant, as a typo in the document does.
func TestInputTyposNameTheTypeAndSuggest(t *testing.T) {
	t.Parallel()
	const submit = `mutation($in: SubmitObservationInput!) { submitObservation(input: $in) { observation { id } } }`
	typo := map[string]any{"in": map[string]any{"consultationID": "CO01", "targetKind": "STRATEGY", "kind": "COMMENT", "bdy": "Texte."}}
	const items = `query($w: ActionItemWhereInput) { actionItems(first: 5, where: $w) { totalCount } }`
	nested := map[string]any{"w": map[string]any{"and": []any{map[string]any{"titel": "x"}}}}

	dev := apitest.NewWithConfig(t, []func(*server.Config){func(c *server.Config) { c.Env = server.Development }})
	if msg := dev.Fails(t, dev.World.SecurityAgent, submit, typo, "GRAPHQL_VALIDATION_FAILED"); msg != `unknown field "bdy" of SubmitObservationInput (in variable $in): did you mean "body"?` {
		t.Errorf("development, top-level field: %s", msg)
	}
	if msg := dev.Fails(t, dev.World.Reviewer, items, nested, "GRAPHQL_VALIDATION_FAILED"); msg != `unknown field "titel" of ActionItemWhereInput (in variable $w): did you mean "title"?` {
		t.Errorf("development, nested field: %s", msg)
	}

	prod := apitest.New(t)
	msg := prod.Fails(t, prod.World.SecurityAgent, submit, typo, "GRAPHQL_VALIDATION_FAILED")
	if msg != `unknown field "bdy" of SubmitObservationInput (in variable $in)` || strings.Contains(msg, "did you mean") {
		t.Errorf("production names the type, and suggests nothing: %s", msg)
	}
}
