package database

import (
	"entgo.io/ent/dialect"

	"github.com/palabre/palabre/ent"
)

// Option adjusts how NewClient (and so Open) builds the ent client.
type Option func(*options)

type options struct {
	wrap   []func(dialect.Driver) dialect.Driver
	client []ent.Option
}

// WithDriver wraps the SQL driver under the ent client: tests use it to count
// or log the statements sent. Wrappers apply in the order given, the last one
// outermost.
func WithDriver(wrap func(dialect.Driver) dialect.Driver) Option {
	return func(o *options) { o.wrap = append(o.wrap, wrap) }
}

// WithClientOptions passes options to ent.NewClient (ent.Debug, ent.Log).
func WithClientOptions(opts ...ent.Option) Option {
	return func(o *options) { o.client = append(o.client, opts...) }
}
