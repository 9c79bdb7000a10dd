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
	"github.com/palabre/palabre/ent/passwordlink"
	"github.com/palabre/palabre/ent/schema/pulid"
	"github.com/palabre/palabre/ent/session"
	"github.com/palabre/palabre/transaction"
)

// SessionPolicy is how long web console sessions and password links last.
type SessionPolicy struct {
	// Idle ends a session that has not been used for that long.
	Idle time.Duration
	// Lifetime ends a session that long after sign-in, however used.
	Lifetime time.Duration
	// LinkLifetime is how long a password link works.
	LinkLifetime time.Duration
}

// errWrongPassword says no more than that the pair does not sign in: whether
// the e-mail exists is not for the caller to learn.
func errWrongPassword() error {
	return palabre.Errorf(palabre.EUNAUTHENTICATED, "the e-mail or the password is wrong, or the account has no password yet: check them, or ask an administrator for a password link")
}

// errSessionEnded is the answer for a session cookie that no longer signs in.
func errSessionEnded() error {
	return palabre.Errorf(palabre.EUNAUTHENTICATED, "your session has ended (signed out, idle too long or too old): sign in again")
}

// SignIn checks an account's password and opens a session for it. It returns
// the session's secret, for the cookie, the only time it is known: only its
// hash is stored.
func SignIn(ctx context.Context, client *ent.Client, email, password string, p SessionPolicy) (string, *ent.Session, error) {
	sys := AsSystem(ctx, "sign-in: the caller is not known yet")
	acc, err := client.Account.Query().Where(account.Email(email)).Only(sys)
	if ent.IsNotFound(err) || (err == nil && (acc.PasswordHash == "" || acc.Disabled)) {
		auth.SpendPasswordCheck(password)
		return "", nil, errWrongPassword()
	}
	if err != nil {
		return "", nil, err
	}
	if !auth.PasswordMatches(password, acc.PasswordHash) {
		return "", nil, errWrongPassword()
	}
	now := clock.Now(ctx)
	secret, hash := auth.NewToken()
	s, err := client.Session.Create().SetAccountID(acc.ID).SetHash(hash).
		SetExpiresAt(now.Add(p.Lifetime).UTC()).SetLastSeenAt(now.UTC()).Save(sys)
	if err != nil {
		return "", nil, err
	}
	return secret, s, nil
}

// SessionViewer returns the viewer a session's secret stands for, and records
// its use, or an UNAUTHENTICATED error when the session has ended.
func SessionViewer(ctx context.Context, client *ent.Client, secret string, p SessionPolicy) (*auth.Viewer, pulid.ID, error) {
	sys := AsSystem(ctx, "authentication: the caller is not known yet")
	hash := auth.HashToken(secret)
	s, err := client.Session.Query().Where(session.Hash(hash)).
		WithAccount(func(q *ent.AccountQuery) { q.WithAgency() }).Only(sys)
	if ent.IsNotFound(err) {
		return nil, "", errSessionEnded()
	}
	if err != nil {
		return nil, "", err
	}
	now := clock.Now(ctx)
	acc := s.Edges.Account
	if subtle.ConstantTimeCompare([]byte(s.Hash), []byte(hash)) != 1 || !SessionLive(s, acc.Disabled, now, p) {
		return nil, "", errSessionEnded()
	}
	if LastUseStale(&s.LastSeenAt, now) {
		if err := client.Session.UpdateOneID(s.ID).SetLastSeenAt(now.UTC()).Exec(AsSystem(ctx, "authentication: recording a session's use")); err != nil {
			return nil, "", err
		}
	}
	v := &auth.Viewer{AccountID: acc.ID, Role: acc.Role}
	if acc.Edges.Agency != nil {
		v.AgencyID = acc.Edges.Agency.ID
	}
	return v, s.ID, nil
}

// SessionLive reports whether a session still signs in at now: not signed
// out, not past its lifetime, used within the idle time (to the resolution
// its last use is recorded at), of an account that is not disabled.
func SessionLive(s *ent.Session, disabled bool, now time.Time, p SessionPolicy) bool {
	return s.EndedAt == nil && !disabled && now.Before(s.ExpiresAt) &&
		now.Sub(s.LastSeenAt) < p.Idle+lastUseResolution
}

// SignOut ends one session, found by its secret. Ending an ended or unknown
// session changes nothing.
func SignOut(ctx context.Context, client *ent.Client, secret string) error {
	sys := AsSystem(ctx, "sign-out of the caller's own session")
	_, err := client.Session.Update().
		Where(session.Hash(auth.HashToken(secret)), session.EndedAtIsNil()).
		SetEndedAt(clock.Now(ctx).UTC()).Save(sys)
	return err
}

// SignOutEverywhere ends every session of an account and says how many.
func SignOutEverywhere(ctx context.Context, client *ent.Client, accountID pulid.ID) (int, error) {
	sys := AsSystem(ctx, "sign-out of every session of the caller's own account")
	return client.Session.Update().
		Where(session.HasAccountWith(account.ID(accountID)), session.EndedAtIsNil()).
		SetEndedAt(clock.Now(ctx).UTC()).Save(sys)
}

