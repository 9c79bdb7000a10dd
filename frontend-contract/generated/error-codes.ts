/* eslint-disable */
/** The machine-readable code of every error, in `errors[].extensions.code`. No
 * field returns it: it is here so that frontends branch on codes that the
 * contract names and describes (the npm package exports it as a union type).
 * Show an error's `message` to people; branch on its code. */
export type ErrorCode =
  /** The input breaks a rule (a required response, a date, a page size, a request that is not a GraphQL request). Show the message beside the form; fix and resend. */
  | 'BAD_USER_INPUT'
  /** The object changed since it was read (a stale revision), or the change collides with its state (a closed round). Re-read, reapply, resend with the new revision. */
  | 'CONFLICT'
  /** Signed in, but this role or agency may not do this; or, in trusted-documents mode, a document the server does not run. Hide or disable the action; do not retry. */
  | 'FORBIDDEN'
  /** The document does not parse, or is too large. A bug in the client: the contract's checks exist to catch it before it ships. */
  | 'GRAPHQL_PARSE_FAILED'
  /** The document or its variables do not fit the schema. A bug in the client: the contract's checks exist to catch it before it ships. */
  | 'GRAPHQL_VALIDATION_FAILED'
  /** The server failed; the details are in its logs, never in the answer. Say so; retry later. */
  | 'INTERNAL'
  /** No such object, or one hidden from this caller; the field is null. Say it is not there (or no longer). */
  | 'NOT_FOUND'
  /** The document was sent by a hash the server does not know: a frontend built from another version of the contract. Send it again with its text (the adapters do), which runs unless the server is in trusted-documents mode. */
  | 'PERSISTED_QUERY_NOT_FOUND'
  /** This server serves an archive imported read-only (`palabre import --read-only`): it answers queries, sign-in and downloads, and refuses every change (HTTP 403). Hide the actions that change things; do not retry. */
  | 'READ_ONLY'
  /** The request ran out of time and was stopped. Ask for less (smaller pages), or retry later. */
  | 'TIMEOUT'
  /** No token where one is needed, or a token that is unknown, revoked or expired (HTTP 401; 429 with Retry-After after too many). Send the user to sign in. */
  | 'UNAUTHENTICATED'
  /** The database cannot be used for a moment (HTTP 503 with Retry-After). Retry shortly. */
  | 'UNAVAILABLE';

/** What each value of ErrorCode means. */
export const errorCodes: { readonly [value in ErrorCode]: string } = {
  BAD_USER_INPUT: "The input breaks a rule (a required response, a date, a page size, a request that is not a GraphQL request). Show the message beside the form; fix and resend.",
  CONFLICT: "The object changed since it was read (a stale revision), or the change collides with its state (a closed round). Re-read, reapply, resend with the new revision.",
  FORBIDDEN: "Signed in, but this role or agency may not do this; or, in trusted-documents mode, a document the server does not run. Hide or disable the action; do not retry.",
  GRAPHQL_PARSE_FAILED: "The document does not parse, or is too large. A bug in the client: the contract's checks exist to catch it before it ships.",
  GRAPHQL_VALIDATION_FAILED: "The document or its variables do not fit the schema. A bug in the client: the contract's checks exist to catch it before it ships.",
  INTERNAL: "The server failed; the details are in its logs, never in the answer. Say so; retry later.",
  NOT_FOUND: "No such object, or one hidden from this caller; the field is null. Say it is not there (or no longer).",
  PERSISTED_QUERY_NOT_FOUND: "The document was sent by a hash the server does not know: a frontend built from another version of the contract. Send it again with its text (the adapters do), which runs unless the server is in trusted-documents mode.",
  READ_ONLY: "This server serves an archive imported read-only (`palabre import --read-only`): it answers queries, sign-in and downloads, and refuses every change (HTTP 403). Hide the actions that change things; do not retry.",
  TIMEOUT: "The request ran out of time and was stopped. Ask for less (smaller pages), or retry later.",
  UNAUTHENTICATED: "No token where one is needed, or a token that is unknown, revoked or expired (HTTP 401; 429 with Retry-After after too many). Send the user to sign in.",
  UNAVAILABLE: "The database cannot be used for a moment (HTTP 503 with Retry-After). Retry shortly.",
};
