package clock_test

import (
	"context"
	"testing"
	"time"

	"github.com/palabre/palabre/clock"
)

func TestAContextReadsItsClockInUTC(t *testing.T) {
	dakar := time.FixedZone("GMT", 0)
	paris := time.FixedZone("CET", 3600)
	fake := clock.NewFake(time.Date(2027, 3, 1, 10, 0, 0, 0, paris))
	ctx := clock.NewContext(context.Background(), fake)

	if got, want := clock.Now(ctx), time.Date(2027, 3, 1, 9, 0, 0, 0, time.UTC); !got.Equal(want) || got.Location() != time.UTC {
		t.Errorf("Now = %v, want %v in UTC", got, want)
	}
	fake.Advance(90 * time.Minute)
	if got := clock.Now(ctx); !got.Equal(time.Date(2027, 3, 1, 10, 30, 0, 0, time.UTC)) {
		t.Errorf("after advancing 90 minutes: %v", got)
	}
	fake.Set(time.Date(2030, 1, 1, 0, 0, 0, 0, dakar))
	if got := clock.Now(ctx); got.Year() != 2030 {
		t.Errorf("after setting: %v", got)
	}
	if clock.From(context.Background()) != clock.System {
		t.Error("a context without a clock should read the system clock")
	}
}
