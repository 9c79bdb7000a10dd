// Package demo loads a realistic demonstration data set: the agencies of a
// fictional but plausible West African country (ISO code SN) and its partners,
// one account per role with an API token, the national cybersecurity strategy
// 2022-2026 in validation (six objectives over the five pillars of the ITU
// Global Cybersecurity Index, twenty-nine action items, indicators and
// measurements), the adopted strategy 2017-2021 that it follows, and two
// cooperation agreements (agreements.go): a bilateral MoU with Côte d'Ivoire
// and a multi-party agreement with the ITU and civil society, with pilots.
//
// The content is French, as the people who would use it write it. It lives in
// tables of structs: agencies.go for the institutions and accounts,
// strategies.go for the two strategies; load.go turns those tables into rows.
//
// Seed is what `palabre serve --seed-demo` (make run) calls on a fresh database;
// tests use it for a world larger than their own fixtures.
package demo

import (
	"context"
	"errors"
	"fmt"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/access"
	"github.com/palabre/palabre/auth"
	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/account"
	"github.com/palabre/palabre/ent/agency"
	"github.com/palabre/palabre/ent/schema/pulid"
	"github.com/palabre/palabre/ent/strategy"
)

// Country is the ISO 3166-1 alpha-2 code of the country of the demo data.
const Country = "SN"

// TokenLabel is the label of the API tokens Seed issues.
const TokenLabel = "démo"

// Result is what Seed stored that a caller may want to use: the plaintext
// tokens, to be shown once, and the identifiers of the main entities.
type Result struct {
	// StrategyID is the main strategy, « Stratégie nationale de cybersécurité
	// 2022-2026 », in VALIDATION, with no implementing agency.
	StrategyID pulid.ID
	// PreviousStrategyID is the strategy 2017-2021, ADOPTED, the one the public
	// can read.
	PreviousStrategyID pulid.ID
	// Agencies maps each demo agency's acronym (« MENP », « ANSSI », « MJ »,
	// « CERT-SN », « UIT »…) to its ID.
	Agencies map[string]pulid.ID
	// Objectives maps the codes of the main strategy's objectives (« OS1 »…
	// « OS6 ») to their IDs.
	Objectives map[string]pulid.ID
	// ActionItems maps the codes of the main strategy's action items
	// (« A1.1 »… « A6.3 ») to their IDs.
	ActionItems map[string]pulid.ID
	// PreviousActionItems maps the codes of the previous strategy's action
	// items (« A1.1 »… « A2.2 ») to their IDs.
	PreviousActionItems map[string]pulid.ID
	// Tokens holds one plaintext API token per demo account, in the order
	// admin, secretariat, reviewer, then the agency accounts. Only their hashes
	// are stored: this is the one time they can be read.
	Tokens []AccountToken
	// ConsultationID is the open round on the current strategy's first
	// version, which holds an observation in every state.
	ConsultationID pulid.ID
	// Agreements maps the references of the demo agreements (« MoU
	// SN-CI/2025/03 », the bilateral MoU in force; « ACC/UIT-SN/2026/01 », the
	// multi-party agreement with the ITU and civil society) to their IDs.
	Agreements map[string]pulid.ID
}

// AccountToken is a demo account and its plaintext API token.
type AccountToken struct {
	AccountID pulid.ID
	Name      string
	Email     string
	Role      auth.Role
	Agency    string // acronym of the account's agency, "" if it has none
	Token     string // plaintext bearer token, « plb_… »
}

// Seed loads the demo data in one transaction: either all of it is stored, or
// nothing is. It runs as the system, whatever the viewer of ctx.
//
// Seeding a database that already holds the demo data (or any agency, account
// or strategy it would collide with) stores nothing and returns a
// palabre.ECONFLICT error.
func Seed(ctx context.Context, client *ent.Client) (_ *Result, err error) {
	ctx = access.AsSystem(ctx, "seeding the demo data")
	tx, err := client.Tx(ctx)
	if err != nil {
		return nil, fmt.Errorf("demo: %w", err)
	}
	committed := false
	defer func() {
		if err != nil && !committed {
			if rerr := tx.Rollback(); rerr != nil {
				err = errors.Join(err, fmt.Errorf("demo: rolling back: %w", rerr))
			}
		}
	}()
	c := tx.Client()
	if err := checkNotSeeded(ctx, c); err != nil {
		return nil, err
	}
	res := &Result{}
	if res.Agencies, err = loadAgencies(ctx, c, agencies); err != nil {
		return nil, err
	}
	if res.Tokens, err = loadAccounts(ctx, c, accounts, res.Agencies); err != nil {
		return nil, err
	}
	current, err := loadStrategy(ctx, c, currentStrategy, res.Agencies)
	if err != nil {
		return nil, err
	}
	res.StrategyID, res.Objectives, res.ActionItems = current.id, current.objectives, current.items
	previous, err := loadStrategy(ctx, c, previousStrategy, res.Agencies)
	if err != nil {
		return nil, err
	}
	res.PreviousStrategyID, res.PreviousActionItems = previous.id, previous.items
	if err := loadRound(ctx, c, res); err != nil {
		return nil, err
	}
	if res.Agreements, err = loadAgreements(ctx, c, res.Agencies); err != nil {
		return nil, err
	}
	if err := linkStrategyItems(ctx, c, res); err != nil {
		return nil, err
	}
	if err := loadCommittees(ctx, c, res.Agencies, res.Agreements); err != nil {
		return nil, err
	}
	committed = true // a failed commit ends the transaction too
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("demo: committing: %w", err)
	}
	return res, nil
}

// checkNotSeeded refuses to load the demo data over rows it would duplicate or
// collide with: the strategies, the agencies' acronyms, the accounts' e-mails.
func checkNotSeeded(ctx context.Context, c *ent.Client) error {
	for _, s := range []strategyData{currentStrategy, previousStrategy} {
		n, err := c.Strategy.Query().Where(strategy.Title(s.Title), strategy.Country(Country)).Count(ctx)
		if err != nil {
			return fmt.Errorf("demo: %w", err)
		}
		if n > 0 {
			return palabre.Errorf(palabre.ECONFLICT, "the demo data is already loaded: the strategy « %s » exists", s.Title)
		}
	}
	acronyms := make([]string, len(agencies))
	for i, a := range agencies {
		acronyms[i] = a.Acronym
	}
	taken, err := c.Agency.Query().Where(agency.AcronymIn(acronyms...)).Select(agency.FieldAcronym).Strings(ctx)
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	if len(taken) > 0 {
		return palabre.Errorf(palabre.ECONFLICT, "cannot load the demo data: agencies with the acronyms %v already exist", taken)
	}
	emails := make([]string, len(accounts))
	for i, a := range accounts {
		emails[i] = a.Email
	}
	taken, err = c.Account.Query().Where(account.EmailIn(emails...)).Select(account.FieldEmail).Strings(ctx)
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	if len(taken) > 0 {
		return palabre.Errorf(palabre.ECONFLICT, "cannot load the demo data: accounts with the e-mails %v already exist", taken)
	}
	return nil
}
