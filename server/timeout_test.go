package server_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/auth"
	"github.com/palabre/palabre/server"
)

func TestARequestOutOfTimeIsATimeoutNotAnInternalError(t *testing.T) {
	t.Parallel()
	a := startAPI(t, server.Config{RequestTimeout: time.Nanosecond})
	token := a.newToken(t, "revue@primature.sn", auth.RoleReviewer, 0)
	for name, header := range map[string]map[string]string{
		"the public": {"Content-Type": "application/json"},
		"a token":    {"Content-Type": "application/json", "Authorization": "Bearer " + token},
	} {
		res := a.send(t, http.MethodPost, "/graphql", strings.NewReader(`{"query":"{ strategies { totalCount } }"}`), header)
		if res.Status != http.StatusServiceUnavailable || errorCode(t, res.Body) != palabre.ETIMEOUT {
			t.Errorf("%s: got %d %s", name, res.Status, res.Body)
		}
	}
	if logs := a.Logs.String(); strings.Contains(logs, `"level":"ERROR"`) {
		t.Errorf("a request out of time was logged as an error:\n%s", logs)
	}
}
