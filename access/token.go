package access

import (
	"context"
	"crypto/subtle"
	"time"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/auth"
	"github.com/palabre/palabre/clock"
	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/account"
	"github.com/palabre/palabre/ent/apitoken"
	"github.com/palabre/palabre/ent/schema/pulid"
)

// lastUseResolution is how stale last_used_at may be: recording every request
// would turn every read into a write.
const lastUseResolution = time.Minute

// DefaultTokenLifetime is how long a token lives when its issuer says nothing:
// a forgotten token stops working on its own. A token that never expires must
// be asked for (ttl 0 below; `--expires never`, neverExpires in the API).
const DefaultTokenLifetime = 90 * 24 * time.Hour

// IssueToken creates a token for the account with the given e-mail and returns
// it in clear, the only time it is ever shown; ttl 0 means it never expires.
// The context decides who may do it (an administrator, or the system).
func IssueToken(ctx context.Context, client *ent.Client, email, label string, ttl time.Duration) (string, *ent.APIToken, error) {
	acc, err := client.Account.Query().Where(account.Email(email)).Only(ctx)
	if ent.IsNotFound(err) {
		return "", nil, palabre.Errorf(palabre.ENOTFOUND, "no account has the e-mail %s", email)
	}
	if err != nil {
		return "", nil, err
	}
	return IssueTokenFor(ctx, client, acc.ID, label, ttl)
}

// IssueTokenFor is IssueToken for an account given by ID.
func IssueTokenFor(ctx context.Context, client *ent.Client, accountID pulid.ID, label string, ttl time.Duration) (string, *ent.APIToken, error) {
	expiresAt, err := ExpiryAfter(ttl, clock.Now(ctx))
	if err != nil {
		return "", nil, err
	}
	return issue(ctx, client, accountID, label, expiresAt)
}

// IssueTokenUntil is IssueTokenFor with the time the token expires, which must
// be in the future; nil means it never expires.
func IssueTokenUntil(ctx context.Context, client *ent.Client, accountID pulid.ID, label string, expiresAt *time.Time) (string, *ent.APIToken, error) {
	if expiresAt != nil {
		if err := CheckExpiry(*expiresAt, clock.Now(ctx)); err != nil {
			return "", nil, err
		}
	}
	return issue(ctx, client, accountID, label, expiresAt)
}

func issue(ctx context.Context, client *ent.Client, accountID pulid.ID, label string, expiresAt *time.Time) (string, *ent.APIToken, error) {
	token, hash := auth.NewToken()
	create := client.APIToken.Create().SetAccountID(accountID).SetHash(hash).SetLabel(label)
	if expiresAt != nil {
		create.SetExpiresAt(expiresAt.UTC())
	}
	t, err := create.Save(ctx)
	if err != nil {
		return "", nil, err
	}
	return token, t, nil
}

// RevokeToken revokes one token. Revoking a revoked token changes nothing.
func RevokeToken(ctx context.Context, client *ent.Client, id pulid.ID) (*ent.APIToken, error) {
	t, err := client.APIToken.UpdateOneID(id).Where(apitoken.RevokedAtIsNil()).SetRevokedAt(clock.Now(ctx)).Save(ctx)
	if ent.IsNotFound(err) {
		return client.APIToken.Get(ctx, id) // already revoked, or no such token
	}
	return t, err
}

// RevokeTokensOf revokes every live token of the account with the given e-mail
// and says how many it revoked.
func RevokeTokensOf(ctx context.Context, client *ent.Client, email string) (int, error) {
	ids, err := client.APIToken.Query().
		Where(apitoken.HasAccountWith(account.Email(email)), apitoken.RevokedAtIsNil()).
		IDs(ctx)
	if err != nil {
		return 0, err
	}
	for _, id := range ids {
		if _, err := RevokeToken(ctx, client, id); err != nil {
			return 0, err
		}
	}
	return len(ids), nil
}

// Authenticate returns the viewer a bearer token stands for, or an
// UNAUTHENTICATED error that says no more than that the token is not valid.
// It reads the database every time; the server goes through Tokens, which
// remembers valid tokens for a few seconds.
func Authenticate(ctx context.Context, client *ent.Client, token string) (*auth.Viewer, error) {
	now := clock.Now(ctx)
	found, err := findToken(ctx, client, auth.HashToken(token), now)
	if err != nil {
		return nil, err
	}
	if LastUseStale(found.lastUsed, now) {
		if err := recordLastUse(ctx, client, found.tokenID, now); err != nil {
			return nil, err
		}
	}
	return found.viewer, nil
}

