// Persisted documents: every typed document of the contract carries the
// SHA-256 of its text as the manifest (persisted-documents.json) holds it, and
// the server runs a document sent by that hash alone. persistedFetch makes any
// fetch-based client send hashes; hashOf gives Apollo's and urql's own
// persisted-query links the contract's hash.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import * as documents from '../generated/graphql.js';

/** A typed document of the contract, with the hash of its manifest text. */
export interface PersistedDocumentNode<TResult = { [key: string]: unknown }, TVariables = { [key: string]: unknown }>
  extends TypedDocumentNode<TResult, TVariables> {
  readonly __meta__: { readonly hash: string };
}

/** The code the server answers a hash it does not know with. */
export const PERSISTED_QUERY_NOT_FOUND = 'PERSISTED_QUERY_NOT_FOUND';

/**
 * The hash of a document as the server's persistedQuery extension takes it:
 * lower-case hex, without the manifest's "sha256:" prefix. Give it to Apollo's
 * createPersistedQueryLink or urql's persistedExchange as generateHash.
 */
export function hashOf(document: { readonly __meta__?: { readonly hash?: string } }): string {
  const hash = document.__meta__?.hash;
  if (!hash) throw new Error('this document has no __meta__.hash: it is not one of the contract\'s documents');
  return hash.replace(/^sha256:/, '');
}

/** The contract's hashes, by operation name (operation names are unique in the contract). */
export const operationHashes: Readonly<Record<string, string>> = Object.freeze(
  Object.fromEntries(
    Object.values(documents as Record<string, unknown>).flatMap((d) => {
      const doc = d as { __meta__?: { hash?: string }; definitions?: ReadonlyArray<{ kind: string; name?: { value: string } }> };
      const operation = doc?.definitions?.find((def) => def.kind === 'OperationDefinition');
      return doc?.__meta__?.hash && operation?.name ? [[operation.name.value, hashOf(doc)]] : [];
    }),
  ),
);

export interface PersistedFetchOptions {
  /** The fetch to wrap: globalThis.fetch when not given. */
  fetch?: typeof fetch;
  /**
   * Whether to send the document's text when the server does not know its hash
   * (PERSISTED_QUERY_NOT_FOUND: a server built from another contract version).
   * True by default; a server in trusted-documents mode refuses the text anyway.
   */
  fallbackToText?: boolean;
  /** Hashes by operation name: the contract's (operationHashes) when not given. */
  hashes?: Readonly<Record<string, string>>;
}

/**
 * A fetch that sends the contract's operations by hash: the document's text
 * is left out and its hash sent in extensions.persistedQuery; when the server
 * answers PERSISTED_QUERY_NOT_FOUND, the request is sent again as it was, with
 * its text. Requests for other documents go out unchanged. Works with any
 * client that takes a fetch: graphql-request (`new GraphQLClient(url, { fetch:
 * persistedFetch() })`), urql (`fetch:`), Apollo's HttpLink (`fetch:`). GET
 * requests stay GET: a public read by hash is then cacheable by HTTP caches.
 */
export function persistedFetch(options: PersistedFetchOptions = {}): typeof fetch {
  const hashes = options.hashes ?? operationHashes;
  const fallback = options.fallbackToText ?? true;
  return async (input, init) => {
    const send = options.fetch ?? globalThis.fetch;
    const byHash = withHash(input, init, hashes);
    if (!byHash) return send(input, init);
    const res = await send(byHash.input, byHash.init);
    if (fallback && (await unknownHash(res))) return send(input, init);
    return res;
  };
}

type Params = { query?: unknown; operationName?: unknown; extensions?: unknown };

// withHash returns the request with its query replaced by its hash, or null
// when it is not one of the hashed operations.
function withHash(input: Parameters<typeof fetch>[0], init: Parameters<typeof fetch>[1], hashes: Readonly<Record<string, string>>) {
  const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
  if (method === 'POST' && typeof init?.body === 'string') {
    let params: Params;
    try {
      params = JSON.parse(init.body) as Params;
    } catch {
      return null;
    }
    const hash = lookup(params, hashes);
    if (!hash || params === null || typeof params !== 'object') return null;
    const { query: _text, ...rest } = params;
    const body = { ...rest, extensions: { ...(rest.extensions as object | undefined), persistedQuery: { version: 1, sha256Hash: hash } } };
    return { input, init: { ...init, body: JSON.stringify(body) } };
  }
  if (method === 'GET' && !(input instanceof Request)) {
    const url = new URL(String(input), 'http://relative.invalid');
    const params: Params = { query: url.searchParams.get('query'), operationName: url.searchParams.get('operationName') };
    const hash = lookup(params, hashes);
    if (!hash) return null;
    let extensions: object = {};
    try {
      extensions = JSON.parse(url.searchParams.get('extensions') ?? '{}') as object;
    } catch {
      return null;
    }
    url.searchParams.delete('query');
    url.searchParams.set('extensions', JSON.stringify({ ...extensions, persistedQuery: { version: 1, sha256Hash: hash } }));
    const href = url.origin === 'http://relative.invalid' ? url.pathname + url.search : url.href;
    return { input: typeof input === 'string' ? href : new URL(href), init };
  }
  return null;
}

function lookup(params: Params, hashes: Readonly<Record<string, string>>): string | undefined {
  if (typeof params?.query !== 'string') return undefined;
  const name = typeof params.operationName === 'string' && params.operationName !== ''
    ? params.operationName
    : /\b(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/.exec(params.query)?.[1];
  return name && Object.hasOwn(hashes, name) ? hashes[name]!.replace(/^sha256:/, '') : undefined;
}

async function unknownHash(res: Response): Promise<boolean> {
  if (!/json/.test(res.headers.get('content-type') ?? '')) return false;
  try {
    const body = (await res.clone().json()) as { errors?: Array<{ extensions?: { code?: unknown } }> };
    return body.errors?.some((e) => e.extensions?.code === PERSISTED_QUERY_NOT_FOUND) ?? false;
  } catch {
    return false;
  }
}
