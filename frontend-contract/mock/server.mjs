#!/usr/bin/env node
// A mock Palabre API for frontend work without Go: the contract's schema,
// answered with demo-shaped data by @graphql-tools/mock, over the same HTTP
// protocol as the server (POST and GET /graphql, the contract's documents by
// hash, PERSISTED_QUERY_NOT_FOUND for others). Any token is accepted; nothing
// is stored. `npm run mock` in frontend-contract/, or `npx palabre-mock` in a
// project that installed the package and @graphql-tools/mock.
//   PORT (default 4000) and HOST (default 127.0.0.1) say where it listens.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join, resolve } from 'node:path';
import { buildSchema, graphql } from 'graphql';
import { addMocksToSchema } from '@graphql-tools/mock';

const root = resolve(import.meta.dirname, '..');
const schema = buildSchema(readFileSync(join(root, 'schema.graphql'), 'utf8'));
const manifest = JSON.parse(readFileSync(join(root, 'generated', 'persisted-documents.json'), 'utf8'));
const byHash = new Map(Object.entries(manifest).map(([hash, doc]) => [hash.replace(/^sha256:/, ''), doc]));

// Demo-shaped values: French titles, codes, agencies, RFC 3339 times, IDs
// with the server's prefixes.
let n = 0;
const pick = (list) => list[n++ % list.length];
const mocks = {
  ID: () => `MK01${String(++n).padStart(22, '0')}`,
  Cursor: () => Buffer.from(`cursor-${++n}`).toString('base64url'),
  Time: () => new Date(Date.UTC(2026, n++ % 12, 1 + (n % 27))).toISOString(),
  Int: () => (n++ % 5) * 20,
  Float: () => (n++ % 10) * 1.5,
  Boolean: () => n++ % 2 === 0,
  String: () => pick(['Stratégie nationale de cybersécurité 2027-2031', 'Renforcer le cadre juridique', 'Créer le centre national de réponse aux incidents',
    'Préciser les délais de notification des incidents.', 'Consultation des ministères et régulateurs', 'Dakar']),
  Agency: () => pick([{ acronym: 'ANSSI', name: "Agence nationale de la sécurité des systèmes d'information" },
    { acronym: 'MJ', name: 'Ministère de la Justice' }, { acronym: 'ARTP', name: 'Autorité de régulation des télécommunications et des postes' }]),
  Objective: () => ({ code: `OS${1 + (n++ % 4)}` }),
  ActionItem: () => ({ code: `A${1 + (n++ % 4)}.${1 + (n % 3)}`, progress: (n % 5) * 25 }),
  VersionObjective: () => ({ code: `OS${1 + (n++ % 4)}` }),
  VersionActionItem: () => ({ code: `A${1 + (n++ % 4)}.${1 + (n % 3)}` }),
  StrategyVersion: () => ({ number: 1 + (n++ % 3), sha256: 'a'.repeat(64) }),
  PageInfo: () => ({ hasNextPage: false, hasPreviousPage: false }),
};
const mocked = addMocksToSchema({ schema, mocks });

function answer(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'access-control-allow-origin': '*',
    'access-control-allow-headers': 'authorization, content-type', 'access-control-allow-methods': 'GET, POST, OPTIONS' });
  res.end(JSON.stringify(body));
}

async function params(req) {
  if (req.method === 'GET') {
    const q = new URL(req.url, 'http://mock').searchParams;
    const json = (name) => (q.get(name) ? JSON.parse(q.get(name)) : undefined);
    return { query: q.get('query') ?? undefined, operationName: q.get('operationName') ?? undefined, variables: json('variables'), extensions: json('extensions') };
  }
  let body = '';
  for await (const chunk of req) body += chunk;
  return JSON.parse(body);
}

const server = createServer(async (req, res) => {
  if (req.method === 'OPTIONS') return answer(res, 204, null);
  if (new URL(req.url, 'http://mock').pathname !== '/graphql') return answer(res, 404, { errors: [{ message: 'the API is at /graphql', extensions: { code: 'NOT_FOUND' } }] });
  let p;
  try {
    p = await params(req);
  } catch {
    return answer(res, 400, { errors: [{ message: 'the request is not JSON', extensions: { code: 'BAD_USER_INPUT' } }] });
  }
  let source = p.query;
  const hash = p.extensions?.persistedQuery?.sha256Hash?.replace(/^sha256:/, '');
  if (!source && hash) {
    source = byHash.get(hash);
    if (!source) return answer(res, 200, { errors: [{ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }] });
  }
  if (!source) return answer(res, 400, { errors: [{ message: 'the request has no query', extensions: { code: 'BAD_USER_INPUT' } }] });
  const result = await graphql({ schema: mocked, source, variableValues: p.variables, operationName: p.operationName });
  answer(res, 200, result);
});

const port = Number(process.env.PORT ?? 4000);
const host = process.env.HOST ?? '127.0.0.1';
server.listen(port, host, () => console.log(`palabre mock API (no Go, demo-shaped data) serves GraphQL at http://${host}:${server.address().port}/graphql`));
