package schema

import (
	"context"

	"entgo.io/ent"

	"github.com/palabre/palabre"
	"github.com/palabre/palabre/access"
	"github.com/palabre/palabre/coordination"
	gen "github.com/palabre/palabre/ent"
	"github.com/palabre/palabre/ent/actionitem"
	"github.com/palabre/palabre/ent/agreement"
	"github.com/palabre/palabre/ent/committee"
	"github.com/palabre/palabre/ent/committeemember"
	"github.com/palabre/palabre/ent/hook"
	"github.com/palabre/palabre/ent/meeting"
	"github.com/palabre/palabre/ent/meetingtransition"
	"github.com/palabre/palabre/ent/minutes"
	"github.com/palabre/palabre/ent/strategy"
)

// Hooks of the Committee: each loads what a rule of package coordination
// needs and calls it.
func (Committee) Hooks() []ent.Hook {
	return []ent.Hook{
		hook.On(followsOnePlan, ent.OpCreate),
		hook.Reject(ent.OpUpdate),
	}
}

// Hooks of the Meeting.
func (Meeting) Hooks() []ent.Hook {
	return []ent.Hook{
		hook.On(meetingStatusThroughMoves, ent.OpCreate|ent.OpUpdateOne),
		hook.On(membersAttend, ent.OpCreate|ent.OpUpdateOne),
		hook.Reject(ent.OpUpdate),
	}
}

// Hooks of the MeetingTransition.
func (MeetingTransition) Hooks() []ent.Hook {
	return []ent.Hook{
		hook.On(recordedByMeetingMoves, ent.OpCreate),
		hook.On(keepMeetingHistory, ent.OpUpdate|ent.OpUpdateOne|ent.OpDelete|ent.OpDeleteOne),
	}
}

// Interceptors of the MeetingTransition: a meeting's moves read in the order
// they happened.
func (MeetingTransition) Interceptors() []ent.Interceptor {
	return []ent.Interceptor{ent.InterceptFunc(func(next ent.Querier) ent.Querier {
		return ent.QuerierFunc(func(ctx context.Context, q ent.Query) (ent.Value, error) {
			if tq, ok := q.(*gen.MeetingTransitionQuery); ok {
				tq.Order(meetingtransition.ByCreatedAt(), meetingtransition.ByID())
			}
			return next.Query(ctx, q)
		})
	})}
}

// Hooks of the Minutes.
func (Minutes) Hooks() []ent.Hook {
	return []ent.Hook{
		hook.On(numberMinutes, ent.OpCreate),
		hook.On(freezeApprovedMinutes, ent.OpUpdateOne|ent.OpDeleteOne|ent.OpDelete),
		hook.On(approvedByApproval, ent.OpCreate|ent.OpUpdateOne),
		hook.Reject(ent.OpUpdate),
	}
}

// Interceptors of the Minutes: a meeting's versions read in their order.
func (Minutes) Interceptors() []ent.Interceptor {
	return []ent.Interceptor{ent.InterceptFunc(func(next ent.Querier) ent.Querier {
		return ent.QuerierFunc(func(ctx context.Context, q ent.Query) (ent.Value, error) {
			if mq, ok := q.(*gen.MinutesQuery); ok {
				mq.Order(minutes.ByNumber(), minutes.ByID())
			}
			return next.Query(ctx, q)
		})
	})}
}

// followsOnePlan requires a committee to follow one agreement or one strategy
// (coordination.CheckFollows).
func followsOnePlan(next ent.Mutator) ent.Mutator {
	return hook.CommitteeFunc(func(ctx context.Context, m *gen.CommitteeMutation) (ent.Value, error) {
		_, hasAgreement := m.AgreementID()
		_, hasStrategy := m.StrategyID()
		if err := coordination.CheckFollows(hasAgreement, hasStrategy); err != nil {
			return nil, err
		}
		return next.Mutate(ctx, m)
	})
}

