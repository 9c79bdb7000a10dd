package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/cookiejar"
	"strings"
	"testing"
	"time"

	"github.com/palabre/palabre/access"
	"github.com/palabre/palabre/auth"
	"github.com/palabre/palabre/clock"
	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/account"
	"github.com/palabre/palabre/ent/passwordlink"
	"github.com/palabre/palabre/ent/session"
	"github.com/palabre/palabre/server"
)

const goodPassword = "palabre sous l'arbre 2026"

// browser is a client with a cookie jar, as the web console's page is.
type browser struct {
	t    *testing.T
	a    *api
	http *http.Client
}

func (a *api) browser(t *testing.T) *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{t: t, a: a, http: &http.Client{Jar: jar}}
}

// post sends JSON with the console's CSRF header (unless header overrides it).
func (b *browser) post(path string, body any, header map[string]string) response {
	b.t.Helper()
	raw, _ := json.Marshal(body)
	req, _ := http.NewRequest(http.MethodPost, b.a.URL+path, bytes.NewReader(raw))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Palabre-CSRF", "1")
	for k, v := range header {
		if v == "" {
			req.Header.Del(k)
		} else {
			req.Header.Set(k, v)
		}
	}
	res, err := b.http.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	defer res.Body.Close()
	var buf bytes.Buffer
	_, _ = buf.ReadFrom(res.Body)
	return response{Status: res.StatusCode, Header: res.Header, Body: buf.String()}
}

func (b *browser) viewer() response {
	b.t.Helper()
	return b.post("/graphql", map[string]string{"query": "{ viewer { email role } }"}, nil)
}

// withPassword creates an account and sets its password through a link, as
// its owner would.
func (a *api) withPassword(t *testing.T, email string, role auth.Role) *ent.Account {
	t.Helper()
	ctx := access.SystemContext(context.Background())
	acc, err := access.CreateAccount(ctx, a.Client, access.NewAccount{Name: "Awa Ndiaye", Email: email, Role: role})
	if err != nil {
		t.Fatal(err)
	}
	secret, _, err := access.CreatePasswordLink(ctx, a.Client, acc.ID, server.DefaultConfig().Sessions)
	if err != nil {
		t.Fatal(err)
	}
	if res := a.browser(t).post("/auth/set-password", map[string]string{"secret": secret, "password": goodPassword}, nil); res.Status != http.StatusNoContent {
		t.Fatalf("set-password: %d %s", res.Status, res.Body)
	}
	return acc
}

func TestSignInSetsASessionCookieThatAuthenticatesTheAPI(t *testing.T) {
	t.Parallel()
	a := startAPI(t, server.Config{})
	a.withPassword(t, "awa@numerique.sn", auth.RoleSecretariat)
	b := a.browser(t)
	res := b.post("/auth/sign-in", map[string]string{"email": "awa@numerique.sn", "password": goodPassword}, nil)
	if res.Status != http.StatusNoContent {
		t.Fatalf("sign-in: %d %s", res.Status, res.Body)
	}
	cookie := res.Header.Get("Set-Cookie")
	for _, want := range []string{"palabre_session=", "HttpOnly", "SameSite=Strict", "Secure", "Path=/"} {
		if !strings.Contains(cookie, want) {
			t.Errorf("cookie %q lacks %s", cookie, want)
		}
	}
	// The cookie of a production server is Secure: the test's plain-HTTP jar
	// would not send it, so send it by hand.
	value := strings.TrimPrefix(strings.Split(cookie, ";")[0], "palabre_session=")
	req := func(header map[string]string) response {
		h := map[string]string{"Content-Type": "application/json", "Cookie": "palabre_session=" + value, "X-Palabre-CSRF": "1"}
		for k, v := range header {
			h[k] = v
		}
		return a.send(t, http.MethodPost, "/graphql", strings.NewReader(`{"query":"{ viewer { email role } }"}`), h)
	}
	if res := req(nil); !strings.Contains(res.Body, `"email":"awa@numerique.sn"`) {
		t.Fatalf("viewer by cookie: %d %s", res.Status, res.Body)
	}
	// Only the hash of the session's secret is stored.
	stored, err := a.Client.Session.Query().Only(access.SystemContext(context.Background()))
	if err != nil || stored.Hash == value || stored.Hash != auth.HashToken(value) {
		t.Fatalf("stored session %+v, %v", stored, err)
	}
	// Without the CSRF header, or from another site's page, a cookie does nothing.
	if res := req(map[string]string{"X-Palabre-CSRF": ""}); res.Status != http.StatusForbidden || errorCode(t, res.Body) != "FORBIDDEN" {
		t.Errorf("no CSRF header: %d %s", res.Status, res.Body)
	}
	if res := req(map[string]string{"Origin": "https://evil.example"}); res.Status != http.StatusForbidden {
		t.Errorf("another origin: %d %s", res.Status, res.Body)
	}
	// A token still works, cookie or not.
	token := a.newToken(t, "revue@primature.sn", auth.RoleReviewer, 0)
	if res := a.query(t, token, `{ viewer { email } }`); !strings.Contains(res.Body, "revue@primature.sn") {
		t.Errorf("token: %s", res.Body)
	}
}

