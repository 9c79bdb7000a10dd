// The worked example of README.md, compiled by `npm run check:types` so that
// it stays true: an agency focal point loads its inbox, submits an
// observation, then edits it, handling each error code.
import { ClientError, GraphQLClient } from 'graphql-request';

import {
  ConsultationInboxDocument,
  EditObservationDocument,
  SubmitObservationDocument,
  type ConsultationInboxQuery,
  type ObservationFieldsFragment,
} from '../src/index.js';

// One client per signed-in user: the token goes in the Authorization header.
export function palabreClient(endpoint: string, token: string | null): GraphQLClient {
  return new GraphQLClient(endpoint, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
}

// The codes of extensions.code, and what a screen does with each.
export type ErrorCode =
  | 'UNAUTHENTICATED' // no token, or a revoked or expired one: sign in again
  | 'FORBIDDEN' // signed in, but this role or agency may not: hide the action
  | 'NOT_FOUND' // does not exist, or is hidden from this caller
  | 'BAD_USER_INPUT' // the input breaks a rule: show the message beside the form
  | 'CONFLICT' // changed by someone else since it was read: re-read, reapply
  | 'TIMEOUT' // the request ran out of time: ask for less, or retry later
  | 'INTERNAL'; // the server failed: retry later; the details are in its logs

// errorCode returns the code of the first error of a failed request, or
// null when the failure is not a GraphQL error (the network, say).
export function errorCode(err: unknown): string | null {
  if (err instanceof ClientError) {
    const code = err.response.errors?.[0]?.extensions?.['code'];
    return typeof code === 'string' ? code : null;
  }
  return null;
}

// The inbox: every round the agency is invited to, page by page (at most 100
// a page, 20 when `first` is not given), each with the agency's observations.
export async function loadInbox(client: GraphQLClient) {
  const rounds = [];
  let after: string | null = null;
  do {
    const page: ConsultationInboxQuery = await client.request(ConsultationInboxDocument, { first: 20, after });
    rounds.push(...(page.consultations.edges ?? []).flatMap((e) => (e?.node ? [e.node] : [])));
    after = page.consultations.pageInfo.hasNextPage ? page.consultations.pageInfo.endCursor : null;
  } while (after);
  return rounds;
}

// Submits an amendment. The idempotency key is chosen once per form, so that
// a retry after a network failure cannot create a second observation.
export async function submitAmendment(
  client: GraphQLClient,
  consultationID: string,
  actionItemID: string,
  body: string,
  proposedText: string,
  idempotencyKey: string,
): Promise<ObservationFieldsFragment> {
  const res = await client.request(SubmitObservationDocument, {
    input: { consultationID, targetKind: 'ACTION_ITEM', targetID: actionItemID, kind: 'AMENDMENT', body, proposedText, idempotencyKey },
  });
  return res.submitObservation.observation;
}

// Edits the body of an observation. Every update sends the revision it was
// based on; CONFLICT means someone changed it since: read it again, reapply
// the change to what is there now (here: the same new body), and send it with
// the new revision. A person should see the other change before overwriting
// it; this example retries once to show the mechanics.
export async function editBody(
  client: GraphQLClient,
  observation: Pick<ObservationFieldsFragment, 'id' | 'revision'>,
  body: string,
  reload: (id: string) => Promise<Pick<ObservationFieldsFragment, 'id' | 'revision'>>,
): Promise<ObservationFieldsFragment> {
  try {
    const res = await client.request(EditObservationDocument, { id: observation.id, revision: observation.revision, input: { body } });
    return res.editObservation.observation;
  } catch (err) {
    if (errorCode(err) !== 'CONFLICT') throw err;
    const fresh = await reload(observation.id);
    const res = await client.request(EditObservationDocument, { id: fresh.id, revision: fresh.revision, input: { body } });
    return res.editObservation.observation;
  }
}
