package rule

import (
	"context"

	"entgo.io/ent"

	"github.com/palabre/palabre/access"
	"github.com/palabre/palabre/auth"
	gen "github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/agency"
	"github.com/palabre/palabre/ent/agreement"
	"github.com/palabre/palabre/ent/committee"
	"github.com/palabre/palabre/ent/committeemember"
	"github.com/palabre/palabre/ent/meeting"
	"github.com/palabre/palabre/ent/meetingtransition"
	"github.com/palabre/palabre/ent/minutes"
	"github.com/palabre/palabre/ent/predicate"
	"github.com/palabre/palabre/ent/privacy"
	"github.com/palabre/palabre/ent/schema/pulid"
)

// Who reads which committees, and with them their members, meetings, history
// and minutes:
//   - the public, the committees of agreements that are not confidential and
//     of adopted strategies; of those, held meetings and approved minutes only;
//   - an agency, the committees of the agreements and strategies it reads and
//     those it sits on, with all their meetings; approved minutes, and the
//     drafts of the committees whose secretariat it holds;
//   - the secretariat, reviewers and administrators, everything.

// readableCommittee matches the committees the viewer may read, or is nil
// when the viewer reads them all.
func readableCommittee(v *auth.Viewer) predicate.Committee {
	switch {
	case v == nil:
		return committee.Or(
			committee.HasAgreementWith(agreement.Confidential(false)),
			committee.HasStrategyWith(publicStrategy()),
		)
	case v.Is(auth.RoleAgency):
		return committee.Or(
			committee.HasAgreementWith(readableAgreement(v)),
			committee.HasStrategyWith(readableStrategy(v)),
			committee.HasMembersWith(committeemember.HasAgencyWith(agency.ID(v.AgencyID))),
		)
	}
	return nil
}

// readableMeeting matches the meetings the viewer may read, or is nil when the
// viewer reads them all.
func readableMeeting(v *auth.Viewer) predicate.Meeting {
	switch {
	case v == nil:
		return meeting.And(meeting.StatusEQ(meeting.StatusHeld), meeting.HasCommitteeWith(readableCommittee(v)))
	case v.Is(auth.RoleAgency):
		return meeting.HasCommitteeWith(readableCommittee(v))
	}
	return nil
}

// secretariatOf matches the committees whose secretariat the viewer's agency holds.
func secretariatOf(v *auth.Viewer) predicate.Committee {
	return committee.HasMembersWith(
		committeemember.RoleEQ(committeemember.RoleSecretariat),
		committeemember.HasAgencyWith(agency.ID(v.AgencyID)),
	)
}

// FilterCommittees limits the public and agencies to the committees they may read.
func FilterCommittees() privacy.QueryRule {
	return privacy.CommitteeQueryRuleFunc(func(ctx context.Context, q *gen.CommitteeQuery) error {
		if p := readableCommittee(auth.FromContext(ctx)); p != nil {
			q.Where(p)
		}
		return privacy.Skip
	})
}

// FilterCommitteeMembers limits the public and agencies to the members of the committees they may read.
func FilterCommitteeMembers() privacy.QueryRule {
	return privacy.CommitteeMemberQueryRuleFunc(func(ctx context.Context, q *gen.CommitteeMemberQuery) error {
		if p := readableCommittee(auth.FromContext(ctx)); p != nil {
			q.Where(committeemember.HasCommitteeWith(p))
		}
		return privacy.Skip
	})
}

// FilterMeetings limits the public to held meetings of the committees it
// reads, and agencies to the meetings of the committees they read.
func FilterMeetings() privacy.QueryRule {
	return privacy.MeetingQueryRuleFunc(func(ctx context.Context, q *gen.MeetingQuery) error {
		if p := readableMeeting(auth.FromContext(ctx)); p != nil {
			q.Where(p)
		}
		return privacy.Skip
	})
}