// foundToken is what the database says of a valid token.
type foundToken struct {
	tokenID  pulid.ID
	viewer   *auth.Viewer
	cred     Credential
	lastUsed *time.Time
}

// errInvalidToken says no more than that a token does not authenticate.
func errInvalidToken() error {
	return palabre.Errorf(palabre.EUNAUTHENTICATED, "the token is not valid: it is unknown, revoked or expired")
}

// findToken reads the token of a hash with its account, and refuses it unless
// it is usable at now.
func findToken(ctx context.Context, client *ent.Client, hash string, now time.Time) (*foundToken, error) {
	ctx = AsSystem(ctx, "authentication: the caller is not known yet")
	t, err := client.APIToken.Query().
		Where(apitoken.Hash(hash)).
		WithAccount(func(q *ent.AccountQuery) { q.WithAgency() }).
		Only(ctx)
	if ent.IsNotFound(err) {
		return nil, errInvalidToken()
	}
	if err != nil {
		return nil, err
	}
	// The lookup by hash already matched; comparing again in constant time keeps
	// the final decision free of timing differences whatever the store does.
	if subtle.ConstantTimeCompare([]byte(t.Hash), []byte(hash)) != 1 {
		return nil, errInvalidToken()
	}
	acc := t.Edges.Account
	cred := Credential{RevokedAt: t.RevokedAt, ExpiresAt: t.ExpiresAt, Disabled: acc.Disabled}
	if !Usable(cred, now) {
		return nil, errInvalidToken()
	}
	v := &auth.Viewer{AccountID: acc.ID, Role: acc.Role}
	if acc.Edges.Agency != nil {
		v.AgencyID = acc.Edges.Agency.ID
	}
	return &foundToken{tokenID: t.ID, viewer: v, cred: cred, lastUsed: t.LastUsedAt}, nil
}

// recordLastUse records that a token was used at now.
func recordLastUse(ctx context.Context, client *ent.Client, id pulid.ID, now time.Time) error {
	ctx = AsSystem(ctx, "authentication: recording a token's last use")
	return client.APIToken.UpdateOneID(id).SetLastUsedAt(now).Exec(ctx)
}

// Credential is what decides whether a token still authenticates.
type Credential struct {
	RevokedAt, ExpiresAt *time.Time
	Disabled             bool // the account's
}

// Usable reports whether a token authenticates at the given time: not
// revoked, not expired (it expires at the instant of its expiry), of an
// account that is not disabled.
func Usable(c Credential, now time.Time) bool {
	return c.RevokedAt == nil && (c.ExpiresAt == nil || now.Before(*c.ExpiresAt)) && !c.Disabled
}

// LastUseStale reports whether a token's recorded last use is older than
// lastUseResolution at the given time, and is to be recorded again.
func LastUseStale(lastUsed *time.Time, now time.Time) bool {
	return lastUsed == nil || now.Sub(*lastUsed) >= lastUseResolution
}

// ExpiryAfter returns when a token issued at the given time with a lifetime
// expires: never (nil) for a lifetime of 0; a negative lifetime is refused.
func ExpiryAfter(ttl time.Duration, now time.Time) (*time.Time, error) {
	switch {
	case ttl < 0:
		return nil, palabre.Errorf(palabre.EINVALID, "a token's lifetime cannot be negative")
	case ttl == 0:
		return nil, nil
	}
	at := now.Add(ttl)
	return &at, nil
}

// CheckExpiry requires the expiry of a new token to be in the future.
func CheckExpiry(expiresAt, now time.Time) error {
	if !expiresAt.After(now) {
		return palabre.Errorf(palabre.EINVALID, "expiresAt must be in the future")
	}
	return nil
}

// ExpiryOf is when a token issued at now expires: at expiresAt when it is
// given (it must be in the future), never when that is asked, and after
// DefaultTokenLifetime when its issuer says nothing. Nil means never.
func ExpiryOf(now time.Time, expiresAt *time.Time, never bool) (*time.Time, error) {
	switch {
	case never && expiresAt != nil:
		return nil, palabre.Errorf(palabre.EINVALID, "give expiresAt or neverExpires, not both")
	case never:
		return nil, nil
	case expiresAt != nil:
		return expiresAt, CheckExpiry(*expiresAt, now)
	}
	end := now.Add(DefaultTokenLifetime)
	return &end, nil
}
