package server

import (
	"fmt"
	"os"

	contract "github.com/palabre/palabre/frontend-contract"
)

// persistedDocuments returns the documents clients may send by their hash, and
// whether they are the only ones the server runs. With no path, they are the
// contract's own (embedded in the binary) and any other document may still be
// sent in full; with a path (--trusted-documents), they are that manifest's,
// and nothing else runs.
func persistedDocuments(path string) (docs []string, trustedOnly bool, err error) {
	if path == "" {
		return contract.Documents(), false, nil
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, false, fmt.Errorf("trusted documents: %v", err)
	}
	docs, err = contract.ParseManifest(raw)
	if err != nil {
		return nil, false, fmt.Errorf("trusted documents: %s: %v", path, err)
	}
	return docs, true, nil
}
