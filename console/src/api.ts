// The console's one way to the server: the contract's typed documents, sent by
// their persisted-query hash (the server knows every document of the
// contract), signed in by the session cookie, with the CSRF header the server
// asks of every cookie-authenticated request.
import type { PersistedDocumentNode } from '../../frontend-contract/src/persisted';

/** An error the server answered, with its extensions.code, and for a refusal with a reason its extensions.reason and params. */
export class ApiError extends Error {
  constructor(readonly code: string, message: string, readonly status = 200, readonly reason?: string, readonly params: Record<string, string> = {}) {
    super(message);
  }
}

type Extensions = { code?: string; reason?: string; params?: Record<string, string> };

const headers = { 'content-type': 'application/json', accept: 'application/json', 'x-palabre-csrf': '1' };

/** Fired when the server says the session has ended, so the app forgets its viewer. */
export const sessionEnded = new EventTarget();

function operationName(doc: PersistedDocumentNode<unknown, unknown>): string {
  for (const d of doc.definitions) if (d.kind === 'OperationDefinition' && d.name) return d.name.value;
  throw new Error('a document without an operation name');
}

/** Runs one operation of the contract and returns its data, or throws an ApiError. */
export async function request<R, V>(doc: PersistedDocumentNode<R, V>, variables: V): Promise<R> {
  let res: Response;
  try {
    res = await fetch('/graphql', {
      method: 'POST',
      credentials: 'same-origin',
      headers,
      body: JSON.stringify({
        operationName: operationName(doc as PersistedDocumentNode<unknown, unknown>),
        variables,
        extensions: { persistedQuery: { version: 1, sha256Hash: doc.__meta__.hash.replace(/^sha256:/, '') } },
      }),
    });
  } catch {
    throw new ApiError('NETWORK', 'network');
  }
  const body = (await res.json().catch(() => null)) as { data?: R; errors?: { message: string; extensions?: Extensions }[] } | null;
  const first = body?.errors?.[0];
  if (res.status === 401) sessionEnded.dispatchEvent(new Event('ended'));
  if (first) throw new ApiError(first.extensions?.code ?? 'INTERNAL', first.message, res.status, first.extensions?.reason, first.extensions?.params ?? {});
  if (!res.ok || !body?.data) throw new ApiError('INTERNAL', `HTTP ${res.status}`, res.status);
  return body.data;
}

/** Posts to one of the session endpoints (/auth/…). */
export async function post(path: string, body: unknown): Promise<void> {
  let res: Response;
  try {
    res = await fetch(path, { method: 'POST', credentials: 'same-origin', headers, body: JSON.stringify(body) });
  } catch {
    throw new ApiError('NETWORK', 'network');
  }
  if (res.ok) return;
  const err = (await res.json().catch(() => null)) as { errors?: { message: string; extensions?: { code?: string } }[] } | null;
  const first = err?.errors?.[0];
  throw new ApiError(res.status === 429 ? 'RATE_LIMITED' : first?.extensions?.code ?? 'INTERNAL', first?.message ?? `HTTP ${res.status}`, res.status);
}
