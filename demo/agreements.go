package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/actionitem"
	"github.com/palabre/palabre/ent/agreement"
	"github.com/palabre/palabre/ent/agreementparty"
	"github.com/palabre/palabre/ent/commitment"
	"github.com/palabre/palabre/ent/schema/pulid"
)

// domains are the administrators' vocabulary of cooperation domains.
var domains = []string{
	"Cybersécurité", "Protection des données", "Sécurité de l'Internet des objets",
	"Gouvernance numérique", "Administration électronique", "Compétences numériques",
	"Archives", "Innovation",
}

// agreementData is one agreement of the demo data, as its parties signed it.
type agreementData struct {
	Kind             agreement.Kind
	Title, Reference string
	Summary          string
	SignedOn         string // YYYY-MM-DD, "" if not signed
	SigningPlace     string
	EntryIntoForceOn string
	DurationMonths   int
	TacitRenewal     bool
	Status           agreement.Status
	Confidential     bool
	Domains          []string
	Parties          []partyData
	Commitments      []commitmentData
}

type partyData struct {
	Agency           string
	Role             agreementparty.Role
	Signatory, Title string
}

type commitmentData struct {
	Code, Title string
	Kind        commitment.Kind
	Responsible []string
	Due         string
	Items       []agreementItemData
}

type agreementItemData struct {
	Code, Title string
	Lead        string
	Supporting  []string
	Status      actionitem.Status
	Progress    int
	Start, Due  string
	Budget      int64
	Currency    string
	Pilot       bool
}

