package mail

import (
	"context"
	"slices"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/auth"
	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/account"
	"github.com/palabre/palabre/ent/notificationpreference"
	"github.com/palabre/palabre/ent/schema/pulid"
)

// Delivery is when an account gets its e-mails.
type Delivery string

// The deliveries: each e-mail at once (the default), or gathered in the
// daily digest.
const (
	Immediate     Delivery = Delivery(notificationpreference.DeliveryIMMEDIATE)
	GatheredDaily Delivery = Delivery(notificationpreference.DeliveryDAILY_DIGEST)
)

// Preferences are how an account wants to be told.
type Preferences struct {
	Language Language
	Delivery Delivery
	// Muted are the kinds it does not want.
	Muted []Kind
}

// DefaultPreferences are those of an account that never chose: French,
// every e-mail, at once.
func DefaultPreferences() Preferences {
	return Preferences{Language: French, Delivery: Immediate}
}

// Wants reports whether the account wants e-mails of that kind.
func (p Preferences) Wants(k Kind) bool { return !slices.Contains(p.Muted, k) }

// Kinds are the kinds the account wants, in the order of Kinds.
func (p Preferences) Kinds() []Kind {
	var ks []Kind
	for _, k := range Kinds {
		if p.Wants(k) {
			ks = append(ks, k)
		}
	}
	return ks
}

func fromRow(r *ent.NotificationPreference) Preferences {
	if r == nil {
		return DefaultPreferences()
	}
	p := Preferences{Language: Language(r.Language), Delivery: Delivery(r.Delivery)}
	for _, k := range r.Muted {
		p.Muted = append(p.Muted, Kind(k))
	}
	return p
}

// PreferencesOf returns an account's preferences, read with the caller's
// permissions (and the account's client, a transaction's in a mutation): an
// account reads its own, an administrator anyone's. Others get ok false.
func PreferencesOf(ctx context.Context, a *ent.Account) (p Preferences, ok bool, err error) {
	v := auth.FromContext(ctx)
	if v == nil || (v.AccountID != a.ID && !v.Is(auth.RoleAdmin)) {
		return Preferences{}, false, nil
	}
	r, err := a.QueryNotificationPreference().Only(ctx)
	if err != nil && !ent.IsNotFound(err) {
		return Preferences{}, false, err
	}
	return fromRow(r), true, nil
}

// Change is a change of preferences; nil fields stay as they are.
type Change struct {
	Language *Language
	Delivery *Delivery
	// Kinds, when not nil, are all the kinds the account wants from now on.
	Kinds []Kind
}

// UpdatePreferences changes the caller's own preferences and returns them.
func UpdatePreferences(ctx context.Context, client *ent.Client, c Change) (Preferences, error) {
	v := auth.FromContext(ctx)
	if v == nil {
		return Preferences{}, palabre.Errorf(palabre.EUNAUTHENTICATED, "sign in to change your notification preferences")
	}
	if c.Language != nil && *c.Language != French && *c.Language != English {
		return Preferences{}, palabre.Errorf(palabre.EINVALID, "language %q: use fr or en", *c.Language)
	}
	if c.Delivery != nil && *c.Delivery != Immediate && *c.Delivery != GatheredDaily {
		return Preferences{}, palabre.Errorf(palabre.EINVALID, "delivery %q: use IMMEDIATE or DAILY_DIGEST", *c.Delivery)
	}
	var muted []string
	if c.Kinds != nil {
		for _, k := range c.Kinds {
			if !slices.Contains(Kinds, k) {
				return Preferences{}, palabre.Errorf(palabre.EINVALID, "unknown kind of e-mail %q", k)
			}
		}
		muted = []string{}
		for _, k := range Kinds {
			if !slices.Contains(c.Kinds, k) {
				muted = append(muted, string(k))
			}
		}
	}
	r, err := client.NotificationPreference.Query().
		Where(notificationpreference.HasAccountWith(account.ID(v.AccountID))).Only(ctx)
	switch {
	case ent.IsNotFound(err):
		create := client.NotificationPreference.Create().SetAccountID(v.AccountID)
		if c.Language != nil {
			create.SetLanguage(notificationpreference.Language(*c.Language))
		}
		if c.Delivery != nil {
			create.SetDelivery(notificationpreference.Delivery(*c.Delivery))
		}
		if muted != nil {
			create.SetMuted(muted)
		}
		r, err = create.Save(ctx)
	case err == nil:
		update := r.Update()
		if c.Language != nil {
			update.SetLanguage(notificationpreference.Language(*c.Language))
		}
		if c.Delivery != nil {
			update.SetDelivery(notificationpreference.Delivery(*c.Delivery))
		}
		if muted != nil {
			update.SetMuted(muted)
		}
		r, err = update.Save(ctx)
	}
	if err != nil {
		return Preferences{}, err
	}
	return fromRow(r), nil
}

// preferencesOf reads the preferences of the accounts (the system's read,
// for the fan-out): the defaults for those without any.
func preferencesOf(ctx context.Context, client *ent.Client, accounts []*ent.Account) (map[pulid.ID]Preferences, error) {
	ids := make([]pulid.ID, len(accounts))
	for i, a := range accounts {
		ids[i] = a.ID
	}
	rows, err := client.NotificationPreference.Query().
		Where(notificationpreference.HasAccountWith(account.IDIn(ids...))).WithAccount().All(ctx)
	if err != nil {
		return nil, err
	}
	prefs := make(map[pulid.ID]Preferences, len(accounts))
	for _, a := range accounts {
		prefs[a.ID] = DefaultPreferences()
	}
	for _, r := range rows {
		if r.Edges.Account != nil {
			prefs[r.Edges.Account.ID] = fromRow(r)
		}
	}
	return prefs, nil
}
