package graph_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/palabre/palabre/graph/generated"
)

// placeholder matches the descriptions generators write when nobody described
// a thing: entgql's « X is enum for the field y », and « The value X. »,
// « The X type. », « The x of the object. » (ent/entc/describe.go's old
// fallbacks). They say nothing the name does not.
var placeholder = regexp.MustCompile(`^(The value [A-Z0-9_]+\.|The [A-Za-z0-9]+ type\.|The [a-z ]+ of the object\.|\w+ is enum for the field \w+)$`)

// TestEverythingIsDescribed: every type, field, argument and enum value of the
// API has a description, for the frontend developers who read the schema, and
// none is a placeholder.
func TestEverythingIsDescribed(t *testing.T) {
	schema := generated.NewExecutableSchema(generated.Config{}).Schema()
	var missing []string
	for name, def := range schema.Types {
		if def.BuiltIn || strings.HasPrefix(name, "__") {
			continue
		}
		if def.Description == "" || placeholder.MatchString(def.Description) {
			missing = append(missing, name)
		}
		for _, f := range def.Fields {
			if strings.HasPrefix(f.Name, "__") {
				continue
			}
			if f.Description == "" || placeholder.MatchString(f.Description) {
				missing = append(missing, name+"."+f.Name)
			}
			for _, a := range f.Arguments {
				if a.Description == "" || placeholder.MatchString(a.Description) {
					missing = append(missing, name+"."+f.Name+"("+a.Name+")")
				}
			}
		}
		for _, v := range def.EnumValues {
			if v.Description == "" || placeholder.MatchString(v.Description) {
				missing = append(missing, name+"."+v.Name)
			}
		}
	}
	if len(missing) > 0 {
		t.Errorf("%d undescribed: %v", len(missing), missing)
	}
}
