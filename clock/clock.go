// Package clock is where Palabre reads the time. Every rule about time (round
// windows, overdue items, token expiry) takes the time as an input; the
// server puts a Clock in each request's context, and hooks and workflows read
// it with Now(ctx), so a test sets the time instead of waiting for it.
package clock

import (
	"context"
	"sync"
	"time"
)

// Clock tells the time.
type Clock interface {
	Now() time.Time
}

// Func makes a function a Clock.
type Func func() time.Time

// Now returns the function's time.
func (f Func) Now() time.Time { return f() }

// System is the machine's clock, the one place Palabre calls time.Now (besides
// measuring a request's duration and minting IDs).
var System Clock = systemClock{}

type systemClock struct{}

func (systemClock) Now() time.Time { return time.Now() }

type clockKey struct{}

// NewContext returns a context whose work reads the time from c.
func NewContext(ctx context.Context, c Clock) context.Context {
	return context.WithValue(ctx, clockKey{}, c)
}

// From returns the clock of the context: the System clock unless one was set.
func From(ctx context.Context) Clock {
	if c, ok := ctx.Value(clockKey{}).(Clock); ok && c != nil {
		return c
	}
	return System
}

// Now returns the time of the context's clock, in UTC: the zone every time is
// stored and compared in (SQLite compares timestamps as text).
func Now(ctx context.Context) time.Time {
	return From(ctx).Now().UTC()
}

// Fake is a clock that stands still until it is set or advanced, for tests.
// It is safe for concurrent use.
type Fake struct {
	mu  sync.Mutex
	now time.Time
}

// NewFake returns a fake clock showing t.
func NewFake(t time.Time) *Fake { return &Fake{now: t} }

// Now returns the time the fake clock shows.
func (f *Fake) Now() time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.now
}

// Set moves the fake clock to t.
func (f *Fake) Set(t time.Time) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.now = t
}

// Advance moves the fake clock forward by d.
func (f *Fake) Advance(d time.Duration) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.now = f.now.Add(d)
}
