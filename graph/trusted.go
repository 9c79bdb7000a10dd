package graph

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/palabre/palabre"
)

// trustedDocuments runs only the documents of a manifest (the operations the
// frontends were built with, frontend-contract/operations): a production
// deployment can refuse every query its own frontends never send. A client
// sends a document either in full or by its SHA-256, as Apollo's persisted
// queries do: {"extensions": {"persistedQuery": {"sha256Hash": "…"}}}.
type trustedDocuments struct {
	bySHA256 map[string]string
}

var (
	_ graphql.HandlerExtension          = trustedDocuments{}
	_ graphql.OperationParameterMutator = trustedDocuments{}
)

// newTrustedDocuments indexes documents by the SHA-256 of their text, whatever
// hash the manifest's keys use.
func newTrustedDocuments(documents []string) trustedDocuments {
	t := trustedDocuments{bySHA256: make(map[string]string, len(documents))}
	for _, d := range documents {
		t.bySHA256[sha256Hex(d)] = d
	}
	return t
}

func sha256Hex(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

func (trustedDocuments) ExtensionName() string                   { return "TrustedDocuments" }
func (trustedDocuments) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationParameters replaces a hash by its document, and refuses a
// document that is not in the manifest.
func (t trustedDocuments) MutateOperationParameters(ctx context.Context, p *graphql.RawParams) *gqlerror.Error {
	if p.Query == "" {
		pq, _ := p.Extensions["persistedQuery"].(map[string]any)
		hash, _ := pq["sha256Hash"].(string)
		if doc, ok := t.bySHA256[strings.TrimPrefix(hash, "sha256:")]; ok { // the codegen manifest's keys carry the prefix
			p.Query = doc
			return nil
		}
		return untrusted("unknown document hash: this server runs only the documents its frontends were built with")
	}
	if _, ok := t.bySHA256[sha256Hex(p.Query)]; !ok {
		return untrusted("this server runs only the documents its frontends were built with (trusted documents mode)")
	}
	return nil
}

func untrusted(msg string) *gqlerror.Error {
	err := gqlerror.Errorf("%s", msg)
	err.Extensions = map[string]any{"code": palabre.EFORBIDDEN}
	return err
}
