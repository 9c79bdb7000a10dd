// GraphQL-over-HTTP compliance: the audit suite of the graphql-http package
// (serverAudits) against a real server. Every MUST and every MAY audit passes.
// Every SHOULD audit passes too, unless it is listed in shouldFailures below
// with its reason, and README.md lists it as well.
//
// Then the trusted-documents mode with the manifest this contract generates:
// a server started with --trusted-documents runs the operations of
// operations/ sent by hash, and refuses any other document.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { serverAudits } from 'graphql-http';

import { loadOperations } from './operations.mjs';
import { buildServer, startServer } from './server.mjs';

// SHOULD audits known to fail, by audit id, with the reason (README.md,
// "GraphQL over HTTP"). Empty: the server passes them all.
const shouldFailures = new Map([
  // ['22EB', 'why it fails, and when it will be fixed'],
]);

// Audits whose query uses introspection (__type), which production mode turns
// off on purpose (OWASP): there they get an error however good the transport.
// They pass in development mode, where introspection is on.
const introspectionAudits = new Set(['28B9', 'D6D5', '6A70']);

const contractDir = resolve(import.meta.dirname, '..');
let buildDir;
let bin;

before(() => {
  buildDir = mkdtempSync(join(tmpdir(), 'palabre-build-'));
  bin = buildServer(buildDir);
});

after(() => {
  if (buildDir) rmSync(buildDir, { recursive: true, force: true });
});

for (const env of ['production', 'development']) {
  describe(`GraphQL over HTTP: the graphql-http audits, ${env} mode`, () => {
    let server;
    before(async () => { server = await startServer(bin, { env }); });
    after(async () => { await server?.stop(); });

    test('every MUST and MAY audit passes; every SHOULD audit passes or is a listed, known failure', async (t) => {
      const results = [];
      for (const audit of serverAudits({ url: server.url })) {
        results.push({ id: audit.id, name: audit.name, ...(await audit.fn()) });
      }
      const level = (r) => r.name.split(' ')[0];
      const excused = (r) => env === 'production' && introspectionAudits.has(r.id);
      for (const r of results) {
        if (r.status === 'ok') continue;
        const why = excused(r) ? ' [expected: introspection is off in production]' : '';
        t.diagnostic(`${level(r)} ${r.id} ${r.status}: ${r.name} (${r.reason})${why}`);
      }
      const mustFailures = results.filter((r) => level(r) === 'MUST' && r.status !== 'ok' && !excused(r));
      assert.deepEqual(mustFailures.map((r) => `${r.id} ${r.name}: ${r.reason}`), [], 'MUST audits that fail');

      // MAY audits: 400 for parameters of the wrong type and for a request
      // without a query, as the reference server answers.
      const mayFailures = results.filter((r) => level(r) === 'MAY' && r.status !== 'ok' && !excused(r));
      assert.deepEqual(mayFailures.map((r) => `${r.id} ${r.name}: ${r.reason}`), [], 'MAY audits that fail');

      const shouldFailing = results.filter((r) => level(r) === 'SHOULD' && r.status !== 'ok' && !excused(r));
      const unlisted = shouldFailing.filter((r) => !shouldFailures.has(r.id));
      assert.deepEqual(unlisted.map((r) => `${r.id} ${r.name}: ${r.reason}`), [],
        'SHOULD audits that fail and are not listed in shouldFailures and README.md');
      for (const id of shouldFailures.keys()) {
        if (!shouldFailing.some((r) => r.id === id)) t.diagnostic(`SHOULD audit ${id} now passes: remove it from shouldFailures and README.md`);
      }
      const count = (lvl, ok) => results.filter((r) => level(r) === lvl && (r.status === 'ok') === ok).length;
      for (const lvl of ['MUST', 'SHOULD', 'MAY']) t.diagnostic(`${lvl}: ${count(lvl, true)} passed, ${count(lvl, false)} not`);
      assert.ok(count('MUST', true) >= 10, 'the suite ran its MUST audits');
    });

    test('application/graphql-response+json is used when asked for', async () => {
      const res = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type'), /^application\/graphql-response\+json/);
      assert.deepEqual(await res.json(), { data: { __typename: 'Query' } });
    });
  });
}

test('README.md lists every known SHOULD failure', () => {
  const readme = readFileSync(join(contractDir, 'README.md'), 'utf8');
  for (const [id, reason] of shouldFailures) {
    assert.ok(readme.includes(id), `README.md does not list SHOULD audit ${id} (${reason})`);
  }
});

describe('trusted documents: the generated manifest', () => {
  const manifest = join(contractDir, 'generated', 'persisted-documents.json');
  const operations = loadOperations();
  let server;
  before(async () => { server = await startServer(bin, { args: ['--trusted-documents', manifest] }); });
  after(async () => { await server?.stop(); });

  const post = (body, token = server.tokens.reviewer) => fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  }).then(async (res) => ({ status: res.status, body: await res.json() }));

  test('an operation sent by its hash runs', async () => {
    const { hash } = operations.get('ConsultationInbox');
    // The manifest keys are "sha256:<hex>" (GraphQL over HTTP, persisted
    // documents); the server takes the hex in Apollo's persistedQuery extension.
    const sha256Hash = hash.replace(/^sha256:/, '');
    const res = await post({ extensions: { persistedQuery: { version: 1, sha256Hash } } }, server.tokens.agency.ANSSI);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.errors, undefined, JSON.stringify(res.body.errors));
    assert.equal(res.body.data.viewer.agency.acronym, 'ANSSI');
  });

  test('an operation sent in full, as the manifest holds it, runs', async () => {
    const { document } = operations.get('OverdueItems');
    const res = await post({ query: document, variables: { on: '2030-01-01T00:00:00Z', first: 5 } });
    assert.equal(res.body.errors, undefined, JSON.stringify(res.body.errors));
    assert.ok(res.body.data.actionItems.totalCount >= 1);
  });

  test('any other document is FORBIDDEN, an unknown hash PERSISTED_QUERY_NOT_FOUND', async () => {
    const res = await post({ query: '{ accounts(first: 100) { edges { node { email } } } }' });
    assert.equal(res.body.data ?? null, null);
    assert.equal(res.body.errors[0].extensions.code, 'FORBIDDEN');
    const unknown = await post({ extensions: { persistedQuery: { version: 1, sha256Hash: '0'.repeat(64) } } });
    assert.equal(unknown.body.errors[0].extensions.code, 'PERSISTED_QUERY_NOT_FOUND');
  });
});