// agreements are a bilateral MoU with Côte d'Ivoire, in force, with a pilot,
// a multi-party cooperation agreement with the ITU and civil society, and a
// confidential protocol that only its parties (and the secretariat and
// reviewers) read.
var agreements = []agreementData{
	{
		Kind:      agreement.KindMemorandumOfUnderstanding,
		Title:     "Mémorandum d'entente entre le Sénégal et la Côte d'Ivoire sur la cybersécurité et la confiance numérique",
		Reference: "MoU SN-CI/2025/03",
		Summary: "Les deux gouvernements coopèrent pour la réponse aux incidents, la protection des données et " +
			"la formation des experts ; un comité de coordination bilatéral suit la mise en œuvre.",
		SignedOn: "2025-03-12", SigningPlace: "Abidjan", EntryIntoForceOn: "2025-04-01", DurationMonths: 36, TacitRenewal: true,
		Status:  agreement.StatusInForce,
		Domains: []string{"Cybersécurité", "Protection des données", "Compétences numériques"},
		Parties: []partyData{
			{Agency: "MENP", Role: agreementparty.RoleSignatory, Signatory: "Moussa Bocar Thiam", Title: "Ministre de l'Économie numérique et des Postes"},
			{Agency: "MTND-CI", Role: agreementparty.RoleSignatory, Signatory: "Ibrahim Kalil Konaté", Title: "Ministre de la Transition numérique et de la Digitalisation"},
			{Agency: "ANSSI", Role: agreementparty.RoleImplementingPartner},
			{Agency: "CDP", Role: agreementparty.RoleImplementingPartner},
		},
		Commitments: []commitmentData{
			{Code: "E1", Title: "Partager l'expertise en réponse aux incidents entre les CERT nationaux", Kind: commitment.KindShareExpertise,
				Responsible: []string{"ANSSI"}, Due: "2026-12-31",
				Items: []agreementItemData{
					{Code: "A1.1", Title: "Mettre en place un canal chiffré d'échange d'indicateurs de compromission entre CERT", Lead: "CERT-SN",
						Supporting: []string{"ANSSI"}, Status: actionitem.StatusCompleted, Progress: 100, Start: "2025-05-01", Due: "2025-10-31"},
					{Code: "A1.2", Title: "Exercice conjoint de gestion de crise cyber", Lead: "ANSSI", Supporting: []string{"CERT-SN", "DSC"},
						Status: actionitem.StatusDelayed, Progress: 30, Start: "2025-09-01", Due: "2026-06-30", Budget: 45_000_000, Currency: "XOF"},
				}},
			{Code: "E2", Title: "Former conjointement les agents des autorités de protection des données", Kind: commitment.KindTrain,
				Responsible: []string{"CDP"}, Due: "2027-03-31",
				Items: []agreementItemData{
					{Code: "A2.1", Title: "Programme pilote de formation croisée des contrôleurs de la protection des données", Lead: "CDP",
						Supporting: []string{"ANSSI"}, Status: actionitem.StatusInProgress, Progress: 50, Start: "2026-01-15", Due: "2026-12-15",
						Budget: 30_000_000, Currency: "XOF", Pilot: true},
				}},
		},
	},
	{
		Kind:      agreement.KindCooperationAgreement,
		Title:     "Accord de coopération pour la sécurité de l'Internet des objets et les compétences numériques",
		Reference: "ACC/UIT-SN/2026/01",
		Summary: "L'UIT finance et accompagne un programme de sécurisation des objets connectés et de formation " +
			"des jeunes, mis en œuvre avec l'ARTP, l'École supérieure polytechnique et le chapitre national de l'Internet Society.",
		SignedOn: "2026-02-20", SigningPlace: "Genève",
		Status:  agreement.StatusSigned,
		Domains: []string{"Sécurité de l'Internet des objets", "Compétences numériques", "Innovation"},
		Parties: []partyData{
			{Agency: "MENP", Role: agreementparty.RoleSignatory, Signatory: "Moussa Bocar Thiam", Title: "Ministre de l'Économie numérique et des Postes"},
			{Agency: "UIT", Role: agreementparty.RoleFunder, Signatory: "Cosmas Luckyson Zavazava", Title: "Directeur du Bureau de développement des télécommunications"},
			{Agency: "ARTP", Role: agreementparty.RoleImplementingPartner},
			{Agency: "ESP", Role: agreementparty.RoleImplementingPartner},
			{Agency: "ISOC-SN", Role: agreementparty.RoleImplementingPartner},
			{Agency: "CEDEAO", Role: agreementparty.RoleObserver},
		},
		Commitments: []commitmentData{
			{Code: "E1", Title: "Financer un laboratoire d'évaluation de la sécurité des objets connectés", Kind: commitment.KindFund,
				Responsible: []string{"UIT"},
				Items: []agreementItemData{
					{Code: "A1.1", Title: "Laboratoire pilote de certification des objets connectés à l'ESP", Lead: "ARTP",
						Supporting: []string{"ESP"}, Status: actionitem.StatusNotStarted, Start: "2026-06-01", Due: "2027-12-31",
						Budget: 400_000, Currency: "USD", Pilot: true},
				}},
			{Code: "E2", Title: "Co-organiser des ateliers de sensibilisation et de formation des jeunes", Kind: commitment.KindCoOrganiseEvents,
				Responsible: []string{"ISOC-SN", "ESP"},
				Items: []agreementItemData{
					{Code: "A2.1", Title: "Douze ateliers régionaux « Objets connectés, objets protégés »", Lead: "ISOC-SN",
						Supporting: []string{"ARTP"}, Status: actionitem.StatusInProgress, Progress: 25, Start: "2026-03-01", Due: "2026-10-31"},
				}},
		},
	},
	{
		Kind:      agreement.KindProtocol,
		Title:     "Protocole d'échange d'informations sur les menaces entre la défense et l'agence nationale",
		Reference: "PROT/MFAD-ANSSI/2026/02",
		Summary:   "Les modalités d'échange d'informations classifiées sur les menaces visant les infrastructures d'importance vitale.",
		Status:    agreement.StatusNegotiation, Confidential: true,
		Domains: []string{"Cybersécurité"},
		Parties: []partyData{
			{Agency: "MFAD", Role: agreementparty.RoleSignatory},
			{Agency: "ANSSI", Role: agreementparty.RoleSignatory},
		},
		Commitments: []commitmentData{
			{Code: "E1", Title: "Désigner des officiers de liaison habilités", Kind: commitment.KindOther,
				Responsible: []string{"MFAD", "ANSSI"},
				Items: []agreementItemData{
					{Code: "A1.1", Title: "Habiliter deux officiers de liaison de part et d'autre", Lead: "ANSSI",
						Supporting: []string{"MFAD"}, Status: actionitem.StatusNotStarted, Due: "2026-09-30"},
				}},
		},
	},
}

