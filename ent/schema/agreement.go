package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
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

// Agreement is a memorandum of understanding or cooperation agreement between
// agencies (ministries, foreign ministries, international organisations,
// regulators, civil society): its parties, its domains, what each party
// commits to, and the action items that carry the commitments out.
type Agreement struct{ ent.Schema }

// Mixin of the Agreement.
func (Agreement) Mixin() []ent.Mixin {
	return []ent.Mixin{
		pulid.MixinWithPrefix("AR"),
		TimeMixin{},
		revision.Mixin{},
		SearchMixin{Over: []string{"title", "reference", "summary"}},
		AuditMixin{},
	}
}

// Fields of the Agreement.
func (Agreement) Fields() []ent.Field {
	return []ent.Field{
		field.Enum("kind").
			Annotations(Meanings{
				"MEMORANDUM_OF_UNDERSTANDING": "A memorandum of understanding (MoU): a statement of intent to cooperate.",
				"COOPERATION_AGREEMENT":       "A cooperation agreement: binding undertakings to work together.",
				"CONVENTION":                  "A convention, often multilateral.",
				"PROTOCOL":                    "A protocol, often implementing or supplementing another instrument.",
			}).
			NamedValues(
				"MemorandumOfUnderstanding", "MEMORANDUM_OF_UNDERSTANDING",
				"CooperationAgreement", "COOPERATION_AGREEMENT",
				"Convention", "CONVENTION",
				"Protocol", "PROTOCOL",
			).
			Comment("What kind of instrument the agreement is.").
			Annotations(entgql.OrderField("KIND")),
		field.String("title").
			Validate(notBlank).MaxLen(500).
			Comment("Title of the agreement.").
			Annotations(entgql.OrderField("TITLE")),
		field.String("reference").
			Default("").MaxLen(200).
			Comment("Reference of the instrument, such as « MoU SN-CI/2025/03 »; empty when it has none."),
		field.Text("summary").
			Default("").MaxLen(20000).
			Comment("What the agreement is about."),
		field.Time("signed_on").
			Optional().Nillable().
			Comment("When the agreement was signed; required to move it to SIGNED.").
			Annotations(entgql.OrderField("SIGNED_ON")),
		field.String("signing_place").
			Default("").MaxLen(200).
			Comment("Where the agreement was signed, such as « Abidjan »."),
		field.Time("entry_into_force_on").
			Optional().Nillable().
			Comment("When the agreement entered or enters into force; required to move it to IN_FORCE, not before its signature."),
		field.Time("ends_on").
			Optional().Nillable().
			Comment("When the agreement ends, if it has an end date; not before its entry into force.").
			Annotations(entgql.OrderField("ENDS_ON")),
		field.Int("duration_months").
			Optional().Nillable().Positive().
			Comment("Duration of the agreement in months from its entry into force, when it is given as a duration rather than an end date."),
		field.Bool("tacit_renewal").
			Default(false).
			Comment("True when the agreement renews itself for the same duration unless a party denounces it."),
		field.Enum("status").
			Annotations(Meanings{
				"NEGOTIATION": "Being negotiated (the default).",
				"SIGNED":      "Signed by its parties, not yet in force.",
				"IN_FORCE":    "In force: its commitments are being carried out.",
				"EXPIRED":     "Ended at its term.",
				"TERMINATED":  "Ended early by its parties, or abandoned before it came into force.",
			}).
			NamedValues(
				"Negotiation", "NEGOTIATION",
				"Signed", "SIGNED",
				"InForce", "IN_FORCE",
				"Expired", "EXPIRED",
				"Terminated", "TERMINATED",
			).
			Default("NEGOTIATION").
			Comment("Where the agreement stands: negotiation, signed, in force, then expired or terminated. It changes by moveAgreement only, which records each move.").
			Annotations(entgql.OrderField("STATUS"), entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		field.Bool("confidential").
			Default(false).
			Comment("True when the agreement is confidential: only the secretariat, reviewers and the agencies party to it read it, its commitments and its action items."),
	}
}

// Edges of the Agreement.
func (Agreement) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("parties", AgreementParty.Type).
			Comment("The agencies party to the agreement, each with its role.").
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput), entsql.OnDelete(entsql.Restrict)),
		edge.To("domains", Domain.Type).
			Comment("The cooperation domains the agreement covers.").
			Annotations(entsql.OnDelete(entsql.Restrict)),
		edge.To("commitments", Commitment.Type).
			Comment("What the parties undertake to do, in the agreement's order.").
			Annotations(entgql.RelayConnection(), entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput), entsql.OnDelete(entsql.Restrict)),
		edge.To("attachments", Attachment.Type).
			Comment("Files of the agreement (its signed text, annexes), oldest first.").
			Annotations(entgql.Skip(entgql.SkipWhereInput, entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput), entsql.OnDelete(entsql.Restrict)),
		edge.To("transitions", AgreementTransition.Type).
			Comment("The agreement's moves from one status to another, oldest first.").
			Annotations(entgql.Skip(entgql.SkipWhereInput, entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput), entsql.OnDelete(entsql.Restrict)),
	}
}

// Indexes of the Agreement.
func (Agreement) Indexes() []ent.Index {
	return []ent.Index{index.Fields("status"), index.Fields("confidential")}
}

// Annotations of the Agreement.
func (Agreement) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("A memorandum of understanding, cooperation agreement, convention or protocol between agencies: its parties, domains, commitments and the action items that carry them out."),
		entgql.RelayConnection(),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}

// Policy of the Agreement: who may read and write it.
func (Agreement) Policy() ent.Policy {
	return privacy.Policy{
		Query: privacy.QueryPolicy{
			rule.FilterAgreements(),
			privacy.AlwaysAllowRule(),
		},
		Mutation: privacy.MutationPolicy{
			rule.AllowRoles(auth.RoleSecretariat),
			rule.DenyMutation("agreements"),
		},
	}
}
