package auth

import (
	"strings"
	"testing"
)

func TestRolesAndViewers(t *testing.T) {
	for _, r := range []Role{RoleAdmin, RoleSecretariat, RoleReviewer, RoleAgency} {
		if !r.Valid() {
			t.Errorf("%s is not valid", r)
		}
	}
	for _, r := range []Role{"", "admin", "PUBLIC"} {
		if r.Valid() {
			t.Errorf("%q is valid", r)
		}
	}
	var public *Viewer
	if public.Is(RoleAdmin) || public.Is("") {
		t.Error("the public holds a role")
	}
	if v := (&Viewer{Role: RoleAgency}); !v.Is(RoleAgency) || v.Is(RoleReviewer) {
		t.Errorf("an agency viewer: %+v", v)
	}
}

func TestTokensAreStoredAsTheirHash(t *testing.T) {
	token, hash := NewToken()
	other, _ := NewToken()
	if !strings.HasPrefix(token, TokenPrefix) || token == other {
		t.Errorf("tokens %q and %q", token, other)
	}
	if HashToken(token) != hash || len(hash) != 64 || strings.Contains(hash, strings.TrimPrefix(token, TokenPrefix)) {
		t.Errorf("hash %q of %q", hash, token)
	}
}
