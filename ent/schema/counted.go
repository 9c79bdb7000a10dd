package schema

// Counted marks a one-to-many edge whose rows a counter of the store counts,
// kept by the store itself in every transaction that adds, removes or moves
// a row: totalCount reads it (ent/template/counted.tmpl) instead of counting
// rows, whenever the function that reads it says it agrees with the privacy
// rules in force.
type Counted struct {
	// Table is the counter's table.
	Table string
}

// Name implements ent's schema.Annotation.
func (Counted) Name() string { return "Counted" }
