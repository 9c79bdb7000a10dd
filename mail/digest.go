package mail

import (
	"context"
	"time"

	"github.com/palabre/palabre/access"
	"github.com/palabre/palabre/auth"
	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/account"
	"github.com/palabre/palabre/ent/actionitem"
	"github.com/palabre/palabre/ent/agency"
	"github.com/palabre/palabre/ent/auditevent"
	"github.com/palabre/palabre/ent/schema/pulid"
	"github.com/palabre/palabre/plan"
)

// DailyDigest returns the day's digest of each account that has something in
// it: for an agency's accounts that want LateItems, the items the agency
// leads that are overdue or whose progress report is stale at the start of
// the day (UTC); for accounts that chose the daily digest, the e-mails of the
// day before that they would have got at once. One message per account and
// day, keyed "digest/<YYYY-MM-DD>/<accountID>": run twice on a day, it
// returns the same messages with the same keys, so the outbox sends each
// once.
func DailyDigest(ctx context.Context, client *ent.Client, now time.Time) ([]Message, error) {
	ctx = access.AsSystem(ctx, "writing the daily digests")
	now = now.UTC()
	day := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	accounts, err := client.Account.Query().Where(account.Disabled(false)).WithAgency().
		Order(ent.Asc(account.FieldID)).All(ctx)
	if err != nil {
		return nil, err
	}
	prefs, err := preferencesOf(ctx, client, accounts)
	if err != nil {
		return nil, err
	}
	late, err := lateItems(ctx, client, accounts, prefs, day)
	if err != nil {
		return nil, err
	}
	gathered, err := gatheredEvents(ctx, client, prefs, day)
	if err != nil {
		return nil, err
	}
	var ms []Message
	for _, a := range accounts {
		f := Facts{Day: &day, Events: gathered[a.ID]}
		if ag := a.Edges.Agency; ag != nil && a.Role == auth.RoleAgency {
			f.AgencyID, f.AgencyName = string(ag.ID), ag.Name
			if prefs[a.ID].Wants(LateItems) {
				f.Overdue, f.Stale = late[ag.ID].overdue, late[ag.ID].stale
			}
		}
		if len(f.Overdue) == 0 && len(f.Stale) == 0 && len(f.Events) == 0 {
			continue
		}
		ms = append(ms, Message{
			Key:      "digest/" + day.Format(time.DateOnly) + "/" + string(a.ID),
			Kind:     Digest,
			To:       Recipient{AccountID: string(a.ID), Name: a.Name, Address: a.Email},
			Language: prefs[a.ID].Language,
			Facts:    f,
		})
	}
	return ms, nil
}

type agencyLate struct{ overdue, stale []Item }

// lateItems reads, for the agencies of the accounts that want them, the
// items each leads that are overdue or stale on the day.
func lateItems(ctx context.Context, client *ent.Client, accounts []*ent.Account, prefs map[pulid.ID]Preferences, day time.Time) (map[pulid.ID]agencyLate, error) {
	var agencies []pulid.ID
	for _, a := range accounts {
		if a.Role == auth.RoleAgency && a.Edges.Agency != nil && prefs[a.ID].Wants(LateItems) {
			agencies = append(agencies, a.Edges.Agency.ID)
		}
	}
	late := map[pulid.ID]agencyLate{}
	if len(agencies) == 0 {
		return late, nil
	}
	led := actionitem.HasLeadAgencyWith(agency.IDIn(agencies...))
	overdue, err := client.ActionItem.Query().Where(led, plan.OverdueOn(day)).WithLeadAgency().
		Order(ent.Asc(actionitem.FieldDueDate), ent.Asc(actionitem.FieldCode), ent.Asc(actionitem.FieldID)).All(ctx)
	if err != nil {
		return nil, err
	}
	staleOn, err := plan.StaleFilter(ctx, client, day)
	if err != nil {
		return nil, err
	}
	stale, err := client.ActionItem.Query().Where(led, staleOn).WithLeadAgency().
		Order(ent.Asc(actionitem.FieldCode), ent.Asc(actionitem.FieldID)).All(ctx)
	if err != nil {
		return nil, err
	}
	for _, it := range overdue {
		l := late[it.Edges.LeadAgency.ID]
		l.overdue = append(l.overdue, item(it))
		late[it.Edges.LeadAgency.ID] = l
	}
	for _, it := range stale {
		l := late[it.Edges.LeadAgency.ID]
		l.stale = append(l.stale, item(it))
		late[it.Edges.LeadAgency.ID] = l
	}
	return late, nil
}

func item(it *ent.ActionItem) Item {
	return Item{ID: string(it.ID), Code: it.Code, Title: it.Title, DueDate: it.DueDate, LastReportedAt: it.LastReportedAt}
}

// gatheredEvents are the e-mails of the day before the day, for the
// accounts that chose the daily digest, in the order of the trail.
func gatheredEvents(ctx context.Context, client *ent.Client, prefs map[pulid.ID]Preferences, day time.Time) (map[pulid.ID][]Gathered, error) {
	gathering := false
	for _, p := range prefs {
		gathering = gathering || p.Delivery == GatheredDaily
	}
	gathered := map[pulid.ID][]Gathered{}
	if !gathering {
		return gathered, nil
	}
	trail, err := client.AuditEvent.Query().
		Where(auditevent.AtGTE(day.AddDate(0, 0, -1)), auditevent.AtLT(day),
			auditevent.EntityTypeIn(ent.TypeConsultation, ent.TypeObservation)).
		Order(ent.Asc(auditevent.FieldSequence)).All(ctx)
	if err != nil {
		return nil, err
	}
	for _, e := range trail {
		ps, err := forEvent(ctx, client, e)
		if err != nil {
			return nil, err
		}
		for _, p := range ps {
			if p.delivery == GatheredDaily {
				id := pulid.ID(p.To.AccountID)
				gathered[id] = append(gathered[id], Gathered{Kind: p.Kind, Facts: p.Facts})
			}
		}
	}
	return gathered, nil
}
