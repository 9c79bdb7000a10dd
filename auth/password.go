package auth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
)

// PasswordParams are the argon2id parameters a password is hashed with. They
// are stored with each hash (PHC string format), so raising them later leaves
// the existing hashes checkable.
type PasswordParams struct {
	Memory  uint32 // KiB
	Time    uint32 // passes
	Threads uint8
}

// DefaultPasswordParams are OWASP's first argon2id configuration (19 MiB, two
// passes, one lane): about 30 ms on this project's two-core machines.
var DefaultPasswordParams = PasswordParams{Memory: 19 * 1024, Time: 2, Threads: 1}

// The bounds of a password, in characters. Long passphrases are welcome; the
// upper bound only keeps hashing cheap to ask for.
const (
	MinPasswordLength = 12
	MaxPasswordLength = 256
)

const (
	saltBytes = 16
	keyBytes  = 32
)

// CheckPasswordShape returns a message for a password that is too short or too
// long, and "" for one that is acceptable.
func CheckPasswordShape(password string) string {
	switch n := utf8.RuneCountInString(password); {
	case n < MinPasswordLength:
		return fmt.Sprintf("a password needs at least %d characters", MinPasswordLength)
	case n > MaxPasswordLength:
		return fmt.Sprintf("a password has at most %d characters", MaxPasswordLength)
	}
	return ""
}

// HashPassword returns the password's argon2id hash with a fresh salt, in PHC
// form: $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash> (unpadded base64).
func HashPassword(password string, p PasswordParams) string {
	salt := make([]byte, saltBytes)
	_, _ = rand.Read(salt) // crypto/rand.Read never fails on supported platforms
	key := argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, keyBytes)
	enc := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, p.Memory, p.Time, p.Threads,
		enc.EncodeToString(salt), enc.EncodeToString(key))
}

// PasswordMatches reports whether the password is the one the hash was made
// from, with the parameters the hash records. A hash it cannot read matches
// nothing.
func PasswordMatches(password, encoded string) bool {
	p, salt, key, ok := parsePasswordHash(encoded)
	if !ok {
		return false
	}
	got := argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, uint32(len(key)))
	return subtle.ConstantTimeCompare(got, key) == 1
}

// decoyHash is checked against when there is no hash to check (no such
// account, no password yet), so that a wrong e-mail takes as long to refuse
// as a wrong password.
var decoyHash = sync.OnceValue(func() string { return HashPassword("palabre: no such password", DefaultPasswordParams) })

// SpendPasswordCheck does the work of one password check, for nothing.
func SpendPasswordCheck(password string) { PasswordMatches(password, decoyHash()) }

func parsePasswordHash(encoded string) (p PasswordParams, salt, key []byte, ok bool) {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return p, nil, nil, false
	}
	var version int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return p, nil, nil, false
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.Memory, &p.Time, &p.Threads); err != nil ||
		p.Memory == 0 || p.Memory > 1<<22 || p.Time == 0 || p.Time > 64 || p.Threads == 0 {
		return p, nil, nil, false
	}
	enc := base64.RawStdEncoding
	salt, err1 := enc.DecodeString(parts[4])
	key, err2 := enc.DecodeString(parts[5])
	if err1 != nil || err2 != nil || len(salt) < 8 || len(key) < 16 {
		return p, nil, nil, false
	}
	return p, salt, key, true
}
