// A frontend's code, compiled in a throwaway project that installed the
// packed contract (test/consumer.test.mjs): one query through each adapter,
// first as the contract built it (sent by hash), then as a newer frontend
// build would send it, with a hash the server does not know (answered
// PERSISTED_QUERY_NOT_FOUND, then sent again with its text). It prints what
// each got and the requests each made, as JSON.
import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { Client as UrqlClient, fetchExchange } from '@urql/core';
import { persistedExchange } from '@urql/exchange-persisted';
import { Kind } from 'graphql';
import { ClientError, GraphQLClient } from 'graphql-request';

import {
  OverdueItemsDocument,
  errorCodes,
  hashOf,
  nodes,
  persistedFetch,
  type ErrorCode,
  type NodeOf,
  type OverdueItemsQuery,
  type OverdueItemsQueryVariables,
} from '@palabre/frontend-contract';

const url = process.env['PALABRE_URL'] ?? 'http://127.0.0.1:8080/graphql';
const token = process.env['TOKEN'] ?? '';
const variables: OverdueItemsQueryVariables = { on: '2030-01-01T00:00:00Z', first: 5 };

// The hash is in the type: no cast.
const hash: string = OverdueItemsDocument.__meta__.hash;
// The document as a newer build of the frontend has it: one field more
// (__typename: any field the server knows), another hash. Its text differs,
// as urql keys documents by their text.
const unknownHash = 'f'.repeat(64);
const [operation, ...fragments] = OverdueItemsDocument.definitions;
if (operation?.kind !== 'OperationDefinition') throw new Error('OverdueItemsDocument does not start with its operation');
const NewerOverdueItemsDocument: typeof OverdueItemsDocument = {
  ...OverdueItemsDocument,
  __meta__: { hash: `sha256:${unknownHash}` },
  definitions: [
    { ...operation, selectionSet: { ...operation.selectionSet, selections: [...operation.selectionSet.selections, { kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } }] } },
    ...fragments,
  ],
};

type Item = NodeOf<OverdueItemsQuery['actionItems']>;
type Outcome = { totalCount?: number; firstCode?: string; code?: ErrorCode | string; requests: string[] };

// recording is a fetch that notes what each request sent: its method, and
// whether it carried the text ("text") and the hash ("hash").
function recording(requests: string[]): typeof fetch {
  return (input, init) => {
    const body = typeof init?.body === 'string' ? init.body : '';
    const where = input instanceof Request ? input.url : String(input);
    const sent = decodeURIComponent(body + where);
    requests.push([init?.method ?? 'GET', /"query"|[?&]query=/.test(sent) ? 'text' : '', /persistedQuery/.test(sent) ? 'hash' : ''].filter(Boolean).join(' '));
    return fetch(input, init);
  };
}

function codeOf(err: unknown): string {
  if (err instanceof ClientError) return String(err.response.errors?.[0]?.extensions?.['code'] ?? 'none');
  const e = err as { errors?: ReadonlyArray<{ extensions?: Record<string, unknown> }>; graphQLErrors?: ReadonlyArray<{ extensions?: Record<string, unknown> }> };
  return String((e.errors ?? e.graphQLErrors)?.[0]?.extensions?.['code'] ?? err);
}

async function withGraphQLRequest(newer: boolean): Promise<Outcome> {
  const requests: string[] = [];
  const client = new GraphQLClient(url, {
    headers: { authorization: `Bearer ${token}` },
    fetch: persistedFetch({ fetch: recording(requests), ...(newer ? { hashes: { OverdueItems: unknownHash } } : {}) }),
  });
  try {
    const items: Item[] = [];
    for await (const item of nodes((after) => client.request(OverdueItemsDocument, { ...variables, after }).then((r) => r.actionItems))) items.push(item);
    return { totalCount: items.length, requests };
  } catch (err) {
    return { code: codeOf(err), requests };
  }
}

async function withUrql(newer: boolean): Promise<Outcome> {
  const requests: string[] = [];
  const client = new UrqlClient({
    url,
    preferGetMethod: false,
    fetch: recording(requests),
    fetchOptions: { headers: { authorization: `Bearer ${token}` } },
    exchanges: [persistedExchange({ generateHash: async (_text, document) => hashOf(document as typeof OverdueItemsDocument) }), fetchExchange],
  });
  const res = await client.query(newer ? NewerOverdueItemsDocument : OverdueItemsDocument, variables, { requestPolicy: 'network-only' }).toPromise();
  if (res.error) return { code: codeOf(res.error), requests };
  return { totalCount: res.data?.actionItems.totalCount ?? -1, requests };
}

async function withApollo(newer: boolean): Promise<Outcome> {
  const requests: string[] = [];
  const link = new PersistedQueryLink({ generateHash: (document) => hashOf(document as typeof OverdueItemsDocument) })
    .concat(new HttpLink({ uri: url, fetch: recording(requests), headers: { authorization: `Bearer ${token}` } }));
  const client = new ApolloClient({ link, cache: new InMemoryCache() });
  try {
    const res = await client.query({ query: newer ? NewerOverdueItemsDocument : OverdueItemsDocument, variables, fetchPolicy: 'no-cache' });
    return { totalCount: res.data?.actionItems.totalCount ?? -1, requests };
  } catch (err) {
    return { code: codeOf(err), requests };
  }
}

const result: Record<string, unknown> = { hash, meaning: errorCodes.PERSISTED_QUERY_NOT_FOUND };
for (const [name, run] of Object.entries({ 'graphql-request': withGraphQLRequest, urql: withUrql, apollo: withApollo })) {
  result[name] = { known: await run(false), newer: await run(true) };
}
console.log(JSON.stringify(result));
