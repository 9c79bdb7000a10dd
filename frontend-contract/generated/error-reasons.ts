/* eslint-disable */
/** Why a rule refused a change, in `errors[].extensions.reason` beside its code,
 * with the values its sentence names in `errors[].extensions.params` (an object of
 * strings: dates and times in RFC 3339, numbers in decimal, states as their enum
 * value). No field returns it: frontends say each reason in their user's language
 * and fall back on the code for a refusal without one. Params are in braces. */
export type ErrorReason =
  /** The strategy is adopted and its text stays as adopted ({edit}: ADDING, REMOVING or CHANGING; {fields} changed); only progress, status and measurements are still reported. */
  | 'ADOPTED_TEXT_FROZEN'
  /** The adoption needs the date of the act. */
  | 'ADOPTION_ACT_DATE_MISSING'
  /** The adoption needs the reference of the act. */
  | 'ADOPTION_ACT_REFERENCE_MISSING'
  /** Moving to ADOPTED records the adopting act: give the version adopted, the act's reference and date. */
  | 'ADOPTION_MISSING'
  /** An adopting act is recorded by the move to ADOPTED only, not to {to}. */
  | 'ADOPTION_ON_OTHER_MOVE'
  /** The version adopted ({version}) is not a published version of this strategy. */
  | 'ADOPTION_VERSION_NOT_OWN'
  /** An amendment needs the text it proposes instead (proposedText). */
  | 'AMENDMENT_TEXT_MISSING'
  /** An answer accepts, partially accepts, rejects or declares out of scope. */
  | 'ANSWER_DISPOSITION'
  /** An answer {disposition} gives its reasons in a response. */
  | 'ANSWER_RESPONSE_MISSING'
  /** An observation answered {disposition} is taken into no version. */
  | 'ANSWER_TAKES_NO_VERSION'
  /** The observation is a draft: it is answered once its agency submits it. */
  | 'ANSWER_TO_DRAFT'
  /** The observation was withdrawn by its agency: there is nothing to answer. */
  | 'ANSWER_TO_WITHDRAWN'
  /** An observation is taken into a version later than version {consulted}, the one consulted, not into version {takenInto}. */
  | 'ANSWER_VERSION_NOT_LATER'
  /** An estimated budget needs its currency. */
  | 'BUDGET_WITHOUT_CURRENCY'
  /** The new closing time ({closesAt}) must be later than the current one ({current}). */
  | 'CLOSING_TIME_NOT_LATER'
  /** The new closing time ({closesAt}) has passed: give a time in the future, or close the round. */
  | 'CLOSING_TIME_PASSED'
  /** The decision is settled: its question, options, outcome and positions no longer change. */
  | 'DECISION_SETTLED'
  /** The due date ({due}) is before the start date ({start}). */
  | 'DUE_BEFORE_START'
  /** The idempotency key {key} is being used by another request: retry. */
  | 'IDEMPOTENCY_KEY_IN_USE'
  /** The idempotency key {key} was already used for another request ({first}): use a new key, or resend the first request unchanged. */
  | 'IDEMPOTENCY_KEY_REUSED'
  /** A strategy in {from} may move to {allowed} (states separated by commas), not to {to}. */
  | 'ILLEGAL_MOVE'
  /** An indicator measures exactly one objective or one action item. */
  | 'INDICATOR_TARGET'
  /** The round is {status}: its invitations are final. */
  | 'INVITATIONS_FINAL'
  /** A round invites at least one agency. */
  | 'INVITATION_REQUIRED'
  /** {agencies} made observations in this round and stay invited. */
  | 'INVITED_AGENCY_SPOKE'
  /** An invited agency does not exist. */
  | 'INVITED_AGENCY_UNKNOWN'
  /** An action item can only depend on action items of its own strategy or agreement. */
  | 'ITEM_DEPENDS_ELSEWHERE'
  /** An action item cannot depend on itself. */
  | 'ITEM_DEPENDS_ON_ITSELF'
  /** An action item belongs to a plan: give an objective or a commitment. */
  | 'ITEM_IN_NO_PLAN'
  /** An action item belongs to one plan: an objective or a commitment, not both. */
  | 'ITEM_IN_TWO_PLANS'
  /** Only a strategy's action item implements an agreement's commitment (implementsID). */
  | 'ITEM_LINK_FROM_AGREEMENT'
  /** The strategy is {status}, the end of its lifecycle: it moves no further. */
  | 'LIFECYCLE_ENDED'
  /** Nothing to change: give a kind, a body, a proposed text or submit. */
  | 'NOTHING_TO_CHANGE'
  /** The caller's agency is not invited to the round {title}. */
  | 'NOT_INVITED'
  /** The strategy cannot be submitted yet: {unanswered} submitted observations await their answer and {openDecisions} decisions are open. */
  | 'NOT_READY_TO_SUBMIT'
  /** The strategy has no open or planned round: plan one on a published version first. */
  | 'NO_ROUND_TO_CONSULT_IN'
  /** An objective cannot be its own parent. */
  | 'OBJECTIVE_OWN_PARENT'
  /** The parent objective must belong to the same strategy. */
  | 'OBJECTIVE_PARENT_ELSEWHERE'
  /** The observation was answered ({status}): it can no longer change. */
  | 'OBSERVATION_ANSWERED'
  /** A new observation is a draft or submitted, not {status}. */
  | 'OBSERVATION_NEW_STATUS'
  /** The observation was submitted: it cannot go back to draft. */
  | 'OBSERVATION_SUBMITTED'
  /** The observation was withdrawn: it can no longer change. */
  | 'OBSERVATION_WITHDRAWN'
  /** An option cannot be blank. */
  | 'OPTION_BLANK'
  /** A recorded position favours {option}, which the new options leave out: record that position again first. */
  | 'OPTION_FAVOURED'
  /** The option {option} is given twice. */
  | 'OPTION_TWICE'
  /** {option} is not one of the decision's options ({options}). */
  | 'OPTION_UNKNOWN'
  /** The period ends ({end}) before it starts ({start}). */
  | 'PERIOD_REVERSED'
  /** Progress is a percentage from 0 to 100, not {progress}. */
  | 'PROGRESS_OUT_OF_RANGE'
  /** A report measures the item's own indicators only. */
  | 'REPORT_FOREIGN_INDICATOR'
  /** A report describes the past: its date ({asOf}) is after now ({now}). */
  | 'REPORT_IN_FUTURE'
  /** A report needs its narrative: what was done. */
  | 'REPORT_NARRATIVE_MISSING'
  /** The round {title} is {status} (it closed at {closesAt}): its closing time, its observations and their changes are final. */
  | 'ROUND_CLOSED'
  /** The round must close ({closesAt}) after it opens ({opensAt}). */
  | 'ROUND_CLOSES_BEFORE_OPENING'
  /** The round {title} is consolidated: its record and its answers are final. */
  | 'ROUND_CONSOLIDATED'
  /** {waiting} submitted observations still await an answer: answer them before consolidating the round. */
  | 'ROUND_HAS_UNANSWERED'
  /** The round is {status}: only a closed round can be consolidated. */
  | 'ROUND_NOT_CLOSED'
  /** The round {title} is not open yet: it opens at {opensAt}. */
  | 'ROUND_NOT_OPEN_YET'
  /** The round is {status}: only a planned round can be opened. */
  | 'ROUND_NOT_PLANNED'
  /** The version {version} is not a version of the strategy concerned. */
  | 'ROUND_VERSION_ELSEWHERE'
  /** A settled decision names the body that decided. */
  | 'SETTLEMENT_BODY_MISSING'
  /** A settled decision is dated: give the date it was decided on. */
  | 'SETTLEMENT_DATE_MISSING'
  /** A settled decision says what was decided: give the outcome. */
  | 'SETTLEMENT_OUTCOME_MISSING'
  /** The {type} was changed by someone else since revision {revision}, the one sent: read it again and reapply the change. */
  | 'STALE_REVISION'
  /** A strategy's status changes only by moving it through its lifecycle (moveStrategy). */
  | 'STATUS_BY_MOVE_ONLY'
  /** Name the {kind} (OBJECTIVE or ACTION_ITEM) the observation is about (targetID). */
  | 'TARGET_MISSING'
  /** The {kind} (OBJECTIVE or ACTION_ITEM) {target} is not in version {version}, the version consulted. */
  | 'TARGET_NOT_IN_VERSION'
  /** An observation on the whole strategy names no target: omit targetID. */
  | 'TARGET_ON_WHOLE_STRATEGY'
  /** A published version never changes. */
  | 'VERSION_FROZEN'
  /** Another version was published at the same time as number {number}: publish again. */
  | 'VERSION_PUBLISHED_AT_ONCE';

