package rule

import (
	"context"

	"github.com/palabre/palabre/auth"
	"github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/attachment"
	"github.com/palabre/palabre/ent/observation"
	"github.com/palabre/palabre/ent/predicate"
	"github.com/palabre/palabre/ent/privacy"
)

// Who reads which attachments: whoever reads the record it belongs to, by the
// same predicate as that record's own rule, so an agency's draft observation's
// annex is exactly as private as the draft. A new owner kind is one more case.
func readableAttachment(v *auth.Viewer) predicate.Attachment {
	owners := []predicate.Attachment{
		attachment.HasObservationWith(readableObservation(v)), // never nil: drafts
		versionAttachment(readableVersion(v)),
		agreementAttachment(readableAgreement(v)),
		meetingAttachment(readableMeeting(v)),
	}
	return attachment.Or(owners...)
}

func versionAttachment(p predicate.StrategyVersion) predicate.Attachment {
	if p == nil {
		return attachment.HasStrategyVersion()
	}
	return attachment.HasStrategyVersionWith(p)
}

func agreementAttachment(p predicate.Agreement) predicate.Attachment {
	if p == nil {
		return attachment.HasAgreement()
	}
	return attachment.HasAgreementWith(p)
}

func meetingAttachment(p predicate.Meeting) predicate.Attachment {
	if p == nil {
		return attachment.HasMeeting()
	}
	return attachment.HasMeetingWith(p)
}

// FilterAttachments limits every caller to the attachments of the records they read.
func FilterAttachments() privacy.QueryRule {
	return privacy.AttachmentQueryRuleFunc(func(ctx context.Context, q *ent.AttachmentQuery) error {
		q.Where(readableAttachment(auth.FromContext(ctx)))
		return privacy.Skip
	})
}

// AllowAttaching lets the secretariat attach files to strategy versions and
// agreements (a meeting's files follow the meeting's own rule,
// AllowCommitteeSecretariat), and an agency account attach files to its own agency's
// observations while they are drafts or awaiting an answer. The uploader is
// always the caller. Attachments are never changed (their hooks refuse it).
func AllowAttaching() privacy.MutationRule {
	return privacy.AttachmentMutationRuleFunc(func(ctx context.Context, m *ent.AttachmentMutation) error {
		v := auth.FromContext(ctx)
		if v == nil || !m.Op().Is(ent.OpCreate) {
			return privacy.Skip
		}
		if by, ok := m.UploadedByID(); !ok || by != v.AccountID {
			return Denied(ctx, "an attachment is uploaded by the caller")
		}
		if _, ok := m.StrategyVersionID(); ok && v.Is(auth.RoleSecretariat) {
			return privacy.Allow
		}
		if _, ok := m.AgreementID(); ok && v.Is(auth.RoleSecretariat) {
			return privacy.Allow
		}
		if id, ok := m.ObservationID(); ok && v.Is(auth.RoleAgency) {
			own, err := m.Client().Observation.Query().
				Where(observation.ID(id), ownAgency(v), observation.StatusIn(observation.StatusDraft, observation.StatusSubmitted)).
				Exist(ctx)
			if err != nil {
				return err
			}
			if !own {
				return Denied(ctx, "an agency attaches files to its own agency's observations, while they are drafts or await an answer")
			}
			return privacy.Allow
		}
		return privacy.Skip
	})
}