// loadAgreements stores the domains and the agreements, with their parties,
// commitments and items, and returns the agreements' IDs by reference.
func loadAgreements(ctx context.Context, c *ent.Client, agencies map[string]pulid.ID) (map[string]pulid.ID, error) {
	domainIDs := map[string]pulid.ID{}
	for _, name := range domains {
		d, err := c.Domain.Create().SetName(name).Save(ctx)
		if err != nil {
			return nil, fmt.Errorf("demo: domain %s: %w", name, err)
		}
		domainIDs[name] = d.ID
	}
	day := func(s string) *time.Time {
		if s == "" {
			return nil
		}
		t, err := time.Parse("2006-01-02", s)
		if err != nil {
			panic(err)
		}
		return &t
	}
	ids := map[string]pulid.ID{}
	for _, a := range agreements {
		create := c.Agreement.Create().SetKind(a.Kind).SetTitle(a.Title).SetReference(a.Reference).SetSummary(a.Summary).
			SetNillableSignedOn(day(a.SignedOn)).SetSigningPlace(a.SigningPlace).SetNillableEntryIntoForceOn(day(a.EntryIntoForceOn)).
			SetTacitRenewal(a.TacitRenewal).SetStatus(a.Status).SetConfidential(a.Confidential)
		if a.DurationMonths > 0 {
			create.SetDurationMonths(a.DurationMonths)
		}
		for _, d := range a.Domains {
			create.AddDomainIDs(domainIDs[d])
		}
		saved, err := create.Save(ctx)
		if err != nil {
			return nil, fmt.Errorf("demo: agreement %s: %w", a.Reference, err)
		}
		ids[a.Reference] = saved.ID
		for _, p := range a.Parties {
			if err := c.AgreementParty.Create().SetAgreementID(saved.ID).SetAgencyID(agencies[p.Agency]).SetRole(p.Role).
				SetSignatoryName(p.Signatory).SetSignatoryTitle(p.Title).Exec(ctx); err != nil {
				return nil, fmt.Errorf("demo: party %s to %s: %w", p.Agency, a.Reference, err)
			}
		}
		for i, cm := range a.Commitments {
			create := c.Commitment.Create().SetAgreementID(saved.ID).SetCode(cm.Code).SetTitle(cm.Title).SetKind(cm.Kind).
				SetPosition(i).SetNillableDueDate(day(cm.Due))
			for _, r := range cm.Responsible {
				create.AddResponsiblePartyIDs(agencies[r])
			}
			duty, err := create.Save(ctx)
			if err != nil {
				return nil, fmt.Errorf("demo: commitment %s of %s: %w", cm.Code, a.Reference, err)
			}
			for _, it := range cm.Items {
				item := c.ActionItem.Create().SetCommitmentID(duty.ID).SetCode(it.Code).SetTitle(it.Title).
					SetLeadAgencyID(agencies[it.Lead]).SetStatus(it.Status).SetProgress(it.Progress).SetPilot(it.Pilot).
					SetNillableStartDate(day(it.Start)).SetNillableDueDate(day(it.Due))
				for _, s := range it.Supporting {
					item.AddSupportingAgencyIDs(agencies[s])
				}
				if it.Budget > 0 {
					item.SetEstimatedBudget(it.Budget).SetBudgetCurrency(it.Currency)
				}
				if err := item.Exec(ctx); err != nil {
					return nil, fmt.Errorf("demo: item %s of %s: %w", it.Code, a.Reference, err)
				}
			}
		}
	}
	return ids, nil
}

// linkStrategyItems records that items of the current strategy also
// implement commitments of agreements: the national CERT (A3.1) carries out
// the MoU's incident-response cooperation (E1).
func linkStrategyItems(ctx context.Context, c *ent.Client, res *Result) error {
	duty, err := c.Commitment.Query().Where(
		commitment.Code("E1"), commitment.HasAgreementWith(agreement.ID(res.Agreements["MoU SN-CI/2025/03"])),
	).OnlyID(ctx)
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	if err := c.ActionItem.UpdateOneID(res.ActionItems["A3.1"]).SetImplementsID(duty).Exec(ctx); err != nil {
		return fmt.Errorf("demo: linking A3.1 to the MoU: %w", err)
	}
	return nil
}
