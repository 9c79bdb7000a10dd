package server

import (
	"encoding/json"
	"fmt"
	"os"
)

// loadTrustedDocuments reads a persisted-documents manifest, as
// @graphql-codegen's client preset writes it: a JSON object whose values are
// the documents. No path, no manifest: every document may run.
func loadTrustedDocuments(path string) ([]string, error) {
	if path == "" {
		return nil, nil
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("trusted documents: %v", err)
	}
	var manifest map[string]string
	if err := json.Unmarshal(raw, &manifest); err != nil {
		return nil, fmt.Errorf("trusted documents: %s is not a JSON object of documents: %v", path, err)
	}
	if len(manifest) == 0 {
		return nil, fmt.Errorf("trusted documents: %s holds no document", path)
	}
	docs := make([]string, 0, len(manifest))
	for _, d := range manifest {
		docs = append(docs, d)
	}
	return docs, nil
}
