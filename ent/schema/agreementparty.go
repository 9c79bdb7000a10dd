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

// AgreementParty is an agency's part in an agreement: its role, and who signed
// for it.
type AgreementParty struct{ ent.Schema }

// Mixin of the AgreementParty.
func (AgreementParty) Mixin() []ent.Mixin {
	return []ent.Mixin{pulid.MixinWithPrefix("AP"), TimeMixin{}, revision.Mixin{}, AuditMixin{}}
}

// Fields of the AgreementParty.
func (AgreementParty) Fields() []ent.Field {
	return []ent.Field{
		field.Enum("role").
			Annotations(Meanings{
				"SIGNATORY":            "Signs the agreement and is bound by it.",
				"IMPLEMENTING_PARTNER": "Carries out part of the agreement.",
				"FUNDER":               "Funds part of the agreement.",
				"OBSERVER":             "Follows the agreement without undertaking anything.",
			}).
			NamedValues(
				"Signatory", "SIGNATORY",
				"ImplementingPartner", "IMPLEMENTING_PARTNER",
				"Funder", "FUNDER",
				"Observer", "OBSERVER",
			).
			Comment("The agency's role in the agreement."),
		field.String("signatory_name").
			Default("").MaxLen(200).
			Comment("Name of the person who signed for the agency, such as « Moussa Bocar Thiam »."),
		field.String("signatory_title").
			Default("").MaxLen(300).
			Comment("Title of the person who signed, such as « Ministre de la Communication, des Télécommunications et du Numérique »."),
	}
}

// Edges of the AgreementParty.
func (AgreementParty) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("agreement", Agreement.Type).Ref("parties").Unique().Required().Immutable().
			Comment("The agreement."),
		edge.To("agency", Agency.Type).Unique().Required().Immutable().
			Comment("The agency party to it; its kind and country say whether it is a foreign ministry, an international organisation, a regulator or civil society."),
	}
}

// Indexes of the AgreementParty: an agency is party to an agreement once.
func (AgreementParty) Indexes() []ent.Index {
	return []ent.Index{index.Edges("agreement", "agency").Unique()}
}

// Annotations of the AgreementParty.
func (AgreementParty) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("An agency's part in an agreement: its role (signatory, implementing partner, funder, observer) and who signed for it."),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}

// Policy of the AgreementParty: read with its agreement, written by the secretariat.
func (AgreementParty) Policy() ent.Policy {
	return privacy.Policy{
		Query: privacy.QueryPolicy{
			rule.FilterAgreementParties(),
			privacy.AlwaysAllowRule(),
		},
		Mutation: privacy.MutationPolicy{
			rule.AllowRoles(auth.RoleSecretariat),
			rule.DenyMutation("parties of agreements"),
		},
	}
}
