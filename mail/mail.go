// Package mail tells people by e-mail what happened in Palabre: which e-mails
// an audit event causes (ForEvent), the daily digest of each account
// (DailyDigest), how each account wants them (Preferences), and how they are
// sent (Sender: SMTP, or the log in development).
//
// A Message is data, not text: who gets it, of what kind, in which language,
// and the facts it tells. It is rendered (subject, plain text and HTML) when
// it is sent, with the sender's public URL for the links, so that a message
// waiting in the outbox needs nothing but itself. Its Key is stable: the same
// event, account (and day, for a digest) always give the same key, so a
// delivery retried or fanned out twice is recognised as the same message.
package mail

import (
	"context"
	"time"
)

// Kind is what an e-mail is about.
type Kind string

// The kinds of e-mail. Every kind but Digest is one an account may turn off
// (Preferences.Muted).
const (
	// RoundOpened: a consultation round opened; to the accounts of the
	// agencies invited to it.
	RoundOpened Kind = "ROUND_OPENED"
	// ObservationAnswered: the secretariat answered an observation; to the
	// accounts of the agency that made it.
	ObservationAnswered Kind = "OBSERVATION_ANSWERED"
	// RoundCompleted: every observation of a closed round is answered, or the
	// round is consolidated; to the secretariat's accounts.
	RoundCompleted Kind = "ROUND_COMPLETED"
	// LateItems: the items an agency leads that are overdue or whose progress
	// report is stale; to its accounts, in the daily digest only.
	LateItems Kind = "LATE_ITEMS"
	// Digest is the daily digest itself: the late items, and the e-mails of
	// the day before for accounts that chose the digest.
	Digest Kind = "DAILY_DIGEST"
)

// Kinds are the kinds of e-mail an account chooses among, in the order the
// API lists them.
var Kinds = []Kind{RoundOpened, ObservationAnswered, RoundCompleted, LateItems}

// Language is the language of an e-mail.
type Language string

// The languages of e-mails; French is the default.
const (
	French  Language = "fr"
	English Language = "en"
)

// Message is one e-mail to one account, before it is rendered.
type Message struct {
	// Key is stable: "<auditEventID>/<accountID>" for an event's e-mail,
	// "digest/<YYYY-MM-DD>/<accountID>" for a digest.
	Key      string    `json:"key"`
	Kind     Kind      `json:"kind"`
	To       Recipient `json:"to"`
	Language Language  `json:"language"`
	Facts    Facts     `json:"facts"`
}

// Recipient is the account an e-mail goes to.
type Recipient struct {
	AccountID string `json:"accountId"`
	Name      string `json:"name"`
	Address   string `json:"address"`
}

// Facts are what an e-mail tells, as the records stood when it was made.
type Facts struct {
	RoundID       string     `json:"roundId,omitempty"`
	RoundTitle    string     `json:"roundTitle,omitempty"`
	StrategyTitle string     `json:"strategyTitle,omitempty"`
	ClosesAt      *time.Time `json:"closesAt,omitempty"`
	// Consolidated: a RoundCompleted e-mail tells a consolidation, not the
	// last answer.
	Consolidated bool `json:"consolidated,omitempty"`
	// Target and Disposition: the observation answered (ObservationAnswered).
	Target      string `json:"target,omitempty"`
	Disposition string `json:"disposition,omitempty"`
	AgencyID    string `json:"agencyId,omitempty"`
	AgencyName  string `json:"agencyName,omitempty"`
	// Day, Overdue, Stale and Events: a digest's date, the agency's late
	// items, and the e-mails gathered for the digest.
	Day     *time.Time `json:"day,omitempty"`
	Overdue []Item     `json:"overdue,omitempty"`
	Stale   []Item     `json:"stale,omitempty"`
	Events  []Gathered `json:"events,omitempty"`
}

// Item is an action item in a digest.
type Item struct {
	ID             string     `json:"id"`
	Code           string     `json:"code"`
	Title          string     `json:"title"`
	DueDate        *time.Time `json:"dueDate,omitempty"`
	LastReportedAt *time.Time `json:"lastReportedAt,omitempty"`
}

// Gathered is an event's e-mail told in a digest instead of on its own.
type Gathered struct {
	Kind  Kind  `json:"kind"`
	Facts Facts `json:"facts"`
}

// Sender sends a message. An error means it was not sent and may be tried
// again (the outbox's retries).
type Sender interface {
	Send(ctx context.Context, m Message) error
}
