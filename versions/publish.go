package versions

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"sort"
	"time"

	"entgo.io/ent/dialect/sql/sqlgraph"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/access"
	"github.com/palabre/palabre/auth"
	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/actionitem"
	"github.com/palabre/palabre/ent/objective"
	"github.com/palabre/palabre/ent/schema/pulid"
	"github.com/palabre/palabre/ent/strategy"
	"github.com/palabre/palabre/ent/strategyversion"
)

// Publish stores the strategy's working copy as its next version, numbered
// after the last one, published by the caller. The caller's privacy applies:
// the StrategyVersion policy decides who may publish. Two versions published
// at the same time cannot take the same number: the unique index on
// (strategy, number) refuses the second, which is reported as a CONFLICT.
func Publish(ctx context.Context, client *ent.Client, strategyID pulid.ID, label, changelog string) (*ent.StrategyVersion, error) {
	create := client.StrategyVersion.Create()
	// Asked first, so that a caller who may not publish learns nothing of the
	// strategy, not even whether it exists.
	if err := strategyversion.Policy.EvalMutation(ctx, create.Mutation()); err != nil {
		return nil, err
	}
	snapshot, err := Take(ctx, client, strategyID)
	if err != nil {
		return nil, err
	}
	content, err := Encode(snapshot)
	if err != nil {
		return nil, err
	}
	last, err := lastNumber(ctx, client, strategyID)
	if err != nil {
		return nil, err
	}
	create.SetStrategyID(strategyID).SetNumber(last + 1).
		SetLabel(label).SetChangelog(changelog).
		SetContent(content).SetSha256(Hash(content))
	if v := auth.FromContext(ctx); v != nil {
		create.SetPublishedByID(v.AccountID)
	}
	version, err := create.Save(ctx)
	if sqlgraph.IsUniqueConstraintError(err) {
		return nil, palabre.Refuse(palabre.ECONFLICT, palabre.ReasonVersionRace, "number", last+1).
			Sayf("another version of this strategy was published at the same time as number %d: publish again", last+1)
	}
	return version, err
}

// lastNumber returns the number of the strategy's latest version, 0 when it
// has none. It counts every version, whoever the caller may read.
func lastNumber(ctx context.Context, client *ent.Client, strategyID pulid.ID) (int, error) {
	numbers, err := client.StrategyVersion.Query().
		Where(strategyversion.HasStrategyWith(strategy.ID(strategyID))).
		Order(ent.Desc(strategyversion.FieldNumber)).
		Limit(1).
		Select(strategyversion.FieldNumber).
		Ints(access.AsSystem(ctx, "numbering a version after every version, whoever publishes"))
	if err != nil || len(numbers) == 0 {
		return 0, err
	}
	return numbers[0], nil
}

// Hash returns the SHA-256 of a version's content, in hexadecimal.
func Hash(content string) string {
	sum := sha256.Sum256([]byte(content))
	return hex.EncodeToString(sum[:])
}

// Encode returns the canonical JSON of a snapshot: what a version stores and hashes.
func Encode(s *Snapshot) (string, error) {
	b, err := json.Marshal(s)
	if err != nil {
		return "", err
	}
	return string(b), nil
}

// Take reads the working copy of a strategy as the caller may see it, in a
// fixed number of queries whatever its size, and puts it in canonical order.
func Take(ctx context.Context, client *ent.Client, strategyID pulid.ID) (*Snapshot, error) {
	codeOnly := func(q *ent.ObjectiveQuery) { q.Select(objective.FieldID, objective.FieldCode) }
	st, err := client.Strategy.Query().
		Where(strategy.ID(strategyID)).
		WithOwnerAgency().
		WithImplementingAgency().
		WithObjectives(func(q *ent.ObjectiveQuery) {
			q.WithParent(codeOnly).
				WithIndicators().
				WithActionItems(func(q *ent.ActionItemQuery) {
					q.WithLeadAgency().
						WithSupportingAgencies().
						WithFundingPartners().
						WithDependsOn(func(q *ent.ActionItemQuery) { q.Select(actionitem.FieldID, actionitem.FieldCode) }).
						WithIndicators()
				})
		}).
		Only(ctx)
	if ent.IsNotFound(err) {
		return nil, palabre.Errorf(palabre.ENOTFOUND, "strategy %s not found", strategyID)
	}
	if err != nil {
		return nil, err
	}
	s := &Snapshot{
		Strategy: StrategyDoc{
			ID:                 st.ID,
			Title:              st.Title,
			Country:            st.Country,
			StartYear:          st.StartYear,
			EndYear:            st.EndYear,
			Summary:            st.Summary,
			OwnerAgency:        agencyRef(st.Edges.OwnerAgency),
			ImplementingAgency: optionalAgencyRef(st.Edges.ImplementingAgency),
		},
		Objectives: make([]ObjectiveDoc, 0, len(st.Edges.Objectives)),
	}
	for _, o := range st.Edges.Objectives {
		s.Objectives = append(s.Objectives, objectiveDoc(o))
	}
	sort.SliceStable(s.Objectives, func(i, j int) bool {
		a, b := s.Objectives[i], s.Objectives[j]
		if a.Position != b.Position {
			return a.Position < b.Position
		}
		return codeLess(a.Code, a.ID, b.Code, b.ID)
	})
	return s, nil
}

