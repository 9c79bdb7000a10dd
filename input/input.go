// Package input holds the rules every value sent to Palabre follows, whoever
// sends it (the API, the command line, the demo or a Go caller): text is valid
// UTF-8 without control characters, times lie in a sane range and are kept in
// UTC, and searches are bounded. The GraphQL scalars apply them to every
// argument and input field; a hook on the ent client applies them to every
// value written, so no path around them exists.
package input

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// Times are refused before MinYear and after MaxYear: a plan spans decades,
// not millennia, and a year such as 9999 or 0001 is a typing mistake or a
// placeholder. Both stores and every client handle this range exactly.
const (
	MinYear = 1900
	MaxYear = 2200
)

// MaxSearch is the longest search a caller may send, in characters.
const MaxSearch = 200

// Unreadable replaces bytes that are not UTF-8 in a request body before it is
// decoded, so that the field holding them is refused by name (CheckText)
// instead of being silently changed to U+FFFD by the JSON decoder. It is a
// Unicode noncharacter: never part of real text.
const Unreadable = "\uFDD0"

// CheckText refuses text that is not valid UTF-8, holds a noncharacter or a
// control character other than tab, line feed and carriage return (NUL among
// them: PostgreSQL refuses it, SQLite would store it). The error says what is
// wrong; the caller names the field.
func CheckText(s string) error {
	if !utf8.ValidString(s) {
		return fmt.Errorf("is not valid UTF-8 text")
	}
	for i, r := range s {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
		case r == 0:
			return fmt.Errorf("must not contain a NUL character (at byte %d)", i)
		case unicode.IsControl(r):
			return fmt.Errorf("must not contain the control character U+%04X (at byte %d)", r, i)
		case r >= 0xFDD0 && r <= 0xFDEF || r&0xFFFE == 0xFFFE:
			return fmt.Errorf("is not valid UTF-8 text (at byte %d)", i)
		}
	}
	return nil
}

// CheckRequired refuses text that is empty or only white space: a title of
// three spaces is no title.
func CheckRequired(s string) error {
	if strings.TrimSpace(s) == "" {
		return fmt.Errorf("must not be empty or only white space")
	}
	return nil
}

// CheckTime refuses a time outside MinYear–MaxYear (in UTC).
func CheckTime(t time.Time) error {
	if y := t.UTC().Year(); y < MinYear || y > MaxYear {
		return fmt.Errorf("must lie between the years %d and %d, not in %d", MinYear, MaxYear, y)
	}
	return nil
}

// CheckSearch refuses a search longer than MaxSearch characters, or text that
// CheckText refuses.
func CheckSearch(s string) error {
	if n := utf8.RuneCountInString(s); n > MaxSearch {
		return fmt.Errorf("must be at most %d characters long, not %d", MaxSearch, n)
	}
	return CheckText(s)
}

// MarkUnreadable prepares a JSON request body for decoding: bytes that are not
// UTF-8, and escapes of lone UTF-16 surrogates (« \ud800 »), which
// encoding/json would both turn into U+FFFD without a word, become Unreadable,
// which CheckText then refuses in the field that held them.
func MarkUnreadable(body []byte) []byte {
	body = bytes.ToValidUTF8(body, []byte(Unreadable))
	if !bytes.Contains(body, []byte(`\u`)) {
		return body
	}
	out := make([]byte, 0, len(body))
	for i := 0; i < len(body); i++ {
		if body[i] != '\\' || i+1 >= len(body) {
			out = append(out, body[i])
			continue
		}
		r, ok := escapedRune(body[i:])
		switch {
		case !ok: // any other escape, \\ among them: copied whole
			out = append(out, body[i], body[i+1])
			i++
		case utf16.IsSurrogate(r):
			if low, ok := escapedRune(body[i+6:]); ok && r < 0xDC00 && low >= 0xDC00 && low <= 0xDFFF {
				out = append(out, body[i:i+12]...) // a pair: one character
				i += 11
				continue
			}
			out = append(out, `\ufdd0`...)
			i += 5
		default:
			out = append(out, body[i:i+6]...)
			i += 5
		}
	}
	return out
}

// escapedRune reads a JSON « \uXXXX » escape at the start of b.
func escapedRune(b []byte) (rune, bool) {
	if len(b) < 6 || b[0] != '\\' || b[1] != 'u' {
		return 0, false
	}
	n, err := strconv.ParseUint(string(b[2:6]), 16, 16)
	return rune(n), err == nil
}
