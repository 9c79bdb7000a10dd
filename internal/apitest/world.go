package apitest

import (
	"context"
	"testing"
	"time"

	"github.com/palabre/palabre/access"
	"github.com/palabre/palabre/auth"
	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/actionitem"
	"github.com/palabre/palabre/ent/agency"
	"github.com/palabre/palabre/ent/objective"
	"github.com/palabre/palabre/ent/strategy"
)

// World is a small, known data set: a strategy in drafting and an adopted one,
// five agencies, and one account with a token for each kind of caller.
type World struct {
	// Agencies.
	Ministry, Security, Justice, Regulator, Partner *ent.Agency
	// Draft is in drafting, hidden from the public; Adopted is public.
	Draft, Adopted *ent.Strategy
	// Objectives: DraftLegal and DraftTechnical of Draft, AdoptedCooperation of Adopted.
	DraftLegal, DraftTechnical, AdoptedCooperation *ent.Objective
	// Items of Draft: Incidents (led by Security, overdue on Today), Law (led by
	// Justice, completed), Critical (led by Security, due next year); and
	// Budapest, the one item of Adopted (led by Security).
	Incidents, Law, Critical, Budapest *ent.ActionItem
	// Tokens of each kind of caller; the public sends none.
	Admin, Secretariat, Reviewer, SecurityAgent, JusticeAgent string
}

// Today is the date the world's schedule is read against.
var Today = time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// Build loads the world into the database.
func Build(t testing.TB, client *ent.Client) *World {
	t.Helper()
	ctx := access.SystemContext(context.Background())
	w := &World{}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("building the test world: %v", err)
		}
	}
	newAgency := func(name, acronym string, kind agency.Kind) *ent.Agency {
		a, err := client.Agency.Create().SetName(name).SetAcronym(acronym).SetKind(kind).SetCountry("SN").Save(ctx)
		must(err)
		return a
	}
	w.Ministry = newAgency("Ministère de l'Économie numérique", "MEN", agency.KindMinistry)
	w.Security = newAgency("Agence nationale de la sécurité des systèmes d'information", "ANSSI", agency.KindNationalAgency)
	w.Justice = newAgency("Ministère de la Justice", "MJ", agency.KindMinistry)
	w.Regulator = newAgency("Autorité de régulation des télécommunications et des postes", "ARTP", agency.KindRegulator)
	w.Partner = newAgency("Union internationale des télécommunications", "UIT", agency.KindInternationalOrganisation)

	var err error
	w.Draft, err = client.Strategy.Create().
		SetTitle("Stratégie nationale de cybersécurité 2027-2031").SetCountry("SN").
		SetStartYear(2027).SetEndYear(2031).SetSummary("Un cyberespace sûr et résilient.").
		SetOwnerAgency(w.Ministry).Save(ctx)
	must(err)
	w.Adopted, err = client.Strategy.Create().
		SetTitle("Stratégie nationale de cybersécurité 2017-2021").SetCountry("SN").
		SetStartYear(2017).SetEndYear(2021).SetOwnerAgency(w.Ministry).
		SetStatus(strategy.StatusAdopted).Save(ctx)
	must(err)

	newObjective := func(s *ent.Strategy, code, title string, pillar objective.Pillar, pos int) *ent.Objective {
		o, err := client.Objective.Create().SetStrategy(s).SetCode(code).SetTitle(title).SetPillar(pillar).SetPosition(pos).Save(ctx)
		must(err)
		return o
	}
	w.DraftLegal = newObjective(w.Draft, "OS1", "Renforcer le cadre juridique", objective.PillarLegal, 0)
	w.DraftTechnical = newObjective(w.Draft, "OS2", "Protéger les infrastructures", objective.PillarTechnical, 1)
	w.AdoptedCooperation = newObjective(w.Adopted, "OS1", "Coopérer à l'échelle régionale", objective.PillarCooperation, 0)

	w.Incidents, err = client.ActionItem.Create().SetObjective(w.DraftTechnical).SetCode("A2.1").
		SetTitle("Créer le centre national de réponse aux incidents de sécurité").
		SetDescription("Un CERT national opérationnel en permanence.").
		SetLeadAgency(w.Security).AddSupportingAgencies(w.Justice).AddFundingPartners(w.Partner).
		SetStatus(actionitem.StatusInProgress).SetProgress(40).SetPriority(actionitem.PriorityHigh).
		SetStartDate(day("2025-01-01")).SetDueDate(day("2026-06-30")).
		SetEstimatedBudget(750_000_000).SetBudgetCurrency("XOF").Save(ctx)
	must(err)
	w.Law, err = client.ActionItem.Create().SetObjective(w.DraftLegal).SetCode("A1.1").
		SetTitle("Réviser la loi sur la cybercriminalité").
		SetLeadAgency(w.Justice).AddSupportingAgencies(w.Security).
		SetStatus(actionitem.StatusCompleted).SetProgress(100).
		SetStartDate(day("2025-01-01")).SetDueDate(day("2026-01-31")).Save(ctx)
	must(err)
	w.Critical, err = client.ActionItem.Create().SetObjective(w.DraftTechnical).SetCode("A2.2").
		SetTitle("Sécuriser les infrastructures d'importance vitale").
		SetLeadAgency(w.Security).AddSupportingAgencies(w.Regulator).AddDependsOn(w.Incidents).
		SetPriority(actionitem.PriorityHigh).SetDueDate(day("2027-12-31")).Save(ctx)
	must(err)
	w.Budapest, err = client.ActionItem.Create().SetObjective(w.AdoptedCooperation).SetCode("A1.1").
		SetTitle("Adhérer à la Convention de Budapest").
		SetLeadAgency(w.Security).SetStatus(actionitem.StatusCompleted).SetProgress(100).Save(ctx)
	must(err)

	newToken := func(name, email string, role auth.Role, agency string) string {
		_, err := access.CreateAccount(ctx, client, access.NewAccount{Name: name, Email: email, Role: role, AgencyAcronym: agency})
		must(err)
		token, _, err := access.IssueToken(ctx, client, email, "test", 0)
		must(err)
		return token
	}
	w.Admin = newToken("Aminata Sow", "admin@palabre.test", auth.RoleAdmin, "")
	w.Secretariat = newToken("Moussa Diop", "secretariat@palabre.test", auth.RoleSecretariat, "MEN")
	w.Reviewer = newToken("Fatou Ndiaye", "reviewer@palabre.test", auth.RoleReviewer, "")
	w.SecurityAgent = newToken("Ibrahima Fall", "anssi@palabre.test", auth.RoleAgency, "ANSSI")
	w.JusticeAgent = newToken("Awa Cissé", "mj@palabre.test", auth.RoleAgency, "MJ")
	return w
}
