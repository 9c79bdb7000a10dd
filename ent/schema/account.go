package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/palabre/palabre/auth"
	gen "github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/privacy"
	"github.com/palabre/palabre/ent/schema/pulid"
	"github.com/palabre/palabre/ent/schema/revision"
	"github.com/palabre/palabre/ent/schema/rule"
)

// Account is a person who uses Palabre with a role, and for the agency role, on
// behalf of one agency.
type Account struct{ ent.Schema }

// Mixin of the Account.
func (Account) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("AC"), TimeMixin{},
		revision.Mixin{}, AuditMixin{Digest: []string{"password_hash"}}}
}

// Fields of the Account.
func (Account) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").
			Validate(notBlank).MaxLen(200).
			Comment("Full name of the person.").
			Annotations(entgql.OrderField("NAME")),
		field.String("email").
			Unique().
			Validate(validateEmail).
			Comment("E-mail address, unique across accounts.").
			Annotations(entgql.OrderField("EMAIL")),
		field.Enum("role").
			Annotations(Meanings{
				"ADMIN":       "Manages agencies, accounts and tokens.",
				"SECRETARIAT": "The drafting team: writes strategies, runs consultation rounds, answers observations and moves strategies through their lifecycle.",
				"REVIEWER":    "An interministerial reviewer: reads everything, changes nothing.",
				"AGENCY":      "An agency's focal point: speaks for its agency only (its observations, the rounds it is invited to, progress on the items it leads).",
			}).
			GoType(auth.Role("")).
			Comment("What the account may do."),
		field.Bool("disabled").
			Default(false).
			Comment("A disabled account cannot authenticate, whatever its tokens."),
		field.String("password_hash").
			Optional().Sensitive().
			Comment("The password in PHC form ($argon2id$v=19$m=…,t=…,p=…$salt$hash), with the parameters it was hashed with; empty until set through a password link.").
			Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

// Edges of the Account.
func (Account) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("agency", Agency.Type).Ref("accounts").Unique().
			Comment("The agency the account speaks for; required for the agency role.").
			Annotations(entgql.Skip(entgql.SkipWhereInput)),
		edge.To("tokens", APIToken.Type).
			Comment("API tokens of the account.").
			Annotations(entgql.Skip(entgql.SkipWhereInput, entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		edge.To("sessions", Session.Type).
			Comment("Web console sessions of the account.").
			Annotations(entgql.Skip(entgql.SkipAll)),
		edge.To("password_links", PasswordLink.Type).
			Comment("Links that set the account's password.").
			Annotations(entgql.Skip(entgql.SkipAll)),
		edge.To("notification_preference", NotificationPreference.Type).Unique().
			Comment("How the account wants to be told by e-mail; none means the defaults (mail.DefaultPreferences).").
			Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

// Indexes of the Account.
func (Account) Indexes() []ent.Index {
	return []ent.Index{index.Fields("role")}
}

// Annotations of the Account.
func (Account) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("A person who uses Palabre with a role and, for the agency role, on behalf of one agency."),
		entgql.RelayConnection(),
		entgql.QueryField().Description("Accounts, filtered and ordered. Administrators see every account; others see their own."),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}

// Policy of the Account: who may read and write it.
func (Account) Policy() ent.Policy {
	return privacy.Policy{
		Query: privacy.QueryPolicy{
			rule.DenyPublicUnlessEdge("accounts", gen.TypeAccount),
			rule.FilterOwnAccount(),
			privacy.AlwaysAllowRule(),
		},
		Mutation: privacy.MutationPolicy{
			rule.AllowRoles(auth.RoleAdmin),
			rule.DenyMutation("accounts"),
		},
	}
}