/** What each value of ErrorReason means. */
export const errorReasons: { readonly [value in ErrorReason]: string } = {
  ADOPTED_TEXT_FROZEN: "The strategy is adopted and its text stays as adopted ({edit}: ADDING, REMOVING or CHANGING; {fields} changed); only progress, status and measurements are still reported.",
  ADOPTION_ACT_DATE_MISSING: "The adoption needs the date of the act.",
  ADOPTION_ACT_REFERENCE_MISSING: "The adoption needs the reference of the act.",
  ADOPTION_MISSING: "Moving to ADOPTED records the adopting act: give the version adopted, the act's reference and date.",
  ADOPTION_ON_OTHER_MOVE: "An adopting act is recorded by the move to ADOPTED only, not to {to}.",
  ADOPTION_VERSION_NOT_OWN: "The version adopted ({version}) is not a published version of this strategy.",
  AMENDMENT_TEXT_MISSING: "An amendment needs the text it proposes instead (proposedText).",
  ANSWER_DISPOSITION: "An answer accepts, partially accepts, rejects or declares out of scope.",
  ANSWER_RESPONSE_MISSING: "An answer {disposition} gives its reasons in a response.",
  ANSWER_TAKES_NO_VERSION: "An observation answered {disposition} is taken into no version.",
  ANSWER_TO_DRAFT: "The observation is a draft: it is answered once its agency submits it.",
  ANSWER_TO_WITHDRAWN: "The observation was withdrawn by its agency: there is nothing to answer.",
  ANSWER_VERSION_NOT_LATER: "An observation is taken into a version later than version {consulted}, the one consulted, not into version {takenInto}.",
  BUDGET_WITHOUT_CURRENCY: "An estimated budget needs its currency.",
  CLOSING_TIME_NOT_LATER: "The new closing time ({closesAt}) must be later than the current one ({current}).",
  CLOSING_TIME_PASSED: "The new closing time ({closesAt}) has passed: give a time in the future, or close the round.",
  DECISION_SETTLED: "The decision is settled: its question, options, outcome and positions no longer change.",
  DUE_BEFORE_START: "The due date ({due}) is before the start date ({start}).",
  IDEMPOTENCY_KEY_IN_USE: "The idempotency key {key} is being used by another request: retry.",
  IDEMPOTENCY_KEY_REUSED: "The idempotency key {key} was already used for another request ({first}): use a new key, or resend the first request unchanged.",
  ILLEGAL_MOVE: "A strategy in {from} may move to {allowed} (states separated by commas), not to {to}.",
  INDICATOR_TARGET: "An indicator measures exactly one objective or one action item.",
  INVITATIONS_FINAL: "The round is {status}: its invitations are final.",
  INVITATION_REQUIRED: "A round invites at least one agency.",
  INVITED_AGENCY_SPOKE: "{agencies} made observations in this round and stay invited.",
  INVITED_AGENCY_UNKNOWN: "An invited agency does not exist.",
  ITEM_DEPENDS_ELSEWHERE: "An action item can only depend on action items of its own strategy or agreement.",
  ITEM_DEPENDS_ON_ITSELF: "An action item cannot depend on itself.",
  ITEM_IN_NO_PLAN: "An action item belongs to a plan: give an objective or a commitment.",
  ITEM_IN_TWO_PLANS: "An action item belongs to one plan: an objective or a commitment, not both.",
  ITEM_LINK_FROM_AGREEMENT: "Only a strategy's action item implements an agreement's commitment (implementsID).",
  LIFECYCLE_ENDED: "The strategy is {status}, the end of its lifecycle: it moves no further.",
  NOTHING_TO_CHANGE: "Nothing to change: give a kind, a body, a proposed text or submit.",
  NOT_INVITED: "The caller's agency is not invited to the round {title}.",
  NOT_READY_TO_SUBMIT: "The strategy cannot be submitted yet: {unanswered} submitted observations await their answer and {openDecisions} decisions are open.",
  NO_ROUND_TO_CONSULT_IN: "The strategy has no open or planned round: plan one on a published version first.",
  OBJECTIVE_OWN_PARENT: "An objective cannot be its own parent.",
  OBJECTIVE_PARENT_ELSEWHERE: "The parent objective must belong to the same strategy.",
  OBSERVATION_ANSWERED: "The observation was answered ({status}): it can no longer change.",
  OBSERVATION_NEW_STATUS: "A new observation is a draft or submitted, not {status}.",
  OBSERVATION_SUBMITTED: "The observation was submitted: it cannot go back to draft.",
  OBSERVATION_WITHDRAWN: "The observation was withdrawn: it can no longer change.",
  OPTION_BLANK: "An option cannot be blank.",
  OPTION_FAVOURED: "A recorded position favours {option}, which the new options leave out: record that position again first.",
  OPTION_TWICE: "The option {option} is given twice.",
  OPTION_UNKNOWN: "{option} is not one of the decision's options ({options}).",
  PERIOD_REVERSED: "The period ends ({end}) before it starts ({start}).",
  PROGRESS_OUT_OF_RANGE: "Progress is a percentage from 0 to 100, not {progress}.",
  REPORT_FOREIGN_INDICATOR: "A report measures the item's own indicators only.",
  REPORT_IN_FUTURE: "A report describes the past: its date ({asOf}) is after now ({now}).",
  REPORT_NARRATIVE_MISSING: "A report needs its narrative: what was done.",
  ROUND_CLOSED: "The round {title} is {status} (it closed at {closesAt}): its closing time, its observations and their changes are final.",
  ROUND_CLOSES_BEFORE_OPENING: "The round must close ({closesAt}) after it opens ({opensAt}).",
  ROUND_CONSOLIDATED: "The round {title} is consolidated: its record and its answers are final.",
  ROUND_HAS_UNANSWERED: "{waiting} submitted observations still await an answer: answer them before consolidating the round.",
  ROUND_NOT_CLOSED: "The round is {status}: only a closed round can be consolidated.",
  ROUND_NOT_OPEN_YET: "The round {title} is not open yet: it opens at {opensAt}.",
  ROUND_NOT_PLANNED: "The round is {status}: only a planned round can be opened.",
  ROUND_VERSION_ELSEWHERE: "The version {version} is not a version of the strategy concerned.",
  SETTLEMENT_BODY_MISSING: "A settled decision names the body that decided.",
  SETTLEMENT_DATE_MISSING: "A settled decision is dated: give the date it was decided on.",
  SETTLEMENT_OUTCOME_MISSING: "A settled decision says what was decided: give the outcome.",
  STALE_REVISION: "The {type} was changed by someone else since revision {revision}, the one sent: read it again and reapply the change.",
  STATUS_BY_MOVE_ONLY: "A strategy's status changes only by moving it through its lifecycle (moveStrategy).",
  TARGET_MISSING: "Name the {kind} (OBJECTIVE or ACTION_ITEM) the observation is about (targetID).",
  TARGET_NOT_IN_VERSION: "The {kind} (OBJECTIVE or ACTION_ITEM) {target} is not in version {version}, the version consulted.",
  TARGET_ON_WHOLE_STRATEGY: "An observation on the whole strategy names no target: omit targetID.",
  VERSION_FROZEN: "A published version never changes.",
  VERSION_PUBLISHED_AT_ONCE: "Another version was published at the same time as number {number}: publish again.",
};
