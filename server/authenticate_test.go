package server_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/access"
	"github.com/palabre/palabre/auth"
	"github.com/palabre/palabre/ent/account"
	"github.com/palabre/palabre/server"
)

func TestValidTokenMakesTheCallerTheViewer(t *testing.T) {
	t.Parallel()
	a := startAPI(t, server.Config{})
	token := a.newToken(t, "revue@primature.sn", auth.RoleReviewer, 0)
	res := a.query(t, token, `{ viewer { email role } }`)
	if res.Status != http.StatusOK || !strings.Contains(res.Body, `"email":"revue@primature.sn"`) || !strings.Contains(res.Body, `"role":"REVIEWER"`) {
		t.Fatalf("got %d %s", res.Status, res.Body)
	}
}

func TestNoTokenIsThePublic(t *testing.T) {
	t.Parallel()
	a := startAPI(t, server.Config{})
	res := a.query(t, "", `{ viewer { email } }`)
	if res.Status != http.StatusOK || !strings.Contains(res.Body, `"viewer":null`) {
		t.Fatalf("got %d %s", res.Status, res.Body)
	}
}

func TestBadCredentialsAreRefusedWith401(t *testing.T) {
	t.Parallel()
	a := startAPI(t, server.Config{})
	ctx := access.SystemContext(context.Background())

	revoked := a.newToken(t, "revoque@primature.sn", auth.RoleReviewer, 0)
	if _, err := access.RevokeTokensOf(ctx, a.Client, "revoque@primature.sn"); err != nil {
		t.Fatal(err)
	}
	expired := a.newToken(t, "expire@primature.sn", auth.RoleReviewer, time.Millisecond)
	time.Sleep(10 * time.Millisecond)
	disabled := a.newToken(t, "parti@primature.sn", auth.RoleReviewer, 0)
	parti := a.Client.Account.Query().Where(account.Email("parti@primature.sn")).OnlyIDX(ctx)
	if err := a.Client.Account.UpdateOneID(parti).SetDisabled(true).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	valid := a.newToken(t, "valide@primature.sn", auth.RoleReviewer, 0)

	for name, header := range map[string]string{
		"unknown token":      "Bearer plb_nosuchtoken",
		"revoked token":      "Bearer " + revoked,
		"expired token":      "Bearer " + expired,
		"disabled account":   "Bearer " + disabled,
		"another scheme":     "Basic " + valid,
		"bare token":         valid,
		"bearer and nothing": "Bearer ",
	} {
		res := a.send(t, http.MethodPost, "/graphql", strings.NewReader(`{"query":"{ viewer { email } }"}`),
			map[string]string{"Content-Type": "application/json", "Authorization": header})
		if res.Status != http.StatusUnauthorized || errorCode(t, res.Body) != palabre.EUNAUTHENTICATED {
			t.Errorf("%s: got %d %s", name, res.Status, res.Body)
		}
		if !strings.HasPrefix(res.Header.Get("WWW-Authenticate"), "Bearer") {
			t.Errorf("%s: WWW-Authenticate = %q", name, res.Header.Get("WWW-Authenticate"))
		}
	}
}

func TestBearerSchemeIgnoresCase(t *testing.T) {
	t.Parallel()
	a := startAPI(t, server.Config{})
	token := a.newToken(t, "revue@primature.sn", auth.RoleReviewer, 0)
	res := a.send(t, http.MethodPost, "/graphql", strings.NewReader(`{"query":"{ viewer { email } }"}`),
		map[string]string{"Content-Type": "application/json", "Authorization": "bearer " + token})
	if res.Status != http.StatusOK || !strings.Contains(res.Body, "revue@primature.sn") {
		t.Fatalf("got %d %s", res.Status, res.Body)
	}
}
