package mail_test

import (
	"context"
	"testing"

	"github.com/palabre/palabre/auth"
	"github.com/palabre/palabre/internal/apitest"
	"github.com/palabre/palabre/mail"
)

const viewerPreferences = `{ viewer { id notificationPreferences { language delivery kinds } } }`

type preferences struct {
	Language, Delivery string
	Kinds              []string
}

func viewerPrefs(t *testing.T, s *apitest.Server, token string) preferences {
	t.Helper()
	var out struct {
		Viewer struct{ NotificationPreferences preferences }
	}
	s.OK(t, token, viewerPreferences, nil, &out)
	return out.Viewer.NotificationPreferences
}

// Through the API: an account reads its preferences (the defaults first),
// changes them, fields left out staying; an empty list of kinds turns every
// e-mail off; another account's stay as they were.
func TestAnAccountChangesItsOwnPreferences(t *testing.T) {
	t.Parallel()
	f := newFlow(t)
	w := f.World
	if got := viewerPrefs(t, f.Server, w.JusticeAgent); got.Language != "FR" || got.Delivery != "IMMEDIATE" || len(got.Kinds) != 4 {
		t.Fatalf("defaults: %+v", got)
	}
	var out struct {
		UpdateNotificationPreferences struct {
			Account                 struct{ Email string }
			NotificationPreferences preferences
		}
	}
	f.OK(t, w.JusticeAgent, updatePreferences, map[string]any{"in": map[string]any{"language": "EN", "kinds": []string{"LATE_ITEMS", "ROUND_OPENED"}}}, &out)
	p := out.UpdateNotificationPreferences
	if p.Account.Email != "mj@palabre.test" || p.NotificationPreferences.Language != "EN" || p.NotificationPreferences.Delivery != "IMMEDIATE" ||
		len(p.NotificationPreferences.Kinds) != 2 || p.NotificationPreferences.Kinds[0] != "ROUND_OPENED" {
		t.Errorf("payload: %+v", p)
	}
	f.prefs(w.JusticeAgent, map[string]any{"delivery": "DAILY_DIGEST"})
	if got := viewerPrefs(t, f.Server, w.JusticeAgent); got.Language != "EN" || got.Delivery != "DAILY_DIGEST" || len(got.Kinds) != 2 {
		t.Errorf("after two changes: %+v", got)
	}
	f.prefs(w.JusticeAgent, map[string]any{"kinds": []string{}})
	if got := viewerPrefs(t, f.Server, w.JusticeAgent); len(got.Kinds) != 0 {
		t.Errorf("an empty list of kinds keeps %v", got.Kinds)
	}
	if got := viewerPrefs(t, f.Server, w.SecurityAgent); got.Language != "FR" || len(got.Kinds) != 4 {
		t.Errorf("another account's changed: %+v", got)
	}
}

// Who reads whose: an administrator reads anyone's; an agency reaches no
// other account, and mail.PreferencesOf tells it nothing; the public has no
// preferences and changes none; bad input stores nothing.
func TestPreferencesArePrivate(t *testing.T) {
	t.Parallel()
	f := newFlow(t)
	w := f.World
	f.prefs(w.SecurityAgent, map[string]any{"language": "EN"})
	security := f.Account(t, "anssi@palabre.test")
	read := `query($id: ID!) { node(id: $id) { ... on Account { email notificationPreferences { language } } } }`
	var byAdmin struct {
		Node struct {
			Email                   string
			NotificationPreferences *preferences
		}
	}
	f.OK(t, w.Admin, read, map[string]any{"id": security.ID}, &byAdmin)
	if byAdmin.Node.NotificationPreferences == nil || byAdmin.Node.NotificationPreferences.Language != "EN" {
		t.Errorf("an administrator reads %+v", byAdmin.Node)
	}
	r := f.Do(t, w.JusticeAgent, read, map[string]any{"id": security.ID})
	if string(r.Data) != "" && string(r.Data) != "null" && string(r.Data) != `{"node":null}` {
		t.Errorf("an agency reads another account: %s", r.Data)
	}
	justice := f.Account(t, "mj@palabre.test")
	ctx := auth.NewContext(context.Background(), &auth.Viewer{AccountID: justice.ID, Role: auth.RoleAgency})
	if _, ok, err := mail.PreferencesOf(ctx, security); ok || err != nil {
		t.Errorf("another account's preferences: ok %v, %v", ok, err)
	}
	if _, err := f.Client.NotificationPreference.Create().SetAccountID(security.ID).Save(ctx); err == nil {
		t.Error("an account created another's preferences")
	}
	admin := f.Account(t, "admin@palabre.test")
	adminCtx := auth.NewContext(context.Background(), &auth.Viewer{AccountID: admin.ID, Role: auth.RoleAdmin})
	row, err := f.Client.NotificationPreference.Query().Only(adminCtx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := row.Update().SetLanguage("fr").Save(adminCtx); err == nil {
		t.Error("an administrator changed another account's preferences")
	}

	before := f.Fingerprint(t)
	var anon struct{ Viewer *struct{ ID string } }
	f.OK(t, "", viewerPreferences, nil, &anon)
	if anon.Viewer != nil {
		t.Errorf("the public has a viewer: %+v", anon.Viewer)
	}
	f.Fails(t, "", updatePreferences, map[string]any{"in": map[string]any{"language": "EN"}}, "UNAUTHENTICATED")
	f.Fails(t, w.JusticeAgent, updatePreferences, map[string]any{"in": map[string]any{"language": "DE"}}, "GRAPHQL_VALIDATION_FAILED")
	f.Fails(t, w.JusticeAgent, updatePreferences, map[string]any{"in": map[string]any{"kinds": []string{"DAILY_DIGEST"}}}, "GRAPHQL_VALIDATION_FAILED")
	if f.Fingerprint(t) != before {
		t.Error("a refused change stored something")
	}
	if got := viewerPrefs(t, f.Server, w.JusticeAgent); got.Language != "FR" {
		t.Errorf("after refusals: %+v", got)
	}
}
