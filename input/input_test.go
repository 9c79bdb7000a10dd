package input

import "testing"

func TestMarkUnreadable(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ in, want string }{
		{`{"a": "Sécurité"}`, `{"a": "Sécurité"}`},
		{"{\"a\": \"S\xe9curit\xe9\"}", "{\"a\": \"S\uFDD0curit\uFDD0\"}"},
		{`{"a": "x\ud800y"}`, `{"a": "x\ufdd0y"}`},
		{`{"a": "x\udc00"}`, `{"a": "x\ufdd0"}`},
		{`{"a": "\ud83d\ude00 ok"}`, `{"a": "\ud83d\ude00 ok"}`},       // a pair: 😀
		{`{"a": "\\ud800 is text"}`, `{"a": "\\ud800 is text"}`},       // an escaped backslash
		{`{"a": "\u00e9\n\"\ud800\""}`, `{"a": "\u00e9\n\"\ufdd0\""}`}, // among other escapes
		{`{"a": "\ud800`, `{"a": "\ufdd0`},                             // cut short
		{`{"a": "\u12`, `{"a": "\u12`},
	} {
		if got := string(MarkUnreadable([]byte(c.in))); got != c.want {
			t.Errorf("%q: got %q, want %q", c.in, got, c.want)
		}
	}
}

func TestCheckText(t *testing.T) {
	t.Parallel()
	for s, ok := range map[string]bool{
		"Sécurité « nationale »\tfin\r\n": true, "\uFFFD": true, "": true,
		"a\x00": false, "a\x07": false, "\x7f": false, "\u0085": false, "\uFDD0": false, "\uFFFE": false, "\xff": false,
	} {
		if err := CheckText(s); (err == nil) != ok {
			t.Errorf("%q: %v", s, err)
		}
	}
}
