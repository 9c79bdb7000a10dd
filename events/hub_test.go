package events_test

import (
	"context"
	"testing"
	"time"

	"github.com/palabre/palabre/access"
	"github.com/palabre/palabre/database/dbtest"
	"github.com/palabre/palabre/events"
	"github.com/palabre/palabre/internal/apitest"
	"github.com/palabre/palabre/versions"
)

// patience bounds the waits of these tests, so that they fail rather than
// hang; it is no assertion about time.
const patience = 30 * time.Second

func TestAHubDropsASubscriberThatLetsItsBufferFill(t *testing.T) {
	client := dbtest.Open(t)
	world := apitest.Build(t, client)
	ctx := access.SystemContext(context.Background())
	hub := events.NewHub(client, events.HubOptions{})
	slow, err := hub.Subscribe(ctx, nil, 1)
	if err != nil {
		t.Fatal(err)
	}
	keen, err := hub.Subscribe(ctx, []events.Kind{events.VersionPublished}, 8)
	if err != nil {
		t.Fatal(err)
	}
	defer keen.Close()
	for _, label := range []string{"v1", "v2"} {
		if _, err := versions.Publish(ctx, client, world.Draft.ID, label, ""); err != nil {
			t.Fatal(err)
		}
	}
	select {
	case <-slow.Dropped():
	case <-time.After(patience):
		t.Fatal("the slow subscriber was not dropped")
	}
	// The other subscriber has both versions, in order.
	var got []int64
	for len(got) < 2 {
		select {
		case e := <-keen.Events():
			if e.Kind != events.VersionPublished {
				t.Fatalf("an event of another kind: %+v", e)
			}
			got = append(got, e.Sequence)
		case <-time.After(patience):
			t.Fatalf("the keen subscriber has %d events of 2", len(got))
		}
	}
	if got[0] >= got[1] {
		t.Fatalf("events out of order: %v", got)
	}
	if n := hub.Subscribers(); n != 1 {
		t.Fatalf("the hub holds %d subscriptions, want the keen one only", n)
	}
}
