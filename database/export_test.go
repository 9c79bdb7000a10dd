package database

// What the tests of package database_test reach inside.

// PreparedReads is the set of prepared statements of a *sql.DB.
type PreparedReads = preparedReads

// NewPreparedReads keeps at most limit statements of db.
var NewPreparedReads = newPreparedReads

// Size is how many statements p holds.
func (p *preparedReads) Size() int { return p.size() }
