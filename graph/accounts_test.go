package graph_test

import (
	"strings"
	"testing"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/internal/apitest"
)

// Accounts are created the same way by the API, the command line and the demo
// (access.CreateAccount): a second account with an e-mail is a CONFLICT that
// says so, not a constraint message.
func TestAnEmailBelongsToOneAccount(t *testing.T) {
	t.Parallel()
	s := apitest.New(t)
	const create = `mutation($in: CreateAccountInput!) { createAccount(input: $in) { account { id email role agency { acronym } } } }`
	var out struct {
		CreateAccount struct {
			Account struct {
				Email, Role string
				Agency      *struct{ Acronym string }
			}
		}
	}
	s.OK(t, s.World.Admin, create, map[string]any{"in": map[string]any{
		"name": "Mariama Ba", "email": "mariama.ba@artp.sn", "role": "AGENCY", "agencyID": s.World.Regulator.ID}}, &out)
	if a := out.CreateAccount.Account; a.Email != "mariama.ba@artp.sn" || a.Role != "AGENCY" || a.Agency == nil || a.Agency.Acronym != "ARTP" {
		t.Errorf("created %+v", a)
	}

	before := s.Fingerprint(t)
	for _, email := range []string{"mariama.ba@artp.sn", "secretariat@palabre.test"} {
		msg := s.Fails(t, s.World.Admin, create, map[string]any{"in": map[string]any{
			"name": "Homonyme", "email": email, "role": "REVIEWER"}}, palabre.ECONFLICT)
		if !strings.Contains(msg, "an account with the e-mail "+email+" already exists") {
			t.Errorf("a second account with %s: %q does not say the e-mail is taken", email, msg)
		}
	}
	// Who may not create accounts learns nothing of the e-mails taken.
	s.Fails(t, s.World.Reviewer, create, map[string]any{"in": map[string]any{
		"name": "Homonyme", "email": "reviewer@palabre.test", "role": "REVIEWER"}}, palabre.EFORBIDDEN)
	if s.Fingerprint(t) != before {
		t.Error("a refused account was stored")
	}
}
