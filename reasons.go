package palabre

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Reason names why a rule refused a change, in errors[].extensions.reason,
// beside the code: a frontend says the reason in its user's language, filled
// with the refusal's params (extensions.params). The English message stays for
// every other caller.
type Reason string

// ReasonDoc is a reason and what it means, with the params it sends in
// braces. Reasons is the one list of reasons: the GraphQL enum ErrorReason is
// written from it (go run ./graph/reasonsgen, in make generate).
type ReasonDoc struct {
	Reason Reason
	Doc    string
}

// The reasons of refusals.
const (
	// Lifecycle.
	ReasonIllegalMove          Reason = "ILLEGAL_MOVE"
	ReasonLifecycleEnded       Reason = "LIFECYCLE_ENDED"
	ReasonStatusByMoveOnly     Reason = "STATUS_BY_MOVE_ONLY"
	ReasonAdoptionOnOtherMove  Reason = "ADOPTION_ON_OTHER_MOVE"
	ReasonNoRoundToConsultIn   Reason = "NO_ROUND_TO_CONSULT_IN"
	ReasonNotReadyToSubmit     Reason = "NOT_READY_TO_SUBMIT"
	ReasonAdoptionMissing      Reason = "ADOPTION_MISSING"
	ReasonAdoptionActReference Reason = "ADOPTION_ACT_REFERENCE_MISSING"
	ReasonAdoptionActDate      Reason = "ADOPTION_ACT_DATE_MISSING"
	ReasonAdoptionForeignVer   Reason = "ADOPTION_VERSION_NOT_OWN"
	ReasonAdoptedTextFrozen    Reason = "ADOPTED_TEXT_FROZEN"
	// Records and versions.
	ReasonStaleRevision       Reason = "STALE_REVISION"
	ReasonVersionFrozen       Reason = "VERSION_FROZEN"
	ReasonVersionRace         Reason = "VERSION_PUBLISHED_AT_ONCE"
	ReasonObjectiveOwnParent  Reason = "OBJECTIVE_OWN_PARENT"
	ReasonObjectiveParentElse Reason = "OBJECTIVE_PARENT_ELSEWHERE"
	// Plan.
	ReasonPeriodReversed       Reason = "PERIOD_REVERSED"
	ReasonDueBeforeStart       Reason = "DUE_BEFORE_START"
	ReasonBudgetCurrency       Reason = "BUDGET_WITHOUT_CURRENCY"
	ReasonItemDependsOnItself  Reason = "ITEM_DEPENDS_ON_ITSELF"
	ReasonItemDependsElsewhere Reason = "ITEM_DEPENDS_ELSEWHERE"
	ReasonProgressRange        Reason = "PROGRESS_OUT_OF_RANGE"
	ReasonReportInFuture       Reason = "REPORT_IN_FUTURE"
	ReasonReportNarrative      Reason = "REPORT_NARRATIVE_MISSING"
	// Rounds.
	ReasonRoundNotPlanned       Reason = "ROUND_NOT_PLANNED"
	ReasonRoundNotOpenYet       Reason = "ROUND_NOT_OPEN_YET"
	ReasonRoundClosed           Reason = "ROUND_CLOSED"
	ReasonRoundNotClosed        Reason = "ROUND_NOT_CLOSED"
	ReasonRoundConsolidated     Reason = "ROUND_CONSOLIDATED"
	ReasonRoundUnanswered       Reason = "ROUND_HAS_UNANSWERED"
	ReasonClosingTimePassed     Reason = "CLOSING_TIME_PASSED"
	ReasonClosingTimeNotLater   Reason = "CLOSING_TIME_NOT_LATER"
	ReasonRoundWindow           Reason = "ROUND_CLOSES_BEFORE_OPENING"
	ReasonRoundVersionElsewhere Reason = "ROUND_VERSION_ELSEWHERE"
	ReasonInvitationRequired    Reason = "INVITATION_REQUIRED"
	ReasonInvitationsFinal      Reason = "INVITATIONS_FINAL"
	ReasonInvitedAgencySpoke    Reason = "INVITED_AGENCY_SPOKE"
	ReasonInvitedAgencyUnknown  Reason = "INVITED_AGENCY_UNKNOWN"
	ReasonNotInvited            Reason = "NOT_INVITED"
	// Observations and answers.
	ReasonObservationNewStatus Reason = "OBSERVATION_NEW_STATUS"
	ReasonObservationWithdrawn Reason = "OBSERVATION_WITHDRAWN"
	ReasonObservationAnswered  Reason = "OBSERVATION_ANSWERED"
	ReasonObservationSubmitted Reason = "OBSERVATION_SUBMITTED"
	ReasonAmendmentText        Reason = "AMENDMENT_TEXT_MISSING"
	ReasonAnswerDraft          Reason = "ANSWER_TO_DRAFT"
	ReasonAnswerWithdrawn      Reason = "ANSWER_TO_WITHDRAWN"
	ReasonAnswerDisposition    Reason = "ANSWER_DISPOSITION"
	ReasonAnswerResponse       Reason = "ANSWER_RESPONSE_MISSING"
	ReasonAnswerNoVersion      Reason = "ANSWER_TAKES_NO_VERSION"
	ReasonAnswerVersionEarly   Reason = "ANSWER_VERSION_NOT_LATER"
	ReasonTargetOnStrategy     Reason = "TARGET_ON_WHOLE_STRATEGY"
	ReasonTargetMissing        Reason = "TARGET_MISSING"
	ReasonTargetNotConsulted   Reason = "TARGET_NOT_IN_VERSION"
	ReasonNothingToChange      Reason = "NOTHING_TO_CHANGE"
	// Retries.
	ReasonKeyInUse  Reason = "IDEMPOTENCY_KEY_IN_USE"
	ReasonKeyReused Reason = "IDEMPOTENCY_KEY_REUSED"
	// Plan's records.
	ReasonItemPlanBoth     Reason = "ITEM_IN_TWO_PLANS"
	ReasonItemPlanNone     Reason = "ITEM_IN_NO_PLAN"
	ReasonItemLink         Reason = "ITEM_LINK_FROM_AGREEMENT"
	ReasonIndicatorTarget  Reason = "INDICATOR_TARGET"
	ReasonReportIndicators Reason = "REPORT_FOREIGN_INDICATOR"
	// Decisions.
	ReasonDecisionSettled   Reason = "DECISION_SETTLED"
	ReasonOptionBlank       Reason = "OPTION_BLANK"
	ReasonOptionTwice       Reason = "OPTION_TWICE"
	ReasonOptionFavoured    Reason = "OPTION_FAVOURED"
	ReasonOptionUnknown     Reason = "OPTION_UNKNOWN"
	ReasonSettlementOutcome Reason = "SETTLEMENT_OUTCOME_MISSING"
	ReasonSettlementBody    Reason = "SETTLEMENT_BODY_MISSING"
	ReasonSettlementDate    Reason = "SETTLEMENT_DATE_MISSING"
)