func TestWrongPasswordsAreRefusedAndRateLimited(t *testing.T) {
	t.Parallel()
	a := startAPI(t, server.Config{AuthFailuresPerMinute: 3, Env: server.Development})
	a.withPassword(t, "awa@numerique.sn", auth.RoleSecretariat)
	b := a.browser(t)
	for _, creds := range []map[string]string{
		{"email": "awa@numerique.sn", "password": "not the password"},
		{"email": "nobody@numerique.sn", "password": goodPassword},
	} {
		res := b.post("/auth/sign-in", creds, nil)
		if res.Status != http.StatusUnauthorized || errorCode(t, res.Body) != "UNAUTHENTICATED" || res.Header.Get("Set-Cookie") != "" {
			t.Fatalf("%v: %d %s", creds, res.Status, res.Body)
		}
		// The same answer whether the e-mail exists or not.
		if !strings.Contains(res.Body, "the e-mail or the password is wrong") {
			t.Errorf("%v: %s", creds, res.Body)
		}
	}
	b.post("/auth/sign-in", map[string]string{"email": "awa@numerique.sn", "password": "x"}, nil)
	res := b.post("/auth/sign-in", map[string]string{"email": "awa@numerique.sn", "password": goodPassword}, nil)
	if res.Status != http.StatusTooManyRequests || res.Header.Get("Retry-After") == "" {
		t.Fatalf("after 3 failures: %d %s", res.Status, res.Body)
	}
	if n := a.Client.Session.Query().CountX(access.SystemContext(context.Background())); n != 0 {
		t.Errorf("%d sessions stored by refused sign-ins", n)
	}
	// Sign-in without the CSRF header is refused before any password check (login CSRF).
	if res := a.browser(t).post("/auth/sign-in", map[string]string{"email": "awa@numerique.sn", "password": goodPassword}, map[string]string{"X-Palabre-CSRF": ""}); res.Status != http.StatusForbidden {
		t.Errorf("sign-in without CSRF header: %d %s", res.Status, res.Body)
	}
}

func TestSessionsEndIdleAbsoluteOnSignOutAndEverywhere(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)
	fake := clock.NewFake(now)
	a := startAPI(t, server.Config{Env: server.Development, Clock: fake,
		Sessions: access.SessionPolicy{Idle: 30 * time.Minute, Lifetime: 2 * time.Hour, LinkLifetime: time.Hour}})
	a.withPassword(t, "awa@numerique.sn", auth.RoleSecretariat)
	signIn := func() *browser {
		b := a.browser(t)
		res := b.post("/auth/sign-in", map[string]string{"email": "awa@numerique.sn", "password": goodPassword}, nil)
		if res.Status != http.StatusNoContent {
			t.Fatalf("sign-in: %d %s", res.Status, res.Body)
		}
		if strings.Contains(res.Header.Get("Set-Cookie"), "Secure") {
			t.Error("a development cookie is Secure: http://localhost could not use it")
		}
		return b
	}
	signedIn := func(b *browser) bool { return strings.Contains(b.viewer().Body, "awa@numerique.sn") }

	// Idle: used every 20 minutes it lives; 50 minutes unused ends it.
	b := signIn()
	fake.Advance(20 * time.Minute)
	if res := b.viewer(); !strings.Contains(res.Body, "awa@numerique.sn") {
		t.Fatalf("ended after 20 minutes of use: %d %s", res.Status, res.Body)
	}
	fake.Advance(50 * time.Minute)
	res := b.viewer()
	if res.Status != http.StatusUnauthorized || errorCode(t, res.Body) != "UNAUTHENTICATED" || !strings.Contains(res.Header.Get("Set-Cookie"), "Max-Age=0") {
		t.Fatalf("idle session: %d %s", res.Status, res.Body)
	}
	// The cleared cookie leaves the public, not an error.
	if res := b.viewer(); !strings.Contains(res.Body, `"viewer":null`) {
		t.Errorf("after the cookie was cleared: %s", res.Body)
	}

	// Absolute: however used, it ends after its lifetime.
	b = signIn()
	for range 5 {
		fake.Advance(25 * time.Minute)
		signedIn(b)
	}
	if signedIn(b) {
		t.Error("a session outlived its lifetime")
	}

	// Sign-out ends this session; sign-out everywhere ends them all.
	b, other := signIn(), signIn()
	if res := b.post("/auth/sign-out", nil, nil); res.Status != http.StatusNoContent || signedIn(b) || !signedIn(other) {
		t.Fatalf("sign-out: %d %s", res.Status, res.Body)
	}
	third := signIn()
	if res := third.post("/auth/sign-out-everywhere", nil, nil); res.Status != http.StatusOK || !strings.Contains(res.Body, `"ended":`) {
		t.Fatalf("sign-out everywhere: %d %s", res.Status, res.Body)
	}
	if signedIn(other) || signedIn(third) {
		t.Error("a session survived sign-out everywhere")
	}
	if res := a.browser(t).post("/auth/sign-out-everywhere", nil, nil); res.Status != http.StatusUnauthorized {
		t.Errorf("sign-out everywhere of the public: %d %s", res.Status, res.Body)
	}
}

