package demo

import (
	"context"
	"fmt"

	"github.com/palabre/palabre/access"
	"github.com/palabre/palabre/auth"
	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/agency"
	"github.com/palabre/palabre/ent/schema/pulid"
)

// agencyData is one institution of the demo data.
type agencyData struct {
	Acronym string
	Name    string
	Kind    agency.Kind
	Country string
	Parent  string // acronym of the agency it reports to, listed before it; "" if none
}

// agencies are the national institutions that lead and support the plan, then
// the partners that support and fund it. Parents come before their children.
var agencies = []agencyData{
	// Ministries.
	{Acronym: "MENP", Kind: agency.KindMinistry, Country: Country,
		Name: "Ministère de l'Économie numérique et des Postes"},
	{Acronym: "MATCL", Kind: agency.KindMinistry, Country: Country,
		Name: "Ministère de l'Administration territoriale et des Collectivités locales"},
	{Acronym: "MJ", Kind: agency.KindMinistry, Country: Country,
		Name: "Ministère de la Justice, Garde des Sceaux"},
	{Acronym: "MSI", Kind: agency.KindMinistry, Country: Country,
		Name: "Ministère de la Sécurité intérieure"},
	{Acronym: "MFAD", Kind: agency.KindMinistry, Country: Country,
		Name: "Ministère des Forces armées et de la Défense"},

	// Regulators and national agencies.
	{Acronym: "ARTP", Kind: agency.KindRegulator, Country: Country,
		Name: "Autorité de régulation des télécommunications et des postes"},
	{Acronym: "CDP", Kind: agency.KindRegulator, Country: Country,
		Name: "Commission de protection des données à caractère personnel"},
	{Acronym: "ANSSI", Kind: agency.KindNationalAgency, Country: Country,
		Name: "Agence nationale de la sécurité des systèmes d'information"},
	{Acronym: "CERT-SN", Kind: agency.KindCERT, Country: Country, Parent: "ANSSI",
		Name: "Centre national de réponse aux incidents de sécurité informatique (CERT national)"},
	{Acronym: "DSC", Kind: agency.KindNationalAgency, Country: Country, Parent: "MSI",
		Name: "Division spéciale de cybersécurité de la Police nationale"},

	// Partners.
	{Acronym: "UIT", Kind: agency.KindInternationalOrganisation, Country: "CH",
		Name: "Union internationale des télécommunications"},
	{Acronym: "CEDEAO", Kind: agency.KindInternationalOrganisation, Country: "NG",
		Name: "Commission de la Communauté économique des États de l'Afrique de l'Ouest"},
	{Acronym: "UE", Kind: agency.KindInternationalOrganisation, Country: "BE",
		Name: "Délégation de l'Union européenne"},
	{Acronym: "ESP", Kind: agency.KindAcademia, Country: Country,
		Name: "École supérieure polytechnique de l'Université nationale"},
	{Acronym: "OPTIC", Kind: agency.KindPrivateSector, Country: Country,
		Name: "Organisation des professionnels des technologies de l'information et de la communication"},
	{Acronym: "MTND-CI", Kind: agency.KindMinistry, Country: "CI",
		Name: "Ministère de la Transition numérique et de la Digitalisation de Côte d'Ivoire"},
	{Acronym: "ISOC-SN", Kind: agency.KindCivilSociety, Country: Country,
		Name: "Chapitre national de l'Internet Society"},
}

// accountData is a demo account; one API token is issued for each.
type accountData struct {
	Name   string
	Email  string
	Role   auth.Role
	Agency string // acronym; required for the agency role
}

// accounts hold one account per role, and agency focal points for two agencies.
var accounts = []accountData{
	{Name: "Mamadou Diallo", Email: "mamadou.diallo@numerique.gouv.example", Role: auth.RoleAdmin},
	{Name: "Awa Diop", Email: "awa.diop@numerique.gouv.example", Role: auth.RoleSecretariat, Agency: "MENP"},
	{Name: "Fatou Sarr Ndiaye", Email: "fatou.ndiaye@sgg.gouv.example", Role: auth.RoleReviewer},
	{Name: "Ibrahima Fall", Email: "ibrahima.fall@anssi.gouv.example", Role: auth.RoleAgency, Agency: "ANSSI"},
	{Name: "Aïssatou Cissé", Email: "aissatou.cisse@justice.gouv.example", Role: auth.RoleAgency, Agency: "MJ"},
	{Name: "Chérif Mbaye", Email: "cherif.mbaye@artp.gouv.example", Role: auth.RoleAgency, Agency: "ARTP"},
}

// loadAgencies stores the agencies and returns their IDs by acronym.
func loadAgencies(ctx context.Context, c *ent.Client, rows []agencyData) (map[string]pulid.ID, error) {
	ids := make(map[string]pulid.ID, len(rows))
	for _, a := range rows {
		create := c.Agency.Create().
			SetName(a.Name).
			SetAcronym(a.Acronym).
			SetKind(a.Kind).
			SetCountry(a.Country)
		if a.Parent != "" {
			parent, ok := ids[a.Parent]
			if !ok {
				return nil, fmt.Errorf("demo: agency %s: parent %s is not listed before it", a.Acronym, a.Parent)
			}
			create.SetParentID(parent)
		}
		created, err := create.Save(ctx)
		if err != nil {
			return nil, fmt.Errorf("demo: agency %s: %w", a.Acronym, err)
		}
		ids[a.Acronym] = created.ID
	}
	return ids, nil
}

// loadAccounts stores the accounts and one API token for each, and returns the
// tokens in clear; only their hashes are stored.
func loadAccounts(ctx context.Context, c *ent.Client, rows []accountData, agencyIDs map[string]pulid.ID) ([]AccountToken, error) {
	tokens := make([]AccountToken, 0, len(rows))
	for _, a := range rows {
		account := access.NewAccount{Name: a.Name, Email: a.Email, Role: a.Role}
		if a.Agency != "" {
			id, ok := agencyIDs[a.Agency]
			if !ok {
				return nil, fmt.Errorf("demo: account %s: unknown agency %s", a.Email, a.Agency)
			}
			account.AgencyID = &id
		}
		acc, err := access.CreateAccount(ctx, c, account)
		if err != nil {
			return nil, fmt.Errorf("demo: account %s: %w", a.Email, err)
		}
		token, _, err := access.IssueTokenFor(ctx, c, acc.ID, TokenLabel, 0)
		if err != nil {
			return nil, fmt.Errorf("demo: token of %s: %w", a.Email, err)
		}
		tokens = append(tokens, AccountToken{
			AccountID: acc.ID,
			Name:      a.Name,
			Email:     a.Email,
			Role:      a.Role,
			Agency:    a.Agency,
			Token:     token,
		})
	}
	return tokens, nil
}
