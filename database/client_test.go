package database_test

import (
	"testing"
	"time"

	"github.com/palabre/palabre/database/dbtest"
	"github.com/palabre/palabre/ent/agency"
)

// TestClientWritesAndReadsAfterMigrating: the migrated tables are the ones the
// generated client expects, column for column.
func TestClientWritesAndReadsAfterMigrating(t *testing.T) {
	t.Parallel()
	ctx := allow()
	client := dbtest.Open(t)
	t.Logf("store: %s", dbtest.Dialect())
	created, err := client.Agency.Create().
		SetName("Agence nationale de la sécurité des systèmes d'information").
		SetAcronym("ANSSI").
		SetKind(agency.KindNationalAgency).
		SetCountry("SN").
		Save(ctx)
	if err != nil {
		t.Fatalf("creating an agency: %v", err)
	}
	got, err := client.Agency.Query().Where(agency.Acronym("ANSSI")).Only(ctx)
	if err != nil {
		t.Fatalf("reading it back: %v", err)
	}
	if got.ID != created.ID || got.Name != created.Name || got.Kind != agency.KindNationalAgency || got.Country != "SN" {
		t.Errorf("read back %+v, want %+v", got, created)
	}
	// PostgreSQL rounds to the microsecond; SQLite (as text) keeps nanoseconds.
	if d := got.CreatedAt.Sub(created.CreatedAt).Abs(); d >= time.Microsecond {
		t.Errorf("created_at read back as %v, stored %v", got.CreatedAt, created.CreatedAt)
	}
}
