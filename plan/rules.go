package plan

import (
	"time"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/ent/schema/pulid"
)

// The rules of the plan's records, as plain functions of their values. The
// hooks of the Strategy, Objective and ActionItem (ent/schema) load the
// values and call them.

// CheckPeriod refuses a strategy's period that ends before it starts.
func CheckPeriod(startYear, endYear int) error {
	if endYear < startYear {
		return palabre.Refuse(palabre.EINVALID, palabre.ReasonPeriodReversed, "start", startYear, "end", endYear)
	}
	return nil
}

// CheckSchedule refuses an item due before it starts; either date may be
// unknown (nil).
func CheckSchedule(start, due *time.Time) error {
	if start != nil && due != nil && due.Before(*start) {
		return palabre.Refuse(palabre.EINVALID, palabre.ReasonDueBeforeStart, "due", due.Format(time.DateOnly), "start", start.Format(time.DateOnly)).Sayf("the due date (%s) is before the start date (%s)",
			due.Format("2006-01-02"), start.Format("2006-01-02"))
	}
	return nil
}

// CheckBudget requires a currency with a budget, so that amounts can be added up.
func CheckBudget(hasBudget, hasCurrency bool) error {
	if hasBudget && !hasCurrency {
		return palabre.Refuse(palabre.EINVALID, palabre.ReasonBudgetCurrency).Sayf("an estimated budget needs its currency (budgetCurrency, such as XOF)")
	}
	return nil
}

// CheckDependencies refuses an item that depends on itself, and dependencies
// outside the item's strategy or agreement: inPlan counts the distinct
// dependencies found in it.
func CheckDependencies(item pulid.ID, dependsOn []pulid.ID, inPlan int) error {
	distinct := map[pulid.ID]bool{}
	for _, d := range dependsOn {
		if d == item {
			return palabre.Refuse(palabre.EINVALID, palabre.ReasonItemDependsOnItself)
		}
		distinct[d] = true
	}
	if inPlan != len(distinct) {
		return palabre.Refuse(palabre.EINVALID, palabre.ReasonItemDependsElsewhere)
	}
	return nil
}

// CheckPlan requires an action item to belong to exactly one plan: an
// objective of a strategy or a commitment of an agreement. An item of one plan
// may still implement the other side's commitment (ActionItem.implements).
func CheckPlan(hasObjective, hasCommitment bool) error {
	switch {
	case hasObjective && hasCommitment:
		return palabre.Refuse(palabre.EINVALID, palabre.ReasonItemPlanBoth).
			Sayf("an action item belongs to one plan: an objective (objectiveID) or a commitment (commitmentID), not both; link a strategy's item to a commitment with implementsID")
	case !hasObjective && !hasCommitment:
		return palabre.Refuse(palabre.EINVALID, palabre.ReasonItemPlanNone).Sayf("an action item belongs to a plan: give an objective (objectiveID) or a commitment (commitmentID)")
	}
	return nil
}

// CheckLink refuses an agreement's item that claims to implement a commitment:
// it already carries out its own. The link is for a strategy's items.
func CheckLink(ofStrategy, implements bool) error {
	if implements && !ofStrategy {
		return palabre.Refuse(palabre.EINVALID, palabre.ReasonItemLink).
			Sayf("only a strategy's action item implements an agreement's commitment (implementsID); an agreement's item carries out its own commitment")
	}
	return nil
}
