package model

import (
	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/events"
)

// Event is an event as a subscriber is told of it: with its subject, read
// with the subscriber's permissions.
type Event struct {
	events.Event
	Subject ent.Noder
}