// FilterMeetingTransitions limits the public and agencies to the history of the meetings they may read.
func FilterMeetingTransitions() privacy.QueryRule {
	return privacy.MeetingTransitionQueryRuleFunc(func(ctx context.Context, q *gen.MeetingTransitionQuery) error {
		if p := readableMeeting(auth.FromContext(ctx)); p != nil {
			q.Where(meetingtransition.HasMeetingWith(p))
		}
		return privacy.Skip
	})
}

// FilterMinutes limits the public to approved minutes of the meetings it
// reads, and an agency to those and the drafts of the committees whose
// secretariat it holds.
func FilterMinutes() privacy.QueryRule {
	return privacy.MinutesQueryRuleFunc(func(ctx context.Context, q *gen.MinutesQuery) error {
		approved := minutes.StatusEQ(minutes.StatusApproved)
		switch v := auth.FromContext(ctx); {
		case v == nil:
			q.Where(approved, minutes.HasMeetingWith(readableMeeting(v)))
		case v.Is(auth.RoleAgency):
			q.Where(minutes.Or(
				minutes.And(approved, minutes.HasMeetingWith(readableMeeting(v))),
				minutes.HasMeetingWith(meeting.HasCommitteeWith(secretariatOf(v))),
			))
		}
		return privacy.Skip
	})
}

// AllowCommitteeSecretariat lets the secretariat record meetings, their moves,
// minutes and files, and an agency account those of the committees whose
// secretariat its agency holds (not other committees').
func AllowCommitteeSecretariat() privacy.MutationRule {
	return privacy.MutationRuleFunc(func(ctx context.Context, m ent.Mutation) error {
		if a, ok := m.(*gen.AttachmentMutation); ok {
			if _, ofMeeting := a.MeetingID(); !ofMeeting || !a.Op().Is(ent.OpCreate) {
				return privacy.Skip // the files of other records follow their own rules
			}
		}
		v := auth.FromContext(ctx)
		if v.Is(auth.RoleSecretariat) {
			return privacy.Allow
		}
		if !v.Is(auth.RoleAgency) {
			return privacy.Skip
		}
		// Looking the committee up is the rule's business, not the caller's read.
		look := access.AsSystem(ctx, "which committee the change belongs to decides who may make it")
		var of *gen.CommitteeQuery
		switch m := m.(type) {
		case *gen.MeetingMutation:
			if id, ok := m.CommitteeID(); ok {
				of = m.Client().Committee.Query().Where(committee.ID(id))
			} else if id, ok := m.ID(); ok {
				of = m.Client().Meeting.Query().Where(meeting.ID(id)).QueryCommittee()
			}
		case *gen.MeetingTransitionMutation:
			if id, ok := m.MeetingID(); ok {
				of = m.Client().Meeting.Query().Where(meeting.ID(id)).QueryCommittee()
			}
		case *gen.AttachmentMutation:
			if id, ok := m.MeetingID(); ok {
				of = m.Client().Meeting.Query().Where(meeting.ID(id)).QueryCommittee()
			}
		case *gen.MinutesMutation:
			if id, ok := m.MeetingID(); ok {
				of = m.Client().Meeting.Query().Where(meeting.ID(id)).QueryCommittee()
			} else if id, ok := m.ID(); ok {
				of = m.Client().Minutes.Query().Where(minutes.ID(id)).QueryMeeting().QueryCommittee()
			}
		}
		if of == nil {
			return privacy.Skip
		}
		holds, err := of.Where(secretariatOf(v)).Exist(look)
		if err != nil {
			return err
		}
		if holds {
			return privacy.Allow
		}
		return Denied(ctx, "an agency records the meetings, attendance and minutes of the committees whose secretariat it holds only")
	})
}

// SitsOn matches the committees an agency sits on, in any role.
func SitsOn(agencyID pulid.ID) predicate.Committee {
	return committee.HasMembersWith(committeemember.HasAgencyWith(agency.ID(agencyID)))
}
