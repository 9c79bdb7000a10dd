package access

import (
	"testing"
	"time"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/auth"
	"github.com/palabre/palabre/clock"
)

func code(err error) string {
	if err == nil {
		return ""
	}
	return palabre.ErrorCode(err)
}

func TestWhenATokenAuthenticates(t *testing.T) {
	clk := clock.NewFake(time.Date(2027, 3, 1, 9, 0, 0, 0, time.UTC))
	now := clk.Now()
	at := func(d time.Duration) *time.Time { t := now.Add(d); return &t }
	for _, c := range []struct {
		name string
		cred Credential
		want bool
	}{
		{"a live token without expiry", Credential{}, true},
		{"the instant before it expires", Credential{ExpiresAt: at(time.Nanosecond)}, true},
		{"the instant it expires", Credential{ExpiresAt: at(0)}, false},
		{"after it expired", Credential{ExpiresAt: at(-time.Hour)}, false},
		{"revoked", Credential{RevokedAt: at(-time.Hour), ExpiresAt: at(time.Hour)}, false},
		{"revoked a moment ago", Credential{RevokedAt: at(0)}, false},
		{"of a disabled account", Credential{Disabled: true}, false},
	} {
		if got := Usable(c.cred, now); got != c.want {
			t.Errorf("%s: usable = %v", c.name, got)
		}
	}
	for _, c := range []struct {
		name string
		last *time.Time
		want bool
	}{
		{"never used", nil, true},
		{"used just now", at(0), false},
		{"used under a minute ago", at(-lastUseResolution + time.Nanosecond), false},
		{"used a minute ago", at(-lastUseResolution), true},
		{"used an hour ago", at(-time.Hour), true},
	} {
		if got := LastUseStale(c.last, now); got != c.want {
			t.Errorf("%s: record the use again = %v", c.name, got)
		}
	}
}

func TestATokensLifetime(t *testing.T) {
	now := time.Date(2027, 3, 1, 9, 0, 0, 0, time.UTC)
	if at, err := ExpiryAfter(0, now); at != nil || err != nil {
		t.Errorf("no lifetime: %v, %v; want a token that never expires", at, err)
	}
	if at, err := ExpiryAfter(720*time.Hour, now); err != nil || !at.Equal(now.Add(720*time.Hour)) {
		t.Errorf("720h: %v, %v", at, err)
	}
	if _, err := ExpiryAfter(-time.Second, now); code(err) != palabre.EINVALID {
		t.Errorf("a negative lifetime: %v", err)
	}
	for _, c := range []struct {
		at   time.Time
		code string
	}{{now.Add(time.Nanosecond), ""}, {now, palabre.EINVALID}, {now.Add(-time.Hour), palabre.EINVALID}} {
		if err := CheckExpiry(c.at, now); code(err) != c.code {
			t.Errorf("expiring at %v: %v", c.at, err)
		}
	}
}

func TestAnAgencyAccountSpeaksForAnAgency(t *testing.T) {
	for _, role := range []auth.Role{auth.RoleAdmin, auth.RoleSecretariat, auth.RoleReviewer, auth.RoleAgency} {
		for _, hasAgency := range []bool{false, true} {
			want := ""
			if role == auth.RoleAgency && !hasAgency {
				want = palabre.EINVALID
			}
			if err := CheckAgency(role, hasAgency); code(err) != want {
				t.Errorf("%s with an agency %v: %v", role, hasAgency, err)
			}
		}
	}
}
