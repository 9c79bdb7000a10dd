package server_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/palabre/palabre/access"
	"github.com/palabre/palabre/auth"
	"github.com/palabre/palabre/ent/session"
	"github.com/palabre/palabre/server"
)

const newPassword = "un nouveau mot de passe 2027"

// signedInAs signs a new browser in with a password, or fails the test.
func (a *api) signedInAs(t *testing.T, email, password string) *browser {
	t.Helper()
	b := a.browser(t)
	if res := b.post("/auth/sign-in", map[string]string{"email": email, "password": password}, nil); res.Status != http.StatusNoContent {
		t.Fatalf("sign-in: %d %s", res.Status, res.Body)
	}
	return b
}

func TestChangingThePasswordEndsTheOtherSessionsAndKeepsThisOne(t *testing.T) {
	t.Parallel()
	a := startAPI(t, server.Config{Env: server.Development, AuthFailuresPerMinute: 100})
	a.withPassword(t, "awa@numerique.sn", auth.RoleSecretariat)
	a.withPassword(t, "fatou@sgg.sn", auth.RoleReviewer)
	here, there := a.signedInAs(t, "awa@numerique.sn", goodPassword), a.signedInAs(t, "awa@numerique.sn", goodPassword)
	someoneElse := a.signedInAs(t, "fatou@sgg.sn", goodPassword)
	signedIn := func(b *browser, email string) bool { return strings.Contains(b.viewer().Body, email) }
	change := func(b *browser, current, next string, header map[string]string) response {
		return b.post("/auth/change-password", map[string]string{"current": current, "new": next}, header)
	}

	// Without the CSRF header the cookie does nothing: refused before any check.
	if res := change(here, goodPassword, newPassword, map[string]string{"X-Palabre-CSRF": ""}); res.Status != http.StatusForbidden || errorCode(t, res.Body) != "FORBIDDEN" {
		t.Errorf("no CSRF header: %d %s", res.Status, res.Body)
	}
	// The public may not change a password.
	if res := change(a.browser(t), goodPassword, newPassword, nil); res.Status != http.StatusUnauthorized {
		t.Errorf("the public: %d %s", res.Status, res.Body)
	}
	// A wrong current password is refused and changes nothing.
	if res := change(here, "pas le mot de passe", newPassword, nil); res.Status != http.StatusUnauthorized || errorCode(t, res.Body) != "UNAUTHENTICATED" ||
		!strings.Contains(res.Body, "current password is wrong") {
		t.Errorf("wrong current password: %d %s", res.Status, res.Body)
	}
	// Too short a new password is BAD_USER_INPUT.
	if res := change(here, goodPassword, "court", nil); res.Status != http.StatusBadRequest || errorCode(t, res.Body) != "BAD_USER_INPUT" {
		t.Errorf("short password: %d %s", res.Status, res.Body)
	}
	if !signedIn(here, "awa@numerique.sn") || !signedIn(there, "awa@numerique.sn") {
		t.Fatal("a refused change ended a session")
	}

	res := change(here, goodPassword, newPassword, nil)
	if res.Status != http.StatusOK || !strings.Contains(res.Body, `"ended":1`) {
		t.Fatalf("change: %d %s\n%s", res.Status, res.Body, a.Logs.String())
	}
	if !signedIn(here, "awa@numerique.sn") {
		t.Error("the caller's own session ended")
	}
	if signedIn(there, "awa@numerique.sn") {
		t.Error("another session of the account survived the change")
	}
	if !signedIn(someoneElse, "fatou@sgg.sn") {
		t.Error("another account's session ended")
	}
	if res := a.browser(t).post("/auth/sign-in", map[string]string{"email": "awa@numerique.sn", "password": goodPassword}, nil); res.Status != http.StatusUnauthorized {
		t.Errorf("the old password still signs in: %d %s", res.Status, res.Body)
	}
	a.signedInAs(t, "awa@numerique.sn", newPassword)
	ctx := access.SystemContext(context.Background())
	if n := a.Client.Session.Query().Where(session.EndedAtIsNil()).CountX(ctx); n != 3 {
		t.Errorf("%d live sessions, want 3 (this one, the other account's, the new sign-in)", n)
	}
}

func TestAWrongCurrentPasswordCountsAsAFailedSignIn(t *testing.T) {
	t.Parallel()
	a := startAPI(t, server.Config{Env: server.Development, AuthFailuresPerMinute: 3})
	a.withPassword(t, "awa@numerique.sn", auth.RoleSecretariat)
	b := a.signedInAs(t, "awa@numerique.sn", goodPassword)
	change := func(current string) response {
		return b.post("/auth/change-password", map[string]string{"current": current, "new": newPassword}, nil)
	}
	// One failed sign-in and two wrong current passwords use up the address's three failures…
	if res := a.browser(t).post("/auth/sign-in", map[string]string{"email": "awa@numerique.sn", "password": "x"}, nil); res.Status != http.StatusUnauthorized {
		t.Fatalf("wrong sign-in: %d %s", res.Status, res.Body)
	}
	for range 2 {
		if res := change("pas le mot de passe"); res.Status != http.StatusUnauthorized {
			t.Fatalf("wrong current password: %d %s", res.Status, res.Body)
		}
	}
	// …so the right one is not even checked: 429, and the password is unchanged.
	res := change(goodPassword)
	if res.Status != http.StatusTooManyRequests || res.Header.Get("Retry-After") == "" {
		t.Fatalf("after 3 failures: %d %s", res.Status, res.Body)
	}
	if res := a.browser(t).post("/auth/sign-in", map[string]string{"email": "awa@numerique.sn", "password": goodPassword}, nil); res.Status != http.StatusTooManyRequests {
		t.Errorf("sign-in after the failures: %d %s", res.Status, res.Body)
	}
	// The session itself is untouched: still signed in, with the old password.
	if !strings.Contains(b.viewer().Body, "awa@numerique.sn") {
		t.Error("the refused changes ended the session")
	}
	ctx := access.SystemContext(context.Background())
	acc, err := a.Client.Session.Query().QueryAccount().Only(ctx)
	if err != nil || !auth.PasswordMatches(goodPassword, acc.PasswordHash) {
		t.Errorf("the password changed: %v", err)
	}
}