// meetingStatusThroughMoves lets a meeting's status change only through
// coordination.Move. Only the system creates a meeting past scheduled (demo
// data, imports).
func meetingStatusThroughMoves(next ent.Mutator) ent.Mutator {
	return hook.MeetingFunc(func(ctx context.Context, m *gen.MeetingMutation) (ent.Value, error) {
		status, set := m.Status()
		switch {
		case !set, coordination.Moving(ctx):
		case m.Op().Is(ent.OpCreate) && (status == meeting.DefaultStatus || changedByTheSystem(ctx)):
		default:
			return nil, palabre.Errorf(palabre.EINVALID, "a meeting's status changes only by moving it (moveMeeting)")
		}
		return next.Mutate(ctx, m)
	})
}

// membersAttend records as present only members of the committee, on a held
// meeting (coordination.CheckAttendance).
func membersAttend(next ent.Mutator) ent.Mutator {
	return hook.MeetingFunc(func(ctx context.Context, m *gen.MeetingMutation) (ent.Value, error) {
		present := m.AttendeesIDs()
		if len(present) == 0 {
			return next.Mutate(ctx, m)
		}
		look := access.AsSystem(ctx, "attendance is checked against the committee's members")
		status, set := m.Status()
		committeeID, ok := m.CommitteeID()
		if !ok {
			id, _ := m.ID()
			current, err := m.Client().Meeting.Query().Where(meeting.ID(id)).
				WithCommittee(func(q *gen.CommitteeQuery) { q.Select(committee.FieldID) }).Only(look)
			if err != nil {
				return nil, err
			}
			committeeID = current.Edges.Committee.ID
			if !set {
				status = current.Status
			}
		} else if !set {
			status = meeting.DefaultStatus
		}
		members, err := m.Client().CommitteeMember.Query().
			Where(committeemember.HasCommitteeWith(committee.ID(committeeID))).
			QueryAgency().IDs(look)
		if err != nil {
			return nil, err
		}
		if err := coordination.CheckAttendance(present, members, status); err != nil {
			return nil, err
		}
		return next.Mutate(ctx, m)
	})
}

// recordedByMeetingMoves lets only coordination.Move write a meeting's history.
func recordedByMeetingMoves(next ent.Mutator) ent.Mutator {
	return hook.MeetingTransitionFunc(func(ctx context.Context, m *gen.MeetingTransitionMutation) (ent.Value, error) {
		if !coordination.Moving(ctx) {
			return nil, palabre.Errorf(palabre.EINVALID, "a meeting's history records its moves (moveMeeting) and nothing else")
		}
		return next.Mutate(ctx, m)
	})
}

// keepMeetingHistory refuses to rewrite or erase a move, whoever asks.
func keepMeetingHistory(ent.Mutator) ent.Mutator {
	return ent.MutateFunc(func(context.Context, ent.Mutation) (ent.Value, error) {
		return nil, palabre.Errorf(palabre.ECONFLICT, "a meeting's history is kept as it happened: a move can be neither changed nor deleted")
	})
}

// numberMinutes numbers a new version of a meeting's minutes after the
// existing ones, on a held meeting only (coordination.CheckMinutesOf).
func numberMinutes(next ent.Mutator) ent.Mutator {
	return hook.MinutesFunc(func(ctx context.Context, m *gen.MinutesMutation) (ent.Value, error) {
		meetingID, ok := m.MeetingID()
		if !ok {
			return next.Mutate(ctx, m) // refused by the required edge
		}
		look := access.AsSystem(ctx, "minutes are numbered within their meeting")
		held, err := m.Client().Meeting.Query().Where(meeting.ID(meetingID)).Select(meeting.FieldStatus).String(look)
		if gen.IsNotFound(err) {
			return nil, palabre.Errorf(palabre.ENOTFOUND, "meeting %s not found", meetingID)
		}
		if err != nil {
			return nil, err
		}
		if err := coordination.CheckMinutesOf(meeting.Status(held)); err != nil {
			return nil, err
		}
		n, err := m.Client().Minutes.Query().Where(minutes.HasMeetingWith(meeting.ID(meetingID))).Count(look)
		if err != nil {
			return nil, err
		}
		m.SetNumber(n + 1)
		return next.Mutate(ctx, m)
	})
}

