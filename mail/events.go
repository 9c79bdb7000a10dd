package mail

import (
	"context"
	"encoding/json"
	"time"

	"github.com/palabre/palabre/access"
	"github.com/palabre/palabre/audit"
	"github.com/palabre/palabre/auth"
	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/account"
	"github.com/palabre/palabre/ent/agency"
	entconsultation "github.com/palabre/palabre/ent/consultation"
	"github.com/palabre/palabre/ent/observation"
	"github.com/palabre/palabre/ent/predicate"
	"github.com/palabre/palabre/ent/schema/pulid"
	"github.com/palabre/palabre/events"
)

// ForEvent returns the e-mails an audit event causes, one per account, for
// the accounts that want them at once: a round opened (to the accounts of
// the invited agencies), an observation answered (to its agency's accounts),
// a closed round's last observation answered, a round closed with every
// observation answered, or a round consolidated (to the secretariat). The
// recipients are read now, as the records stand (the outbox calls it when
// it fans the event out); the account that made the change is never told of
// it, nor a disabled account. Accounts that chose the daily digest get the
// event in their next digest instead (DailyDigest).
func ForEvent(ctx context.Context, client *ent.Client, event *ent.AuditEvent) ([]Message, error) {
	planned, err := forEvent(ctx, client, event)
	if err != nil {
		return nil, err
	}
	var ms []Message
	for _, p := range planned {
		if p.delivery == Immediate {
			ms = append(ms, p.Message)
		}
	}
	return ms, nil
}

// planned is an event's e-mail to an account, and when the account wants it.
type planned struct {
	Message
	delivery Delivery
}

