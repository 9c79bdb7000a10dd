package database

import "sync"

// commits tells the watchers of this process that a transaction committed:
// the event hub (events.Hub) then reads what the audit trail gained. It is one
// bell for the whole process, since a commit is a fact of the database, not
// of a client: a watcher woken by another database's commit only reads that
// nothing is new. A watcher that is busy when the bell rings finds it rung
// once when it is done, however many commits happened meanwhile.
var commits struct {
	mu       sync.Mutex
	watchers map[chan struct{}]struct{}
}

// WatchCommits returns a channel that receives a value after commits of this
// process, and the function that stops watching.
func WatchCommits() (<-chan struct{}, func()) {
	ch := make(chan struct{}, 1)
	commits.mu.Lock()
	if commits.watchers == nil {
		commits.watchers = map[chan struct{}]struct{}{}
	}
	commits.watchers[ch] = struct{}{}
	commits.mu.Unlock()
	return ch, func() {
		commits.mu.Lock()
		delete(commits.watchers, ch)
		commits.mu.Unlock()
	}
}

// committed rings the bell; it never waits.
func committed() {
	commits.mu.Lock()
	defer commits.mu.Unlock()
	for ch := range commits.watchers {
		select {
		case ch <- struct{}{}:
		default: // rung already, not yet heard
		}
	}
}
