package graph_test

import (
	"slices"
	"testing"

	"github.com/99designs/gqlgen/graphql/errcode"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/graph"
	"github.com/palabre/palabre/graph/generated"
)

// TestErrorCodeNamesEveryCode: the schema's ErrorCode enum, which the
// frontend contract exports as a union type, names every code the server
// sends in extensions.code, and nothing else.
func TestErrorCodeNamesEveryCode(t *testing.T) {
	sent := []string{
		palabre.EUNAUTHENTICATED, palabre.EFORBIDDEN, palabre.ENOTFOUND, palabre.EINVALID,
		palabre.ECONFLICT, palabre.EREADONLY, palabre.ETIMEOUT, palabre.EUNAVAILABLE, palabre.EINTERNAL,
		errcode.ParseFailed, errcode.ValidationFailed, graph.CodePersistedQueryNotFound,
	}
	var named []string
	for _, v := range generated.NewExecutableSchema(generated.Config{}).Schema().Types["ErrorCode"].EnumValues {
		named = append(named, v.Name)
	}
	slices.Sort(sent)
	slices.Sort(named)
	if !slices.Equal(sent, named) {
		t.Errorf("ErrorCode names %v; the server sends %v", named, sent)
	}
}
