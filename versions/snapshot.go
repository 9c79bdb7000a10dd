// Package versions publishes, compares and checks the versions of a strategy:
// immutable snapshots of its whole content as canonical JSON, with their SHA-256.
package versions

import (
	"encoding/json"

	"github.com/palabre/palabre/ent/schema/pulid"
)

// Snapshot is the content of a version. Its JSON encoding is canonical: struct
// fields in a fixed order, lists in a fixed order (objectives by position then
// code, items by code, agencies by acronym), so the same content always hashes
// the same.
type Snapshot struct {
	Strategy   StrategyDoc    `json:"strategy"`
	Objectives []ObjectiveDoc `json:"objectives"`
}

// StrategyDoc is the strategy itself in a snapshot.
type StrategyDoc struct {
	ID                 pulid.ID   `json:"id"`
	Title              string     `json:"title"`
	Country            string     `json:"country"`
	StartYear          int        `json:"startYear"`
	EndYear            int        `json:"endYear"`
	Summary            string     `json:"summary"`
	OwnerAgency        AgencyRef  `json:"ownerAgency"`
	ImplementingAgency *AgencyRef `json:"implementingAgency"`
}

// ObjectiveDoc is an objective in a snapshot, with its items and indicators.
type ObjectiveDoc struct {
	ID          pulid.ID        `json:"id"`
	Code        string          `json:"code"`
	Title       string          `json:"title"`
	Description string          `json:"description"`
	Pillar      string          `json:"pillar"`
	Position    int             `json:"position"`
	ParentCode  string          `json:"parentCode"`
	Indicators  []IndicatorDoc  `json:"indicators"`
	ActionItems []ActionItemDoc `json:"actionItems"`
}

// ActionItemDoc is an action item in a snapshot.
type ActionItemDoc struct {
	ID                 pulid.ID       `json:"id"`
	Code               string         `json:"code"`
	Title              string         `json:"title"`
	Description        string         `json:"description"`
	Priority           string         `json:"priority"`
	Status             string         `json:"status"`
	Progress           int            `json:"progress"`
	StartDate          *string        `json:"startDate"` // YYYY-MM-DD
	DueDate            *string        `json:"dueDate"`   // YYYY-MM-DD
	EstimatedBudget    *int64         `json:"estimatedBudget"`
	BudgetCurrency     *string        `json:"budgetCurrency"`
	LeadAgency         AgencyRef      `json:"leadAgency"`
	SupportingAgencies []AgencyRef    `json:"supportingAgencies"`
	FundingPartners    []AgencyRef    `json:"fundingPartners"`
	DependsOn          []string       `json:"dependsOn"` // codes
	Indicators         []IndicatorDoc `json:"indicators"`
}

// IndicatorDoc is an indicator in a snapshot.
type IndicatorDoc struct {
	ID         pulid.ID `json:"id"`
	Name       string   `json:"name"`
	Unit       string   `json:"unit"`
	Baseline   *float64 `json:"baseline"`
	Target     *float64 `json:"target"`
	TargetDate *string  `json:"targetDate"` // YYYY-MM-DD
}

// AgencyRef names an agency in a snapshot.
type AgencyRef struct {
	ID      pulid.ID `json:"id"`
	Acronym string   `json:"acronym"`
	Name    string   `json:"name"`
}

// Parse reads a version's content.
func Parse(content string) (*Snapshot, error) {
	var s Snapshot
	if err := json.Unmarshal([]byte(content), &s); err != nil {
		return nil, err
	}
	return &s, nil
}

// Objective finds an objective of the snapshot by ID.
func (s *Snapshot) Objective(id pulid.ID) (*ObjectiveDoc, bool) {
	for i := range s.Objectives {
		if s.Objectives[i].ID == id {
			return &s.Objectives[i], true
		}
	}
	return nil, false
}

// ActionItem finds an action item of the snapshot by ID.
func (s *Snapshot) ActionItem(id pulid.ID) (*ActionItemDoc, bool) {
	for i := range s.Objectives {
		for j := range s.Objectives[i].ActionItems {
			if s.Objectives[i].ActionItems[j].ID == id {
				return &s.Objectives[i].ActionItems[j], true
			}
		}
	}
	return nil, false
}