// Reasons lists every reason with what it means. Params in braces: dates and
// times are sent in RFC 3339, numbers in decimal, states as their enum value.
var Reasons = []ReasonDoc{
	{ReasonIllegalMove, "A strategy in {from} may move to {allowed} (states separated by commas), not to {to}."},
	{ReasonLifecycleEnded, "The strategy is {status}, the end of its lifecycle: it moves no further."},
	{ReasonStatusByMoveOnly, "A strategy's status changes only by moving it through its lifecycle (moveStrategy)."},
	{ReasonAdoptionOnOtherMove, "An adopting act is recorded by the move to ADOPTED only, not to {to}."},
	{ReasonNoRoundToConsultIn, "The strategy has no open or planned round: plan one on a published version first."},
	{ReasonNotReadyToSubmit, "The strategy cannot be submitted yet: {unanswered} submitted observations await their answer and {openDecisions} decisions are open."},
	{ReasonAdoptionMissing, "Moving to ADOPTED records the adopting act: give the version adopted, the act's reference and date."},
	{ReasonAdoptionActReference, "The adoption needs the reference of the act."},
	{ReasonAdoptionActDate, "The adoption needs the date of the act."},
	{ReasonAdoptionForeignVer, "The version adopted ({version}) is not a published version of this strategy."},
	{ReasonAdoptedTextFrozen, "The strategy is adopted and its text stays as adopted ({edit}: ADDING, REMOVING or CHANGING; {fields} changed); only progress, status and measurements are still reported."},
	{ReasonStaleRevision, "The {type} was changed by someone else since revision {revision}, the one sent: read it again and reapply the change."},
	{ReasonVersionFrozen, "A published version never changes."},
	{ReasonVersionRace, "Another version was published at the same time as number {number}: publish again."},
	{ReasonObjectiveOwnParent, "An objective cannot be its own parent."},
	{ReasonObjectiveParentElse, "The parent objective must belong to the same strategy."},
	{ReasonPeriodReversed, "The period ends ({end}) before it starts ({start})."},
	{ReasonDueBeforeStart, "The due date ({due}) is before the start date ({start})."},
	{ReasonBudgetCurrency, "An estimated budget needs its currency."},
	{ReasonItemDependsOnItself, "An action item cannot depend on itself."},
	{ReasonItemDependsElsewhere, "An action item can only depend on action items of its own strategy or agreement."},
	{ReasonProgressRange, "Progress is a percentage from 0 to 100, not {progress}."},
	{ReasonReportInFuture, "A report describes the past: its date ({asOf}) is after now ({now})."},
	{ReasonReportNarrative, "A report needs its narrative: what was done."},
	{ReasonRoundNotPlanned, "The round is {status}: only a planned round can be opened."},
	{ReasonRoundNotOpenYet, "The round {title} is not open yet: it opens at {opensAt}."},
	{ReasonRoundClosed, "The round {title} is {status} (it closed at {closesAt}): its closing time, its observations and their changes are final."},
	{ReasonRoundNotClosed, "The round is {status}: only a closed round can be consolidated."},
	{ReasonRoundConsolidated, "The round {title} is consolidated: its record and its answers are final."},
	{ReasonRoundUnanswered, "{waiting} submitted observations still await an answer: answer them before consolidating the round."},
	{ReasonClosingTimePassed, "The new closing time ({closesAt}) has passed: give a time in the future, or close the round."},
	{ReasonClosingTimeNotLater, "The new closing time ({closesAt}) must be later than the current one ({current})."},
	{ReasonRoundWindow, "The round must close ({closesAt}) after it opens ({opensAt})."},
	{ReasonRoundVersionElsewhere, "The version {version} is not a version of the strategy concerned."},
	{ReasonInvitationRequired, "A round invites at least one agency."},
	{ReasonInvitationsFinal, "The round is {status}: its invitations are final."},
	{ReasonInvitedAgencySpoke, "{agencies} made observations in this round and stay invited."},
	{ReasonInvitedAgencyUnknown, "An invited agency does not exist."},
	{ReasonNotInvited, "The caller's agency is not invited to the round {title}."},
	{ReasonObservationNewStatus, "A new observation is a draft or submitted, not {status}."},
	{ReasonObservationWithdrawn, "The observation was withdrawn: it can no longer change."},
	{ReasonObservationAnswered, "The observation was answered ({status}): it can no longer change."},
	{ReasonObservationSubmitted, "The observation was submitted: it cannot go back to draft."},
	{ReasonAmendmentText, "An amendment needs the text it proposes instead (proposedText)."},
	{ReasonAnswerDraft, "The observation is a draft: it is answered once its agency submits it."},
	{ReasonAnswerWithdrawn, "The observation was withdrawn by its agency: there is nothing to answer."},
	{ReasonAnswerDisposition, "An answer accepts, partially accepts, rejects or declares out of scope."},
	{ReasonAnswerResponse, "An answer {disposition} gives its reasons in a response."},
	{ReasonAnswerNoVersion, "An observation answered {disposition} is taken into no version."},
	{ReasonAnswerVersionEarly, "An observation is taken into a version later than version {consulted}, the one consulted, not into version {takenInto}."},
	{ReasonTargetOnStrategy, "An observation on the whole strategy names no target: omit targetID."},
	{ReasonTargetMissing, "Name the {kind} (OBJECTIVE or ACTION_ITEM) the observation is about (targetID)."},
	{ReasonTargetNotConsulted, "The {kind} (OBJECTIVE or ACTION_ITEM) {target} is not in version {version}, the version consulted."},
	{ReasonNothingToChange, "Nothing to change: give a kind, a body, a proposed text or submit."},
	{ReasonKeyInUse, "The idempotency key {key} is being used by another request: retry."},
	{ReasonKeyReused, "The idempotency key {key} was already used for another request ({first}): use a new key, or resend the first request unchanged."},
	{ReasonItemPlanBoth, "An action item belongs to one plan: an objective or a commitment, not both."},
	{ReasonItemPlanNone, "An action item belongs to a plan: give an objective or a commitment."},
	{ReasonItemLink, "Only a strategy's action item implements an agreement's commitment (implementsID)."},
	{ReasonIndicatorTarget, "An indicator measures exactly one objective or one action item."},
	{ReasonReportIndicators, "A report measures the item's own indicators only."},
	{ReasonDecisionSettled, "The decision is settled: its question, options, outcome and positions no longer change."},
	{ReasonOptionBlank, "An option cannot be blank."},
	{ReasonOptionTwice, "The option {option} is given twice."},
	{ReasonOptionFavoured, "A recorded position favours {option}, which the new options leave out: record that position again first."},
	{ReasonOptionUnknown, "{option} is not one of the decision's options ({options})."},
	{ReasonSettlementOutcome, "A settled decision says what was decided: give the outcome."},
	{ReasonSettlementBody, "A settled decision names the body that decided."},
	{ReasonSettlementDate, "A settled decision is dated: give the date it was decided on."},
}

