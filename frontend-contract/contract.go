// Package contract is the frontend contract as the server sees it: the
// persisted-documents manifest of the operations in operations/, embedded in
// the binary so that every server knows the hashes its frontends send
// (graph.Config.PersistedDocuments). The manifest is written by
// `npm run generate`; the rest of this directory is the npm package.
package contract

import (
	_ "embed"
	"encoding/json"
	"fmt"
)

//go:embed generated/persisted-documents.json
var manifest []byte

// Documents returns the documents of the embedded manifest.
func Documents() []string {
	docs, err := ParseManifest(manifest)
	if err != nil {
		panic(err) // the manifest is generated and checked: it always parses
	}
	return docs
}

// ParseManifest reads a persisted-documents manifest as @graphql-codegen's
// client preset writes it: a JSON object whose values are the documents.
func ParseManifest(raw []byte) ([]string, error) {
	var m map[string]string
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, fmt.Errorf("not a JSON object of documents: %v", err)
	}
	if len(m) == 0 {
		return nil, fmt.Errorf("it holds no document")
	}
	docs := make([]string, 0, len(m))
	for _, d := range m {
		docs = append(docs, d)
	}
	return docs, nil
}