func TestPasswordLinksWorkOnceBeforeTheyExpire(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)
	fake := clock.NewFake(now)
	a := startAPI(t, server.Config{Env: server.Development, Clock: fake, AuthFailuresPerMinute: 100})
	admin := a.newToken(t, "admin@numerique.sn", auth.RoleAdmin, 0)
	agent := a.newToken(t, "agent@anssi.sn", auth.RoleReviewer, 0)
	ctx := clock.NewContext(access.SystemContext(context.Background()), fake)
	acc := a.Client.Account.Query().Where(account.Email("agent@anssi.sn")).OnlyX(ctx)

	link := func(token string) response {
		return a.query(t, token, `mutation { createPasswordLink(accountID: "`+string(acc.ID)+`") { secret path expiresAt } }`)
	}
	// Only an administrator creates links; the public and others are refused, and nothing is stored.
	if res := link(agent); errorCode(t, res.Body) != "FORBIDDEN" {
		t.Errorf("a reviewer: %s", res.Body)
	}
	if res := link(""); errorCode(t, res.Body) != "UNAUTHENTICATED" {
		t.Errorf("the public: %s", res.Body)
	}
	if res := a.query(t, admin, `mutation { createPasswordLink(accountID: "ACnosuchaccount0000000000000") { secret } }`); errorCode(t, res.Body) == "" {
		t.Errorf("an unknown account: %s", res.Body)
	}
	if n := a.Client.PasswordLink.Query().CountX(ctx); n != 0 {
		t.Fatalf("%d links stored by refusals", n)
	}
	var out struct {
		Data struct {
			CreatePasswordLink struct{ Secret, Path string }
		}
	}
	res := link(admin)
	if err := json.Unmarshal([]byte(res.Body), &out); err != nil || out.Data.CreatePasswordLink.Secret == "" {
		t.Fatalf("admin: %s", res.Body)
	}
	secret := out.Data.CreatePasswordLink.Secret
	if out.Data.CreatePasswordLink.Path != "/set-password#"+secret {
		t.Errorf("path %q", out.Data.CreatePasswordLink.Path)
	}
	stored := a.Client.PasswordLink.Query().OnlyX(ctx)
	if stored.Hash != auth.HashToken(secret) {
		t.Error("the link's secret is not stored as its hash")
	}

	b := a.browser(t)
	set := func(secret, password string) response {
		return b.post("/auth/set-password", map[string]string{"secret": secret, "password": password}, nil)
	}
	// Too short a password is BAD_USER_INPUT and leaves the link usable.
	if res := set(secret, "court"); res.Status != http.StatusBadRequest || errorCode(t, res.Body) != "BAD_USER_INPUT" {
		t.Errorf("short password: %d %s", res.Status, res.Body)
	}
	if res := set("plb_guessed", goodPassword); res.Status != http.StatusUnauthorized {
		t.Errorf("unknown link: %d %s", res.Status, res.Body)
	}
	if res := set(secret, goodPassword); res.Status != http.StatusNoContent {
		t.Fatalf("set: %d %s", res.Status, res.Body)
	}
	hash := a.Client.Account.Query().Where(account.ID(acc.ID)).OnlyX(ctx).PasswordHash
	if !strings.HasPrefix(hash, "$argon2id$v=19$m=19456,t=2,p=1$") || strings.Contains(hash, goodPassword) {
		t.Errorf("stored password %q", hash)
	}
	if res := set(secret, "un autre mot de passe"); res.Status != http.StatusUnauthorized {
		t.Errorf("a used link: %d %s", res.Status, res.Body)
	}
	if res := b.post("/auth/sign-in", map[string]string{"email": "agent@anssi.sn", "password": goodPassword}, nil); res.Status != http.StatusNoContent {
		t.Fatalf("sign-in with the new password: %d %s", res.Status, res.Body)
	}

	// An expired link does not work, and a new password ends the account's sessions.
	late, _, err := access.CreatePasswordLink(ctx, a.Client, acc.ID, access.SessionPolicy{LinkLifetime: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	fresh, _, _ := access.CreatePasswordLink(ctx, a.Client, acc.ID, access.SessionPolicy{LinkLifetime: 3 * time.Hour})
	fake.Advance(2 * time.Hour)
	if res := set(late, goodPassword); res.Status != http.StatusUnauthorized {
		t.Errorf("an expired link: %d %s", res.Status, res.Body)
	}
	if res := set(fresh, "encore un autre mot de passe"); res.Status != http.StatusNoContent {
		t.Fatalf("fresh link: %d %s", res.Status, res.Body)
	}
	if n := a.Client.Session.Query().Where(session.EndedAtIsNil()).CountX(ctx); n != 0 {
		t.Errorf("%d sessions live after the password changed", n)
	}
	if n := a.Client.PasswordLink.Query().Where(passwordlink.UsedAtNotNil()).CountX(ctx); n != 2 {
		t.Errorf("%d links used, want 2", n)
	}
}
