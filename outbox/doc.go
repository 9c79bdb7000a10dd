// Package outbox delivers notifications of what happened in Palabre to
// systems and people that are not looking: webhooks now, e-mail next. It is
// a transactional outbox.
//
// # Writing
//
// Every event appended to the audit trail gets a row in the notifications
// table, written by a follower of the trail (audit.Follow, installed when
// this package is linked into the program) in the transaction of the change
// itself: every path that changes anything is covered, a committed change is
// never forgotten, and a change rolled back notifies nobody.
//
// # Delivering
//
// A Worker (started by `palabre serve`) claims due rows with a lease: on
// PostgreSQL with SELECT … FOR UPDATE SKIP LOCKED, so that several instances
// never claim one row at once; on SQLite in an immediate transaction, which
// holds the database. A claim moves the row's due time one lease later and
// counts an attempt; a worker that crashes leaves its rows to be claimed
// again once the lease has passed. Every later write checks that the row's
// attempt count is still the claimed one, so a worker that lost its lease
// changes nothing.
//
// An event's row (it has no channel) is fanned out: each channel says which
// deliveries the event makes, one per target, and they are written in the
// transaction that marks the event's row done (a unique index on event,
// channel and target makes a repeated fan-out write nothing twice). A
// delivery's row is delivered by its channel, at least once: a failed attempt
// waits Options.Backoff, then twice that, and so on up to MaxBackoff; after
// Options.Attempts attempts the row is DEAD, kept with its attempts for an
// administrator to read. Each attempt is logged (notification_attempts).
// Delivered rows older than Options.Retention are deleted.
//
// An idle worker waits for the process's commit bell (database.WatchCommits),
// the next due time, or the poll; its claims that find nothing only read, so
// they do not ring the bell and wake it again.
//
// # Plugging a channel in
//
// A channel is a Channel value handed to NewWorker: a Name stored in the
// rows it makes (WEBHOOK), a FanOut function that turns an audit event into
// Deliveries, each with a stable Target key (the same event and target must
// give the same key, so that a repeated fan-out is recognised) and a Payload
// the channel will need to deliver it (a rendered message: the event may be
// long gone from memory, and retries must send the same thing), and a Deliver
// function that makes one attempt and returns what the other side answered.
// Deliver may return Permanent(err) to give up at once. A channel may also
// have a Periodic function, which the worker runs as the system when it
// starts and every PeriodicEvery (hourly) after; it must write nothing twice
// when several instances run it. E-mail (mail.Channel) plugs in so: its
// FanOut is mail.ForEvent, one Delivery per message with Target the
// message's Key and Payload the message as JSON; its Deliver sends the
// decoded message; its Periodic enqueues the day's digests (mail.EnqueueDigests)
// as rows of the synthetic event "digest/<YYYY-MM-DD>", which the unique
// index writes once a day. `palabre serve` adds it to the worker's channels
// (server.Outbox).
package outbox