// freezeApprovedMinutes refuses to change or delete approved minutes, whoever
// asks, the system included (coordination.CheckMinutesEdit).
func freezeApprovedMinutes(next ent.Mutator) ent.Mutator {
	return hook.MinutesFunc(func(ctx context.Context, m *gen.MinutesMutation) (ent.Value, error) {
		ids, err := m.IDs(ctx)
		if err != nil {
			return nil, err
		}
		approved, err := m.Client().Minutes.Query().
			Where(minutes.IDIn(ids...), minutes.StatusEQ(minutes.StatusApproved)).
			Exist(access.AsSystem(ctx, "approved minutes are frozen, whoever reads them"))
		if err != nil {
			return nil, err
		}
		if approved {
			return nil, coordination.CheckMinutesEdit(minutes.StatusApproved)
		}
		return next.Mutate(ctx, m)
	})
}

// approvedByApproval lets minutes be approved (status, time, hash, approver)
// only by coordination.Approve, which hashes their text.
func approvedByApproval(next ent.Mutator) ent.Mutator {
	return hook.MinutesFunc(func(ctx context.Context, m *gen.MinutesMutation) (ent.Value, error) {
		status, set := m.Status()
		_, hashed := m.Sha256()
		_, dated := m.ApprovedAt()
		if coordination.Approving(ctx) || ((!set || status == minutes.StatusDraft) && !hashed && !dated) {
			return next.Mutate(ctx, m)
		}
		return nil, palabre.Errorf(palabre.EINVALID, "minutes are approved by approveMinutes, which freezes and hashes them")
	})
}

// decidedByOneBody requires a decision to be about one strategy or taken at
// one meeting (coordination.CheckDecidedBy).
func decidedByOneBody(next ent.Mutator) ent.Mutator {
	return hook.DecisionFunc(func(ctx context.Context, m *gen.DecisionMutation) (ent.Value, error) {
		_, hasStrategy := m.StrategyID()
		_, hasMeeting := m.MeetingID()
		if err := coordination.CheckDecidedBy(hasStrategy, hasMeeting); err != nil {
			return nil, err
		}
		return next.Mutate(ctx, m)
	})
}

// followUpOfFollowedPlan requires a meeting's follow-up action to belong to the
// plan its committee follows (coordination.CheckFollowUp). It runs after
// placeInPlan, which records the item's strategy or agreement.
func followUpOfFollowedPlan(next ent.Mutator) ent.Mutator {
	return hook.ActionItemFunc(func(ctx context.Context, m *gen.ActionItemMutation) (ent.Value, error) {
		meetingID, set := m.MeetingID()
		if !set {
			return next.Mutate(ctx, m)
		}
		look := access.AsSystem(ctx, "a follow-up is checked against the plan its committee follows")
		c, err := m.Client().Meeting.Query().Where(meeting.ID(meetingID)).QueryCommittee().
			WithAgreement(func(q *gen.AgreementQuery) { q.Select(agreement.FieldID) }).
			WithStrategy(func(q *gen.StrategyQuery) { q.Select(strategy.FieldID) }).
			Only(look)
		if gen.IsNotFound(err) {
			return nil, palabre.Errorf(palabre.ENOTFOUND, "meeting %s not found", meetingID)
		}
		if err != nil {
			return nil, err
		}
		var followed, item coordination.FollowedPlan
		if c.Edges.Agreement != nil {
			followed.Agreement = &c.Edges.Agreement.ID
		}
		if c.Edges.Strategy != nil {
			followed.Strategy = &c.Edges.Strategy.ID
		}
		if id, ok := m.StrategyID(); ok {
			item.Strategy = &id
		} else if id, ok := m.AgreementID(); ok {
			item.Agreement = &id
		} else {
			id, _ := m.ID()
			current, err := m.Client().ActionItem.Query().Where(actionitem.ID(id)).
				WithStrategy(func(q *gen.StrategyQuery) { q.Select(strategy.FieldID) }).
				WithAgreement(func(q *gen.AgreementQuery) { q.Select(agreement.FieldID) }).
				Only(look)
			if err != nil {
				return nil, err
			}
			if current.Edges.Strategy != nil {
				item.Strategy = &current.Edges.Strategy.ID
			}
			if current.Edges.Agreement != nil {
				item.Agreement = &current.Edges.Agreement.ID
			}
		}
		if err := coordination.CheckFollowUp(followed, item); err != nil {
			return nil, err
		}
		return next.Mutate(ctx, m)
	})
}
