package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/palabre/palabre/ent/privacy"
	"github.com/palabre/palabre/ent/schema/pulid"
	"github.com/palabre/palabre/ent/schema/rule"
)

// Session is a person signed in to the web console with their password. Its
// cookie holds a random identifier; only that identifier's hash is stored. It
// ends at the first of: its absolute expiry, an idle time without use, a
// sign-out (of it, or everywhere).
type Session struct{ ent.Schema }

// Mixin of the Session.
func (Session) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("SE"), TimeMixin{},
		AuditMixin{Ignore: []string{"last_seen_at"}, Digest: []string{"hash"}}}
}

// Fields of the Session.
func (Session) Fields() []ent.Field {
	return []ent.Field{
		field.String("hash").
			Unique().Immutable().Sensitive().NotEmpty().
			Comment("SHA-256 of the identifier the session cookie holds."),
		field.Time("expires_at").
			Immutable().
			Comment("When the session ends whatever its use (absolute expiry)."),
		field.Time("last_seen_at").
			Comment("When the session was last used, to the minute: it ends after an idle time."),
		field.Time("ended_at").
			Optional().Nillable().
			Comment("When the session was signed out; an ended session never works again."),
	}
}

// Edges of the Session.
func (Session) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("account", Account.Type).Ref("sessions").Unique().Required().Immutable().
			Comment("The account signed in."),
	}
}

// Indexes of the Session.
func (Session) Indexes() []ent.Index {
	return []ent.Index{index.Edges("account")}
}

// Annotations of the Session.
func (Session) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("A signed-in web console session. Only the hash of its cookie's identifier is stored."),
		entgql.Skip(entgql.SkipAll),
	}
}

// Policy of the Session: the system alone (access.SignIn and the server's
// session check) reads and writes sessions; no caller of the API sees them.
func (Session) Policy() ent.Policy {
	return privacy.Policy{
		Query:    privacy.QueryPolicy{rule.DenyQuery("sessions")},
		Mutation: privacy.MutationPolicy{rule.DenyMutation("sessions")},
	}
}