func objectiveDoc(o *ent.Objective) ObjectiveDoc {
	doc := ObjectiveDoc{
		ID:          o.ID,
		Code:        o.Code,
		Title:       o.Title,
		Description: o.Description,
		Pillar:      string(o.Pillar),
		Position:    o.Position,
		Indicators:  indicatorDocs(o.Edges.Indicators),
		ActionItems: make([]ActionItemDoc, 0, len(o.Edges.ActionItems)),
	}
	if p := o.Edges.Parent; p != nil {
		doc.ParentCode = p.Code
	}
	for _, it := range o.Edges.ActionItems {
		doc.ActionItems = append(doc.ActionItems, actionItemDoc(it))
	}
	sort.SliceStable(doc.ActionItems, func(i, j int) bool {
		a, b := doc.ActionItems[i], doc.ActionItems[j]
		return codeLess(a.Code, a.ID, b.Code, b.ID)
	})
	return doc
}

func actionItemDoc(it *ent.ActionItem) ActionItemDoc {
	doc := ActionItemDoc{
		ID:                 it.ID,
		Code:               it.Code,
		Title:              it.Title,
		Description:        it.Description,
		Priority:           string(it.Priority),
		Status:             string(it.Status),
		Progress:           it.Progress,
		StartDate:          date(it.StartDate),
		DueDate:            date(it.DueDate),
		EstimatedBudget:    it.EstimatedBudget,
		BudgetCurrency:     it.BudgetCurrency,
		LeadAgency:         agencyRef(it.Edges.LeadAgency),
		SupportingAgencies: agencyRefs(it.Edges.SupportingAgencies),
		FundingPartners:    agencyRefs(it.Edges.FundingPartners),
		DependsOn:          make([]string, 0, len(it.Edges.DependsOn)),
		Indicators:         indicatorDocs(it.Edges.Indicators),
	}
	deps := it.Edges.DependsOn
	sort.SliceStable(deps, func(i, j int) bool { return codeLess(deps[i].Code, deps[i].ID, deps[j].Code, deps[j].ID) })
	for _, d := range deps {
		doc.DependsOn = append(doc.DependsOn, d.Code)
	}
	return doc
}

func indicatorDocs(list []*ent.Indicator) []IndicatorDoc {
	docs := make([]IndicatorDoc, 0, len(list))
	for _, in := range list {
		docs = append(docs, IndicatorDoc{
			ID:         in.ID,
			Name:       in.Name,
			Unit:       in.Unit,
			Baseline:   in.Baseline,
			Target:     in.Target,
			TargetDate: date(in.TargetDate),
		})
	}
	sort.SliceStable(docs, func(i, j int) bool {
		if docs[i].Name != docs[j].Name {
			return docs[i].Name < docs[j].Name
		}
		return docs[i].ID < docs[j].ID
	})
	return docs
}

func agencyRef(a *ent.Agency) AgencyRef {
	if a == nil { // hidden from the caller; the secretariat sees every agency
		return AgencyRef{}
	}
	return AgencyRef{ID: a.ID, Acronym: a.Acronym, Name: a.Name}
}

func optionalAgencyRef(a *ent.Agency) *AgencyRef {
	if a == nil {
		return nil
	}
	ref := agencyRef(a)
	return &ref
}

func agencyRefs(list []*ent.Agency) []AgencyRef {
	refs := make([]AgencyRef, 0, len(list))
	for _, a := range list {
		refs = append(refs, agencyRef(a))
	}
	sort.SliceStable(refs, func(i, j int) bool {
		if refs[i].Acronym != refs[j].Acronym {
			return refs[i].Acronym < refs[j].Acronym
		}
		return refs[i].ID < refs[j].ID
	})
	return refs
}

// date writes a calendar date as YYYY-MM-DD in UTC, whatever zone the store
// returned it in, so that both stores give the same content.
func date(t *time.Time) *string {
	if t == nil {
		return nil
	}
	s := t.UTC().Format(time.DateOnly)
	return &s
}
