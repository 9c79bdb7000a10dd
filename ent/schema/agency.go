package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/palabre/palabre/auth"
	"github.com/palabre/palabre/ent/privacy"
	"github.com/palabre/palabre/ent/schema/pulid"
	"github.com/palabre/palabre/ent/schema/revision"
	"github.com/palabre/palabre/ent/schema/rule"
)

// Agency is an institution that leads, supports, funds or is consulted on a
// strategy: a ministry, a regulator, a national agency, a partner.
type Agency struct{ ent.Schema }

// Mixin of the Agency.
func (Agency) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("AG"), TimeMixin{},
		revision.Mixin{}, AuditMixin{}}
}

// Fields of the Agency.
func (Agency) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").
			Validate(notBlank).MaxLen(300).
			Comment("Full name, such as « Ministère de l'Économie numérique et des Postes ».").
			Annotations(entgql.OrderField("NAME")),
		field.String("acronym").
			Validate(notBlank).MaxLen(30).Unique().
			Comment("Short name, unique across agencies, such as « MENP » or « ANSSI ».").
			Annotations(entgql.OrderField("ACRONYM")),
		field.Enum("kind").
			Annotations(Meanings{
				"MINISTRY":                   "A ministry or government department.",
				"REGULATOR":                  "An independent regulatory authority (telecommunications, data protection…).",
				"NATIONAL_AGENCY":            "A national agency, such as the national cybersecurity agency.",
				"CERT":                       "A computer emergency response team (CERT or CSIRT).",
				"INTERNATIONAL_ORGANISATION": "An international or regional organisation (ITU, ECOWAS, African Union…).",
				"PRIVATE_SECTOR":             "A company or a professional association.",
				"CIVIL_SOCIETY":              "A non-governmental organisation or association.",
				"ACADEMIA":                   "A university or research institution.",
			}).
			NamedValues(
				"Ministry", "MINISTRY",
				"Regulator", "REGULATOR",
				"NationalAgency", "NATIONAL_AGENCY",
				"CERT", "CERT",
				"InternationalOrganisation", "INTERNATIONAL_ORGANISATION",
				"PrivateSector", "PRIVATE_SECTOR",
				"CivilSociety", "CIVIL_SOCIETY",
				"Academia", "ACADEMIA",
			).
			Comment("What kind of institution the agency is."),
		field.String("country").
			Validate(validateCountry).
			Comment("Country of the agency, as an ISO 3166-1 alpha-2 code such as « SN »."),
	}
}

// Edges of the Agency.
func (Agency) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("children", Agency.Type).
			Comment("Agencies placed under this one.").
			From("parent").Unique().
			Comment("The agency this one reports to, if any."),
		// Edges towards strategies, items and accounts are not filterable: those rows
		// may be hidden from the caller, and an edge filter would reveal that they exist.
		edge.To("accounts", Account.Type).
			Comment("Accounts of people who speak for this agency.").
			Annotations(entgql.Skip(entgql.SkipAll)),
		edge.From("led_action_items", ActionItem.Type).Ref("lead_agency").
			Comment("Action items this agency leads.").
			Annotations(entgql.RelayConnection(), entgql.Skip(entgql.SkipWhereInput, entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		edge.From("supported_action_items", ActionItem.Type).Ref("supporting_agencies").
			Comment("Action items this agency supports.").
			Annotations(entgql.RelayConnection(), entgql.Skip(entgql.SkipWhereInput, entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		edge.From("funded_action_items", ActionItem.Type).Ref("funding_partners").
			Comment("Action items this agency funds.").
			Annotations(entgql.RelayConnection(), entgql.Skip(entgql.SkipWhereInput, entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		edge.From("owned_strategies", Strategy.Type).Ref("owner_agency").
			Comment("Strategies this agency drafts and owns.").
			Annotations(entgql.RelayConnection(), entgql.Skip(entgql.SkipWhereInput, entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		edge.From("implemented_strategies", Strategy.Type).Ref("implementing_agency").
			Comment("Strategies this agency implements.").
			Annotations(entgql.RelayConnection(), entgql.Skip(entgql.SkipWhereInput, entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		// The inverse of a round's invitations, so that an agency can be invited
		// to many rounds (without it the edge would be one-to-many). Not in the
		// API: an agency's rounds are listed through consultations.
		edge.From("consultations", Consultation.Type).Ref("invited_agencies").
			Comment("Consultation rounds this agency is invited to.").
			Annotations(entgql.Skip(entgql.SkipAll)),
		// The inverse of a commitment's responsible parties, for the same
		// reason; commitments of confidential agreements must not show here.
		edge.From("responsible_commitments", Commitment.Type).Ref("responsible_parties").
			Comment("Commitments of agreements this agency is responsible for.").
			Annotations(entgql.Skip(entgql.SkipAll)),
		// The inverse of a meeting's attendees, for the same reason; an
		// agency's committees are listed through Agency.committees.
		edge.From("attended_meetings", Meeting.Type).Ref("attendees").
			Comment("Meetings this agency was recorded present at.").
			Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

// Indexes of the Agency.
func (Agency) Indexes() []ent.Index {
	return []ent.Index{index.Fields("kind"), index.Fields("country")}
}

// Annotations of the Agency.
func (Agency) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("An institution that leads, supports, funds or is consulted on a strategy: a ministry, a regulator, a national agency, a partner."),
		entgql.RelayConnection(),
		entgql.QueryField().Description("Agencies, filtered and ordered."),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}

// Policy of the Agency: who may read and write it.
func (Agency) Policy() ent.Policy {
	return privacy.Policy{
		Query: privacy.QueryPolicy{privacy.AlwaysAllowRule()},
		Mutation: privacy.MutationPolicy{
			rule.AllowRoles(auth.RoleAdmin),
			rule.DenyMutation("agencies"),
		},
	}
}
