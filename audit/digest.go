package audit

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
)

// Digest is what the trail keeps of a field it must not copy (a token's hash)
// or that is too large for it (a version's content): its SHA-256.
func Digest(v any) string {
	sum := sha256.Sum256(fmt.Append(nil, v))
	return "sha256:" + hex.EncodeToString(sum[:])
}
