package server

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/auth"
	"github.com/palabre/palabre/ent/privacy"
)

// TestFailuresBesideGraphQLAreCodedAsGraphQLCodesThem: the endpoints beside
// GraphQL (the CSV export) answer a failure with GraphQL's code and that
// code's status; only the unrecognised is 500, and it is logged, not shown.
func TestFailuresBesideGraphQLAreCodedAsGraphQLCodesThem(t *testing.T) {
	t.Parallel()
	reviewer := auth.NewContext(context.Background(), &auth.Viewer{Role: auth.RoleReviewer})
	for _, c := range []struct {
		name   string
		ctx    context.Context
		err    error
		status int
		code   string
	}{
		{"a privacy denial, for the public", context.Background(), fmt.Errorf("querying: %w", privacy.Deny), http.StatusUnauthorized, palabre.EUNAUTHENTICATED},
		{"a privacy denial, for a caller", reviewer, fmt.Errorf("querying: %w", privacy.Deny), http.StatusForbidden, palabre.EFORBIDDEN},
		{"a time-out", reviewer, fmt.Errorf("sql: %w", context.DeadlineExceeded), http.StatusServiceUnavailable, palabre.ETIMEOUT},
		{"a domain error", reviewer, palabre.Errorf(palabre.ECONFLICT, "the round is closed"), http.StatusConflict, palabre.ECONFLICT},
		{"anything else", reviewer, errors.New("pq: relation \"secret_table\" does not exist"), http.StatusInternalServerError, palabre.EINTERNAL},
	} {
		var logs bytes.Buffer
		rec := httptest.NewRecorder()
		r := httptest.NewRequest(http.MethodGet, "/consultations/CO1/response-matrix.csv", nil).WithContext(c.ctx)
		writeFailure(rec, r, slog.New(slog.NewTextHandler(&logs, nil)), c.err)
		body := rec.Body.String()
		if rec.Code != c.status || !strings.Contains(body, `"code":"`+c.code+`"`) || strings.Contains(body, "secret_table") {
			t.Errorf("%s: %d %s", c.name, rec.Code, body)
		}
		if logged := strings.Contains(logs.String(), "secret_table"); logged != (c.code == palabre.EINTERNAL) {
			t.Errorf("%s: logged %q", c.name, logs.String())
		}
	}
}
