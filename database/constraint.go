package database

import (
	"errors"
	"strings"

	"github.com/lib/pq"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// Violation names the kind of integrity constraint a store refused a
// statement for, the same on SQLite and PostgreSQL.
type Violation int

// Kinds of violations.
const (
	NoViolation Violation = iota
	UniqueViolation
	ForeignKeyViolation
	OtherViolation // a check or not-null constraint
)

// ViolationOf tells which constraint err, from either store, violates.
func ViolationOf(err error) Violation {
	var (
		pqErr  *pq.Error
		sqlErr *sqlite.Error
	)
	switch {
	case errors.As(err, &pqErr):
		switch pqErr.Code {
		case "23505":
			return UniqueViolation
		case "23503":
			return ForeignKeyViolation
		}
		if pqErr.Code.Class() == "23" {
			return OtherViolation
		}
	case errors.As(err, &sqlErr):
		switch sqlErr.Code() {
		case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
			return UniqueViolation
		case sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
			return ForeignKeyViolation
		case sqlite3.SQLITE_CONSTRAINT_TRIGGER:
			// ON DELETE RESTRICT is a trigger to SQLite, which says what it checked.
			if strings.Contains(sqlErr.Error(), "FOREIGN KEY constraint failed") {
				return ForeignKeyViolation
			}
		}
		if sqlErr.Code()&0xff == sqlite3.SQLITE_CONSTRAINT {
			return OtherViolation
		}
	}
	return NoViolation
}
