package database

import "time"

// inUTC is applied by the store's driver (driver.go) to every statement's
// arguments: every time sent to the database goes in UTC, in writes and in
// query arguments alike (overdueOn, where-input filters), whoever built the
// statement. SQLite keeps times as text and compares them as text: a time with
// another offset would be written in a form modernc's driver cannot read back
// (« 2026-06-01 10:00:00 +0200 +0200 ») and would compare wrongly with the
// others. PostgreSQL gets UTC too, so both stores hold the same values.
//
// inUTC returns args with every time, or pointer to a time, in UTC. It copies
// the slice only when it changes something.
func inUTC(args any) any {
	return mapArgs(args, func(a any) (any, bool) {
		switch a := a.(type) {
		case time.Time:
			return a.UTC(), a.Location() != time.UTC
		case *time.Time:
			if a == nil || a.Location() == time.UTC {
				return nil, false
			}
			u := a.UTC()
			return &u, true
		}
		return nil, false
	})
}

// mapArgs returns a statement's arguments with those that f changes (its
// second result) replaced. It copies the slice only when it changes
// something.
func mapArgs(args any, f func(any) (any, bool)) any {
	list, ok := args.([]any)
	if !ok {
		return args
	}
	var out []any
	for i, a := range list {
		changed, ok := f(a)
		if !ok {
			continue
		}
		if out == nil {
			out = append([]any(nil), list...)
		}
		out[i] = changed
	}
	if out == nil {
		return args
	}
	return out
}
