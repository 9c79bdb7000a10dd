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

// CodePersistedQueryNotFound answers a document sent by a hash the server does
// not know, as in Apollo's persisted-queries protocol: a frontend built from
// another version of the contract. Unlike FORBIDDEN, it may be retried with
// the document's text, where the server runs documents sent in full.
const CodePersistedQueryNotFound = "PERSISTED_QUERY_NOT_FOUND"

// persistedQueryNotFound is the message of that error in Apollo's protocol.
const persistedQueryNotFound = "PersistedQueryNotFound"

// persistedDocuments lets clients send the documents of a manifest (the
// operations the frontends were built with, frontend-contract/operations) by
// their SHA-256 alone, as Apollo's persisted queries do:
// {"extensions": {"persistedQuery": {"version": 1, "sha256Hash": "…"}}}.
// In trusted-documents mode (trustedOnly), it also refuses any document that
// is not in the manifest, so that a production deployment runs nothing its
// own frontends never send.
type persistedDocuments struct {
	bySHA256    map[string]string
	trustedOnly bool
}

var (
	_ graphql.HandlerExtension          = persistedDocuments{}
	_ graphql.OperationParameterMutator = persistedDocuments{}
)

// newPersistedDocuments indexes documents by the SHA-256 of their text,
// whatever hash the manifest's keys use.
func newPersistedDocuments(documents []string, trustedOnly bool) persistedDocuments {
	t := persistedDocuments{bySHA256: make(map[string]string, len(documents)), trustedOnly: trustedOnly}
	for _, d := range documents {
		t.bySHA256[sha256Hex(d)] = d
	}
	return t
}

func sha256Hex(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

func (persistedDocuments) ExtensionName() string                   { return "PersistedDocuments" }
func (persistedDocuments) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationParameters replaces a hash by its document, and in trusted
// mode refuses a document that is not in the manifest.
func (t persistedDocuments) MutateOperationParameters(ctx context.Context, p *graphql.RawParams) *gqlerror.Error {
	hash, _, err := persistedHash(p)
	if err != nil {
		return err
	}
	// A query sent with a hash is run as sent: the server stores nothing under
	// the hash, and the contract's hash is of the manifest's text, which
	// clients retrying with their own printing of a document do not send.
	if p.Query == "" {
		if doc, ok := t.bySHA256[hash]; ok {
			p.Query = doc
			return nil
		}
		// The message is the protocol's: urql's persisted exchange, for one,
		// recognises the error by its message only.
		return coded(CodePersistedQueryNotFound, persistedQueryNotFound)
	}
	if t.trustedOnly {
		if _, ok := t.bySHA256[sha256Hex(p.Query)]; !ok {
			return coded(palabre.EFORBIDDEN, "this server runs only the documents its frontends were built with (trusted documents mode): send one of them, by its hash")
		}
	}
	return nil
}

// IsPersisted tells whether a request names its document by hash alone (the
// persistedQuery extension without a query), before the document replaces it.
func IsPersisted(p *graphql.RawParams) bool {
	_, byHash, err := persistedHash(p)
	return byHash && err == nil && p.Query == ""
}

// persistedHash reads the persistedQuery extension: the hash in lower-case
// hex, without the "sha256:" prefix the codegen manifest's keys carry.
func persistedHash(p *graphql.RawParams) (string, bool, *gqlerror.Error) {
	raw, ok := p.Extensions["persistedQuery"]
	if !ok {
		return "", false, nil
	}
	pq, _ := raw.(map[string]any)
	hash, _ := pq["sha256Hash"].(string)
	if hash == "" {
		return "", false, coded(palabre.EINVALID, `extensions.persistedQuery must be {"version": 1, "sha256Hash": "<hex>"}`)
	}
	return strings.ToLower(strings.TrimPrefix(hash, "sha256:")), true, nil
}

func coded(code, msg string) *gqlerror.Error {
	err := gqlerror.Errorf("%s", msg)
	err.Extensions = map[string]any{"code": code}
	return err
}