func forEvent(ctx context.Context, client *ent.Client, e *ent.AuditEvent) ([]planned, error) {
	ev, ok := events.Classify(e)
	if !ok {
		return nil, nil
	}
	ctx = access.AsSystem(ctx, "finding who an event's e-mail goes to")
	var out []planned
	add := func(kind Kind, f Facts, accounts []*ent.Account) error {
		ps, err := address(ctx, client, e, kind, f, accounts)
		out = append(out, ps...)
		return err
	}
	switch ev.Kind {
	case events.RoundOpened:
		round, err := loadRound(ctx, client, ev.SubjectID)
		if err != nil || round == nil {
			return nil, err
		}
		invited, err := client.Account.Query().
			Where(account.RoleEQ(auth.RoleAgency), account.HasAgencyWith(agency.HasConsultationsWith(entconsultation.ID(round.ID)))).
			Order(ent.Asc(account.FieldID)).All(ctx)
		if err != nil {
			return nil, err
		}
		return out, add(RoundOpened, roundFacts(round), invited)
	case events.ObservationAnswered:
		o, err := client.Observation.Query().Where(observation.ID(ev.SubjectID)).
			WithAgency().WithConsultation(func(q *ent.ConsultationQuery) { q.WithStrategy() }).Only(ctx)
		if ent.IsNotFound(err) {
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		f := roundFacts(o.Edges.Consultation)
		f.AgencyID, f.AgencyName = string(o.Edges.Agency.ID), o.Edges.Agency.Name
		f.Target = target(o)
		f.Disposition = answeredAs(e, o)
		own, err := client.Account.Query().
			Where(account.RoleEQ(auth.RoleAgency), account.HasAgencyWith(agency.ID(o.Edges.Agency.ID))).
			Order(ent.Asc(account.FieldID)).All(ctx)
		if err != nil {
			return nil, err
		}
		if err := add(ObservationAnswered, f, own); err != nil {
			return nil, err
		}
		last, err := lastAnswer(ctx, client, o.Edges.Consultation, o, e.At)
		if err != nil || !last {
			return out, err
		}
		return out, addSecretariat(ctx, client, roundFacts(o.Edges.Consultation), add)
	case events.RoundClosed:
		round, err := loadRound(ctx, client, ev.SubjectID)
		if err != nil || round == nil {
			return nil, err
		}
		// Told when the round closes with every observation submitted
		// until then answered.
		submitted, err := round.QueryObservations().
			Where(observation.SubmittedAtLTE(e.At), observation.StatusNEQ(observation.StatusWithdrawn)).Exist(ctx)
		if err != nil || !submitted {
			return nil, err
		}
		if waiting, err := round.QueryObservations().Where(waitingAt(e.At)).Exist(ctx); err != nil || waiting {
			return nil, err
		}
		return out, addSecretariat(ctx, client, roundFacts(round), add)
	case events.RoundConsolidated:
		round, err := loadRound(ctx, client, ev.SubjectID)
		if err != nil || round == nil {
			return nil, err
		}
		f := roundFacts(round)
		f.Consolidated = true
		return out, addSecretariat(ctx, client, f, add)
	}
	return nil, nil
}

func addSecretariat(ctx context.Context, client *ent.Client, f Facts, add func(Kind, Facts, []*ent.Account) error) error {
	secretariat, err := client.Account.Query().Where(account.RoleEQ(auth.RoleSecretariat)).
		Order(ent.Asc(account.FieldID)).All(ctx)
	if err != nil {
		return err
	}
	return add(RoundCompleted, f, secretariat)
}

// address makes the e-mail of an event for each account that wants its
// kind: not the event's author, not a disabled account.
func address(ctx context.Context, client *ent.Client, e *ent.AuditEvent, kind Kind, f Facts, accounts []*ent.Account) ([]planned, error) {
	prefs, err := preferencesOf(ctx, client, accounts)
	if err != nil {
		return nil, err
	}
	var out []planned
	for _, a := range accounts {
		p := prefs[a.ID]
		if a.Disabled || string(a.ID) == e.ActorID || !p.Wants(kind) {
			continue
		}
		out = append(out, planned{
			Message: Message{
				Key:      string(e.ID) + "/" + string(a.ID),
				Kind:     kind,
				To:       Recipient{AccountID: string(a.ID), Name: a.Name, Address: a.Email},
				Language: p.Language,
				Facts:    f,
			},
			delivery: p.Delivery,
		})
	}
	return out, nil
}

func loadRound(ctx context.Context, client *ent.Client, id pulid.ID) (*ent.Consultation, error) {
	c, err := client.Consultation.Query().Where(entconsultation.ID(id)).WithStrategy().Only(ctx)
	if ent.IsNotFound(err) {
		return nil, nil
	}
	return c, err
}

func roundFacts(c *ent.Consultation) Facts {
	f := Facts{RoundID: string(c.ID), RoundTitle: c.Title}
	closes := c.ClosesAt.UTC()
	f.ClosesAt = &closes
	if c.Edges.Strategy != nil {
		f.StrategyTitle = c.Edges.Strategy.Title
	}
	return f
}

// target names what an observation is about: its code and title in the
// consulted version, or the strategy's title for the whole strategy.
func target(o *ent.Observation) string {
	switch {
	case o.TargetCode != "" && o.TargetTitle != "":
		return o.TargetCode + " " + o.TargetTitle
	case o.TargetTitle != "":
		return o.TargetTitle
	case o.Edges.Consultation != nil && o.Edges.Consultation.Edges.Strategy != nil:
		return o.Edges.Consultation.Edges.Strategy.Title
	}
	return o.TargetCode
}

// answeredAs is the disposition the event gave (a later answer may differ).
func answeredAs(e *ent.AuditEvent, o *ent.Observation) string {
	var changes map[string]audit.Change
	if json.Unmarshal([]byte(e.Changes), &changes) == nil {
		if s, ok := changes[observation.FieldStatus].After.(string); ok {
			return s
		}
	}
	return string(o.Status)
}

// lastAnswer reports whether the answer to o given at `at` completed a
// closed round: the round was closed then, no other submitted observation
// waited for an answer then, and no answer came after it (so a round's
// completion is told once, however late the event is fanned out).
func lastAnswer(ctx context.Context, client *ent.Client, round *ent.Consultation, o *ent.Observation, at time.Time) (bool, error) {
	if round.ClosesAt.After(at) {
		return false, nil
	}
	others := round.QueryObservations().Where(observation.IDNEQ(o.ID))
	if waiting, err := others.Clone().Where(waitingAt(at)).Exist(ctx); err != nil || waiting {
		return false, err
	}
	later, err := others.Where(observation.RespondedAtGT(at)).Exist(ctx)
	return !later, err
}

// waitingAt matches the observations submitted and not answered at `at`.
func waitingAt(at time.Time) predicate.Observation {
	return observation.And(observation.SubmittedAtLTE(at), observation.StatusNEQ(observation.StatusWithdrawn),
		observation.Or(observation.RespondedAtIsNil(), observation.RespondedAtGT(at)))
}