// Refuse returns an *Error with a reason and its params, given as name,
// value pairs ("status", "OPEN"). Its message is the reason's English
// sentence with the params filled in, unless Sayf gives another.
func Refuse(code string, reason Reason, params ...any) *Error {
	e := &Error{Code: code, Reason: reason, Params: map[string]string{}}
	for i := 0; i+1 < len(params); i += 2 {
		e.Params[fmt.Sprint(params[i])] = paramValue(params[i+1])
	}
	e.Message = reason.sentence(e.Params)
	return e
}

// Sayf sets the refusal's English message.
func (e *Error) Sayf(format string, args ...any) *Error {
	e.Message = fmt.Sprintf(format, args...)
	return e
}

// Doc returns what the reason means, or "" for a reason not in Reasons.
func (r Reason) Doc() string {
	for _, d := range Reasons {
		if d.Reason == r {
			return d.Doc
		}
	}
	return ""
}

func (r Reason) sentence(params map[string]string) string {
	doc := r.Doc()
	for name, value := range params {
		doc = strings.ReplaceAll(doc, "{"+name+"}", value)
	}
	if doc == "" {
		return string(r)
	}
	return strings.ToLower(doc[:1]) + strings.TrimSuffix(doc[1:], ".")
}

func paramValue(v any) string {
	switch v := v.(type) {
	case time.Time:
		return v.UTC().Format(time.RFC3339)
	case *time.Time:
		if v == nil {
			return ""
		}
		return v.UTC().Format(time.RFC3339)
	case int:
		return strconv.Itoa(v)
	case []string:
		return strings.Join(v, ", ")
	case fmt.Stringer:
		return v.String()
	}
	return fmt.Sprint(v)
}

// ErrorReason returns the reason and params of err if it wraps an *Error
// with a reason, "" and nil otherwise.
func ErrorReason(err error) (Reason, map[string]string) {
	var e *Error
	if asError(err, &e) && e.Reason != "" {
		return e.Reason, e.Params
	}
	return "", nil
}
