package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/palabre/palabre/auth"
	"github.com/palabre/palabre/clock"
	"github.com/palabre/palabre/consultation"
	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/observation"
	"github.com/palabre/palabre/ent/schema/pulid"
	"github.com/palabre/palabre/versions"
)

// roundObservation is one observation of the demo round and what became of it.
type roundObservation struct {
	Agency     string // acronym of the agency account that writes it
	TargetKind observation.TargetKind
	TargetCode string // objective or item code; "" for the whole strategy
	Kind       observation.Kind
	Body       string
	Proposed   string
	Status     observation.Status // where it ends up
	Response   string
}

// demoRound is open now, on the first published version of the current
// strategy, and holds an observation in every state.
var demoRound = []roundObservation{
	{"ANSSI", observation.TargetKindActionItem, "A2.1", observation.KindAmendment,
		"Le Conseil doit compter l'ANSSI parmi ses membres permanents.",
		"Créer le Conseil national de cybersécurité, dont l'ANSSI est membre permanent, et adopter son règlement intérieur.", observation.StatusAccepted, ""},
	{"MJ", observation.TargetKindObjective, "OS1", observation.KindComment,
		"La révision du code pénal doit précéder la loi sur la protection des données.",
		"", observation.StatusPartiallyAccepted, "Le calendrier est revu ; les deux textes seront préparés en parallèle."},
	{"ARTP", observation.TargetKindStrategy, "", observation.KindObjection,
		"Le rattachement de l'agence nationale à la Présidence n'a pas été concerté avec le régulateur.",
		"", observation.StatusRejected, "Le rattachement relève de l'atelier de validation, où l'ARTP est invitée."},
	{"ARTP", observation.TargetKindActionItem, "A4.1", observation.KindQuestion,
		"Qui finance la couverture de la campagne par les radios communautaires ?",
		"", observation.StatusOutOfScope, "Le financement des médias communautaires relève du ministère de la Communication, pas de la stratégie."},
	{"MJ", observation.TargetKindStrategy, "", observation.KindSupport,
		"Le ministère de la Justice soutient l'ensemble de la stratégie.", "", observation.StatusSubmitted, ""},
	{"ANSSI", observation.TargetKindObjective, "OS3", observation.KindComment,
		"Ajouter un indicateur sur le nombre d'experts certifiés.", "", observation.StatusDraft, ""},
	{"MJ", observation.TargetKindActionItem, "A1.1", observation.KindQuestion,
		"Le décret d'application est-il prévu en 2025 ?", "", observation.StatusWithdrawn, ""},
}

// loadRound publishes the current strategy's first version and holds a round
// on it, with observations written and answered through the same workflow as
// the API: each agency's through its own account, answers by the secretariat.
func loadRound(ctx context.Context, c *ent.Client, res *Result) error {
	viewer := func(role auth.Role, acronym string) context.Context {
		for _, t := range res.Tokens {
			if t.Role == role && (acronym == "" || t.Agency == acronym) {
				v := &auth.Viewer{AccountID: t.AccountID, Role: role}
				if acronym != "" {
					v.AgencyID = res.Agencies[acronym]
				}
				return auth.NewContext(ctx, v)
			}
		}
		panic("demo: no account for " + string(role) + " " + acronym)
	}
	secretariat := viewer(auth.RoleSecretariat, "")
	version, err := versions.Publish(secretariat, c, res.StrategyID, "Projet soumis à consultation", "Première version publiée.")
	if err != nil {
		return fmt.Errorf("demo: publishing: %w", err)
	}
	now, dakar := clock.Now(ctx), "Dakar"
	round, err := consultation.PlanRound(secretariat, c, ent.CreateConsultationInput{
		Title: "Consultation des ministères et régulateurs", Kind: "WRITTEN", Place: &dakar,
		OpensAt: now.Add(-7 * 24 * time.Hour), ClosesAt: now.Add(21 * 24 * time.Hour), VersionID: version.ID,
		InvitedAgencyIDs: []pulid.ID{res.Agencies["ANSSI"], res.Agencies["MJ"], res.Agencies["ARTP"], res.Agencies["MSI"], res.Agencies["MFAD"]},
	})
	if err != nil {
		return fmt.Errorf("demo: planning the round: %w", err)
	}
	res.ConsultationID = round.ID
	for _, o := range demoRound {
		agencyCtx := viewer(auth.RoleAgency, o.Agency)
		s := consultation.Submission{ConsultationID: round.ID, TargetKind: o.TargetKind, Kind: o.Kind, Body: o.Body,
			ProposedText: o.Proposed, Draft: o.Status == observation.StatusDraft}
		if o.TargetCode != "" {
			id := res.Objectives[o.TargetCode]
			if o.TargetKind == observation.TargetKindActionItem {
				id = res.ActionItems[o.TargetCode]
			}
			s.TargetID = &id
		}
		obs, err := consultation.Submit(agencyCtx, c, s)
		if err != nil {
			return fmt.Errorf("demo: observation of %s on %s: %w", o.Agency, o.TargetCode, err)
		}
		switch {
		case o.Status == observation.StatusWithdrawn:
			_, err = consultation.Withdraw(agencyCtx, c, obs.ID)
		case consultation.Answered(o.Status):
			_, err = consultation.AnswerObservation(secretariat, c, obs.ID, consultation.Answer{Disposition: o.Status, Response: o.Response})
		}
		if err != nil {
			return fmt.Errorf("demo: observation of %s on %s: %w", o.Agency, o.TargetCode, err)
		}
	}
	return nil
}
