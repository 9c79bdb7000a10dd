package database_test

import (
	"testing"

	"entgo.io/ent/dialect"

	"github.com/palabre/palabre/database"
	"github.com/palabre/palabre/database/dbtest"
	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/agency"
	"github.com/palabre/palabre/ent/schema/pulid"
)

// TestForeignKeysAreEnforced: SQLite ignores foreign keys unless each
// connection asks for them; a reference to a missing row must fail on every
// store, not be stored dangling.
func TestForeignKeysAreEnforced(t *testing.T) {
	t.Parallel()
	ctx := allow()
	client := dbtest.Open(t)
	t.Logf("store: %s", dbtest.Dialect())
	_, err := client.Agency.Create().
		SetName("Direction de la cybersécurité").
		SetAcronym("DCS").
		SetKind(agency.KindNationalAgency).
		SetCountry("CI").
		SetParentID(pulid.MustNew("AG")). // no such agency
		Save(ctx)
	if err == nil {
		t.Fatal("an agency whose parent does not exist was stored")
	}
	if !ent.IsConstraintError(err) {
		t.Fatalf("want a constraint error, got %v", err)
	}
	if v := database.ViolationOf(err); v != database.ForeignKeyViolation {
		t.Errorf("a missing parent is violation %d, want a foreign key", v)
	}
	if n := client.Agency.Query().CountX(ctx); n != 0 {
		t.Errorf("%d agencies stored, want 0", n)
	}
}

// TestUniqueAndForeignKeyViolationsDiffer: the API tells a value taken
// (CONFLICT) from a reference to nothing (NOT_FOUND) on both stores.
func TestUniqueAndForeignKeyViolationsDiffer(t *testing.T) {
	t.Parallel()
	ctx := allow()
	client := dbtest.Open(t)
	create := func() error {
		return client.Agency.Create().SetName("Direction").SetAcronym("DCS").SetKind(agency.KindNationalAgency).SetCountry("CI").Exec(ctx)
	}
	if err := create(); err != nil {
		t.Fatal(err)
	}
	if v := database.ViolationOf(create()); v != database.UniqueViolation {
		t.Errorf("a duplicate acronym is violation %d, want unique", v)
	}
	if v := database.ViolationOf(nil); v != database.NoViolation {
		t.Errorf("no error is violation %d", v)
	}
}

// TestForeignKeysOnEveryConnection: the pragma is per connection, so every
// pooled connection must have it, not just the first.
func TestForeignKeysOnEveryConnection(t *testing.T) {
	t.Parallel()
	db, dialectName := dbtest.OpenDB(t)
	if dialectName != dialect.SQLite {
		t.Skip("foreign keys are a per-connection setting on SQLite only")
	}
	ctx := allow()
	conns := make([]interface{ Close() error }, 0, 4)
	for range 4 {
		c, err := db.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
		var on int
		if err := c.QueryRowContext(ctx, "PRAGMA foreign_keys").Scan(&on); err != nil {
			t.Fatal(err)
		}
		if on != 1 {
			t.Errorf("connection %d has foreign keys off", len(conns))
		}
	}
	for _, c := range conns {
		c.Close()
	}
}
