// @palabre/frontend-contract: the typed documents of the contract's
// operations (with their hashes), their types, the error codes, and helpers
// for persisted queries and pagination. schema.graphql, operations/ and the
// persisted-documents manifest are in the package too (see package.json's
// exports).
export * from '../generated/documents.js';
export * from '../generated/error-codes.js';
export * from '../generated/error-reasons.js';
export * from './persisted.js';
export * from './pagination.js';
