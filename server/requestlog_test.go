package server_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/palabre/palabre/auth"
	"github.com/palabre/palabre/server"
)

func TestEachRequestIsLoggedOnceWithoutItsToken(t *testing.T) {
	t.Parallel()
	a := startAPI(t, server.Config{})
	token := a.newToken(t, "revue@primature.sn", auth.RoleReviewer, 0)
	a.query(t, token, `{ viewer { email } }`)
	a.query(t, token+"x", `{ viewer { email } }`)
	a.send(t, http.MethodGet, "/graphql?query=%7Bviewer%7Bemail%7D%7D", nil, map[string]string{"Authorization": "Bearer " + token})

	// A line is written as its handler returns, which may be just after the
	// client has read the answer.
	logs := a.Logs.String()
	for deadline := time.Now().Add(5 * time.Second); strings.Count(logs, `"msg":"request"`) < 3 && time.Now().Before(deadline); {
		time.Sleep(10 * time.Millisecond)
		logs = a.Logs.String()
	}
	if strings.Contains(logs, token) || strings.Contains(logs, auth.TokenPrefix) {
		t.Fatalf("the logs hold a token:\n%s", logs)
	}
	var requests []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(logs), "\n") {
		var entry map[string]any
		if err := json.Unmarshal([]byte(line), &entry); err != nil {
			t.Fatalf("not a JSON log line: %s", line)
		}
		if entry["msg"] == "request" {
			requests = append(requests, entry)
		}
	}
	if len(requests) != 3 {
		t.Fatalf("want 3 request lines, got %d:\n%s", len(requests), logs)
	}
	want := []float64{http.StatusOK, http.StatusUnauthorized, http.StatusOK}
	for i, r := range requests {
		if r["path"] != "/graphql" || r["status"] != want[i] || r["method"] == nil || r["duration"] == nil {
			t.Errorf("request %d logged as %v", i, r)
		}
	}
}