// CreatePasswordLink creates a one-time link that sets an account's password,
// and returns its secret, the only time it is known. The context decides who
// may (an administrator, or the system).
func CreatePasswordLink(ctx context.Context, client *ent.Client, accountID pulid.ID, p SessionPolicy) (string, *ent.PasswordLink, error) {
	exists, err := client.Account.Query().Where(account.ID(accountID)).Exist(AsSystem(ctx, "whether an account exists"))
	if err != nil {
		return "", nil, err
	}
	secret, hash := auth.NewToken()
	create := client.PasswordLink.Create().SetAccountID(accountID).SetHash(hash).
		SetExpiresAt(clock.Now(ctx).Add(p.LinkLifetime).UTC())
	// Asked before saying whether the account exists, so that a caller who
	// may not create links learns nothing of accounts.
	if err := passwordlink.Policy.EvalMutation(ctx, create.Mutation()); err != nil {
		return "", nil, err
	}
	if !exists {
		return "", nil, palabre.Errorf(palabre.ENOTFOUND, "no account has the ID %s", accountID)
	}
	l, err := create.Save(ctx)
	if err != nil {
		return "", nil, err
	}
	return secret, l, nil
}

// PasswordLinkPath is the web console's page that sets a password with a
// link's secret. The secret is in the fragment, which browsers never send to
// a server nor put in a Referer.
func PasswordLinkPath(secret string) string { return "/set-password#" + secret }

// CreatePasswordLinkFor is CreatePasswordLink for an account given by e-mail.
func CreatePasswordLinkFor(ctx context.Context, client *ent.Client, email string, p SessionPolicy) (string, *ent.PasswordLink, error) {
	id, err := client.Account.Query().Where(account.Email(email)).OnlyID(AsSystem(ctx, "the account of an e-mail"))
	if ent.IsNotFound(err) {
		return "", nil, palabre.Errorf(palabre.ENOTFOUND, "no account has the e-mail %s", email)
	}
	if err != nil {
		return "", nil, err
	}
	return CreatePasswordLink(ctx, client, id, p)
}

// errLinkUnusable says no more than that a password link does not work.
func errLinkUnusable() error {
	return palabre.Errorf(palabre.EUNAUTHENTICATED, "this password link does not work: it is unknown, already used or expired; ask an administrator for a new one")
}

// SetPassword uses a password link: it sets the account's password (argon2id),
// marks the link used and ends the account's sessions, in one transaction.
// A link works once: of two requests with it, one wins.
func SetPassword(ctx context.Context, client *ent.Client, secret, password string) (*ent.Account, error) {
	if msg := auth.CheckPasswordShape(password); msg != "" {
		return nil, palabre.Errorf(palabre.EINVALID, "%s", msg)
	}
	sys := AsSystem(ctx, "a password link: its holder is not signed in")
	hash := auth.HashToken(secret)
	now := clock.Now(ctx)
	var acc *ent.Account
	ctx = sys
	err := transaction.Within(ctx, client, func(tx *ent.Client) error {
		l, err := tx.PasswordLink.Query().Where(passwordlink.Hash(hash)).WithAccount().Only(ctx)
		if ent.IsNotFound(err) {
			return errLinkUnusable()
		}
		if err != nil {
			return err
		}
		if l.UsedAt != nil || !now.Before(l.ExpiresAt) || l.Edges.Account.Disabled {
			return errLinkUnusable()
		}
		n, err := tx.PasswordLink.Update().Where(passwordlink.ID(l.ID), passwordlink.UsedAtIsNil()).SetUsedAt(now.UTC()).Save(ctx)
		if err != nil {
			return err
		}
		if n != 1 {
			return errLinkUnusable()
		}
		acc, err = tx.Account.UpdateOneID(l.Edges.Account.ID).
			SetPasswordHash(auth.HashPassword(password, auth.DefaultPasswordParams)).Save(ctx)
		if err != nil {
			return err
		}
		_, err = tx.Session.Update().
			Where(session.HasAccountWith(account.ID(acc.ID)), session.EndedAtIsNil()).
			SetEndedAt(now.UTC()).Save(ctx)
		return err
	})
	return acc, err
}

// ChangePassword sets a signed-in account's password after checking its
// current one, and ends the account's other sessions, keeping the one whose
// secret is keep (the caller's; "" keeps none), in one transaction. A wrong
// current password is UNAUTHENTICATED, as a wrong sign-in is.
func ChangePassword(ctx context.Context, client *ent.Client, accountID pulid.ID, keep, current, password string) (int, error) {
	sys := AsSystem(ctx, "a password change: the account's owner, signed in")
	acc, err := client.Account.Get(sys, accountID)
	if err != nil {
		return 0, err
	}
	if acc.PasswordHash == "" || acc.Disabled || !auth.PasswordMatches(current, acc.PasswordHash) {
		if acc.PasswordHash == "" {
			auth.SpendPasswordCheck(current)
		}
		return 0, palabre.Errorf(palabre.EUNAUTHENTICATED, "the current password is wrong: check it (the account's owner must give it to change it)")
	}
	if msg := auth.CheckPasswordShape(password); msg != "" {
		return 0, palabre.Errorf(palabre.EINVALID, "%s", msg)
	}
	now := clock.Now(ctx)
	var ended int
	err = transaction.Within(sys, client, func(tx *ent.Client) error {
		// Only over the hash that was checked: of two changes at once, one wins.
		_, err := tx.Account.UpdateOneID(acc.ID).Where(account.PasswordHash(acc.PasswordHash)).
			SetPasswordHash(auth.HashPassword(password, auth.DefaultPasswordParams)).Save(sys)
		if ent.IsNotFound(err) {
			return palabre.Errorf(palabre.ECONFLICT, "the password was changed in the meantime: sign in again with the new one")
		}
		if err != nil {
			return err
		}
		others := tx.Session.Update().Where(session.HasAccountWith(account.ID(acc.ID)), session.EndedAtIsNil())
		if keep != "" {
			others = others.Where(session.HashNEQ(auth.HashToken(keep)))
		}
		ended, err = others.SetEndedAt(now.UTC()).Save(sys)
		return err
	})
	return ended, err
}
