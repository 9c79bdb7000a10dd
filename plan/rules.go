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
		return palabre.Errorf(palabre.EINVALID, "the period ends (%d) before it starts (%d)", endYear, startYear)
	}
	return nil
}

// CheckSchedule refuses an item due before it starts; either date may be
// unknown (nil).
func CheckSchedule(start, due *time.Time) error {
	if start != nil && due != nil && due.Before(*start) {
		return palabre.Errorf(palabre.EINVALID, "the due date (%s) is before the start date (%s)",
			due.Format("2006-01-02"), start.Format("2006-01-02"))
	}
	return nil
}

// CheckBudget requires a currency with a budget, so that amounts can be added up.
func CheckBudget(hasBudget, hasCurrency bool) error {
	if hasBudget && !hasCurrency {
		return palabre.Errorf(palabre.EINVALID, "an estimated budget needs its currency (budgetCurrency, such as XOF)")
	}
	return nil
}

// CheckDependencies refuses an item that depends on itself, and dependencies
// outside the item's strategy: inStrategy counts the distinct dependencies
// found in it.
func CheckDependencies(item pulid.ID, dependsOn []pulid.ID, inStrategy int) error {
	distinct := map[pulid.ID]bool{}
	for _, d := range dependsOn {
		if d == item {
			return palabre.Errorf(palabre.EINVALID, "an action item cannot depend on itself")
		}
		distinct[d] = true
	}
	if inStrategy != len(distinct) {
		return palabre.Errorf(palabre.EINVALID, "an action item can only depend on action items of its own strategy")
	}
	return nil
}
