package dbtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"testing"

	"github.com/lib/pq"

	"github.com/palabre/palabre/database"
)

// TestAMissingTestDatabaseIsCreated: PALABRE_TEST_DATABASE_URL may name a
// database the server does not have yet (a fresh PostgreSQL has only
// "postgres"); the tests create it instead of failing.
func TestAMissingTestDatabaseIsCreated(t *testing.T) {
	serverURL := os.Getenv(EnvURL)
	if serverURL == "" {
		t.Skip(EnvURL + " is not set: this is about PostgreSQL")
	}
	u, err := url.Parse(serverURL)
	if err != nil {
		t.Fatal(err)
	}
	suffix := make([]byte, 6)
	rand.Read(suffix)
	name := "palabre_missing_" + hex.EncodeToString(suffix)
	u.Path = "/" + name
	missing := u.String()
	if _, _, err := database.OpenDB(context.Background(), missing); err == nil {
		t.Fatalf("database %s exists before the test", name)
	}

	t.Run("open", func(t *testing.T) {
		db, _ := openDB(t, missing, config{})
		var current string
		if err := db.QueryRow("SELECT current_database()").Scan(&current); err != nil || current != name {
			t.Fatalf("connected to %q (%v), want %q", current, err, name)
		}
	})

	// Close this test's admin connection, then drop the database it made.
	if db, err := adminFor(missing); err == nil {
		db.Close()
	}
	u.Path = "/postgres"
	maintenance, _, err := database.OpenDB(context.Background(), u.String())
	if err != nil {
		t.Fatal(err)
	}
	defer maintenance.Close()
	if _, err := maintenance.Exec("DROP DATABASE " + pq.QuoteIdentifier(name) + " WITH (FORCE)"); err != nil {
		t.Errorf("dropping %s: %v", name, err)
	}
}
