package lifecycle

import (
	"strings"

	"github.com/palabre/palabre"
)

// Once adopted, a strategy's text is frozen: its title, summary, period and
// agencies, and the planning of its objectives, action items and indicators
// (codes, titles, descriptions, pillars, positions, dates, budgets, agencies,
// dependencies, targets) no longer change, and no objective, item or
// indicator is added or removed. What implementation reports goes on: the
// progress and status of items, and the indicators' measurements. The hooks of
// the Strategy, Objective, ActionItem and Indicator (ent/schema) say which
// fields a change touches and whether its strategy is adopted, and call
// CheckText.

// Edit is what a change does to the text.
type Edit int

// The ways a change touches a text.
const (
	Changing Edit = iota // changes fields or edges of a record
	Adding               // adds a record to the text
	Removing             // removes a record from it
)

// CheckText refuses a change to the text of an adopted strategy: adding or
// removing a record, or changing fields beyond those that may change after
// adoption (changed lists those); a change that touches none of the text
// passes.
func CheckText(adopted bool, e Edit, changed []string) error {
	if !adopted || e == Changing && len(changed) == 0 {
		return nil
	}
	what, edit := "nothing changes", "CHANGING"
	switch {
	case e == Adding:
		what, edit = "nothing is added to it", "ADDING"
	case e == Removing:
		what, edit = "nothing is removed from it", "REMOVING"
	case len(changed) > 0:
		what = strings.ReplaceAll(strings.Join(changed, ", "), "_", " ") + " cannot change"
	}
	return palabre.Refuse(palabre.ECONFLICT, palabre.ReasonAdoptedTextFrozen, "edit", edit, "fields", changed).Sayf(
		"the strategy is adopted and its text stays as adopted: %s; only the progress and status of its action items and the measurements of its indicators are still reported",
		what)
}
