package main

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/palabre/palabre/access"
	"github.com/palabre/palabre/database"
	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/versions"
)

// seededWithAVersion returns a database holding the demo data and one more
// published version, and a client on it for tampering.
func seededWithAVersion(t *testing.T) (string, *ent.Client) {
	t.Helper()
	db := databaseURL(t)
	mustRun(t, "seed", "demo", "--database", db)
	client, err := database.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { client.Close() })
	ctx := access.SystemContext(context.Background())
	strategy, err := client.Strategy.Query().First(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := versions.Publish(ctx, client, strategy.ID, "Après l'atelier de validation", "Prise en compte des observations."); err != nil {
		t.Fatal(err)
	}
	return db, client
}

// tamper changes the database behind the API's back.
func tamper(t *testing.T, client *ent.Client, query string) {
	t.Helper()
	if _, err := client.ExecContext(context.Background(), query); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
}

func TestVerifyReportsAnIntactDatabase(t *testing.T) {
	t.Parallel()
	db, _ := seededWithAVersion(t)
	code, stdout, stderr := run(context.Background(), "verify", "--database", db)
	if code != 0 || stderr != "" {
		t.Fatalf("exit %d: %s\n%s", code, stderr, stdout)
	}
	if !regexp.MustCompile(`(?m)^audit chain: [1-9]\d* events, intact$`).MatchString(stdout) ||
		!regexp.MustCompile(`(?m)^versions: [1-9]\d* checked, intact$`).MatchString(stdout) ||
		!regexp.MustCompile(`(?m)^records: [1-9]\d* checked against the audit trail, intact$`).MatchString(stdout) {
		t.Fatalf("report:\n%s", stdout)
	}
}

func TestVerifyNamesWhatWasTamperedWith(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name   string
		query  string
		report []string // what standard output must say
	}{
		{"an audit event rewritten", `UPDATE audit_events SET changes = '{}' WHERE sequence = 3`,
			[]string{"audit chain: broken at event 3 (AU", "does not match its hash", "versions: "}},
		{"an audit event deleted", `DELETE FROM audit_events WHERE sequence = 2`,
			[]string{"audit chain: broken at event 2: event 2 is missing"}},
		{"the last audit events cut off", `DELETE FROM audit_events WHERE sequence > 4`,
			[]string{"audit chain: broken at event 5: event 5 is missing: the head of the chain says"}},
		{"a version's content rewritten", `UPDATE strategy_versions SET content = content || ' '`,
			[]string{"audit chain: ", "intact", "do not match their published hash", "its content hashes to"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			db, client := seededWithAVersion(t)
			tamper(t, client, c.query)
			code, stdout, stderr := run(context.Background(), "verify", "--database", db)
			if code != 1 || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, "verification failed") {
				t.Fatalf("exit %d, stderr %q", code, stderr)
			}
			for _, want := range c.report {
				if !strings.Contains(stdout, want) {
					t.Errorf("the report does not say %q:\n%s", want, stdout)
				}
			}
		})
	}
}

func TestVerifyRefusesAnUnmigratedDatabase(t *testing.T) {
	t.Parallel()
	code, _, stderr := run(context.Background(), "verify", "--database", databaseURL(t))
	if code != 1 || !strings.Contains(stderr, "palabre migrate") {
		t.Fatalf("exit %d: %q", code, stderr)
	}
}

// TestVerifyNamesADriftingObservationCounter: verify compares the
// observations' counter (which totalCount reads) with counting the rows, per
// round, status and agency, and names each row that drifts: one made wrong,
// one deleted.
func TestVerifyNamesADriftingObservationCounter(t *testing.T) {
	t.Parallel()
	db, client := seededWithAVersion(t)
	stdout := mustRun(t, "verify", "--database", db)
	if !regexp.MustCompile(`(?m)^observation counters: [1-9]\d* \(round, status, agency\) checked against COUNT\(\*\), intact$`).MatchString(stdout) {
		t.Fatalf("report:\n%s", stdout)
	}
	ctx := context.Background()
	var round, status, agency string
	rows, err := client.QueryContext(ctx, `SELECT consultation_observations, status, observation_agency FROM observation_counts WHERE n > 0 ORDER BY 1, 2, 3 LIMIT 1`)
	if err != nil {
		t.Fatal(err)
	}
	if !rows.Next() {
		t.Fatal("the demo data counts no observation")
	}
	if err := rows.Scan(&round, &status, &agency); err != nil {
		t.Fatal(err)
	}
	rows.Close()
	tamper(t, client, `UPDATE observation_counts SET n = n + 5 WHERE consultation_observations = '`+round+`' AND status = '`+status+`' AND observation_agency = '`+agency+`'`)
	code, stdout, stderr := run(ctx, "verify", "--database", db)
	want := "round " + round + ", status " + status + ", agency " + agency + ": the counter says "
	if code != 1 || !strings.Contains(stdout, "observation counters: ") || !strings.Contains(stdout, "1 drift from COUNT(*)") ||
		!strings.Contains(stdout, want) || !strings.Contains(stderr, "1 observation counter(s) drift") {
		t.Fatalf("exit %d:\n%s\n%s", code, stdout, stderr)
	}
	tamper(t, client, `DELETE FROM observation_counts WHERE consultation_observations = '`+round+`' AND status = '`+status+`' AND observation_agency = '`+agency+`'`)
	code, stdout, _ = run(ctx, "verify", "--database", db)
	if code != 1 || !strings.Contains(stdout, want+"0, the rows ") {
		t.Fatalf("a deleted counter row: exit %d:\n%s", code, stdout)
	}
}
