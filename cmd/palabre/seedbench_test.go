package main

import (
	"context"
	"strings"
	"testing"

	"github.com/palabre/palabre/access"
	"github.com/palabre/palabre/benchdata"
	"github.com/palabre/palabre/database"
	"github.com/palabre/palabre/ent/observation"
)

// The bench data set holds the sizes of its scale, every status of an
// observation, and a trail that verify finds intact: the records stored in
// bulk have the events the audit hook would have written.
func TestSeedBenchFillsTheSizesOfItsScaleAndVerifyFindsThemIntact(t *testing.T) {
	t.Parallel()
	db := databaseURL(t)
	out := mustRun(t, "seed", "bench", "--scale", "0.001", "--database", db)
	for _, want := range []string{"1000 observations (200 in the largest round", "reviewer", "plb_"} {
		if !strings.Contains(out, want) {
			t.Errorf("seed bench printed %q, without %q", out, want)
		}
	}
	report := mustRun(t, "verify", "--database", db)
	for _, want := range []string{"audit chain: ", "intact", "records: "} {
		if !strings.Contains(report, want) {
			t.Errorf("verify printed %q, without %q", report, want)
		}
	}

	ctx := access.SystemContext(context.Background())
	client, err := database.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	want, _ := benchdata.SizesAt(0.001)
	got := benchdata.Sizes{
		Agencies:     client.Agency.Query().CountX(ctx),
		Strategies:   client.Strategy.Query().CountX(ctx),
		Objectives:   client.Objective.Query().CountX(ctx),
		ActionItems:  client.ActionItem.Query().CountX(ctx),
		Rounds:       client.Consultation.Query().CountX(ctx),
		Observations: client.Observation.Query().CountX(ctx),
	}
	rounds := client.Consultation.Query().AllX(ctx)
	for _, r := range rounds {
		got.LargestRound = max(got.LargestRound, r.QueryObservations().CountX(ctx))
	}
	if got != want {
		t.Errorf("stored %+v, want %+v", got, want)
	}
	for _, s := range []observation.Status{observation.StatusDraft, observation.StatusSubmitted, observation.StatusAccepted, observation.StatusRejected, observation.StatusWithdrawn} {
		if n := client.Observation.Query().Where(observation.StatusEQ(s)).CountX(ctx); n == 0 {
			t.Errorf("no observation is %s", s)
		}
	}

	// A data load is not news: the servers started on it have no backlog of
	// a million notifications to work through.
	if n := client.Notification.Query().CountX(ctx); n != 0 {
		t.Errorf("the seed queued %d notifications, want none", n)
	}

	// A second seed would no longer give the sizes of the scale.
	if code, _, stderr := run(context.Background(), "seed", "bench", "--scale", "0.001", "--database", db); code != 1 || !strings.Contains(stderr, "empty database") {
		t.Errorf("a second seed: exit %d, %q", code, stderr)
	}
	if code, _, stderr := run(context.Background(), "seed", "bench", "--scale", "0", "--database", db); code != 2 || !strings.Contains(stderr, "scale") {
		t.Errorf("scale 0: exit %d, %q", code, stderr)
	}
}
