// The mock server (npm run mock): the contract's schema with demo-shaped
// data, for frontend work without Go. It answers the contract's documents by
// hash, as the real server does, and an unknown hash PERSISTED_QUERY_NOT_FOUND.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { loadOperations } from './operations.mjs';

const contractDir = resolve(import.meta.dirname, '..');
let child;
let url;

before(async () => {
  child = spawn(process.execPath, [join(contractDir, 'mock', 'server.mjs')], { env: { ...process.env, PORT: '0' }, stdio: ['ignore', 'pipe', 'inherit'] });
  url = await new Promise((ok, fail) => {
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (s) => {
      out += s;
      const m = /serves GraphQL at (\S+)/.exec(out);
      if (m) ok(m[1]);
    });
    child.once('exit', (code) => fail(new Error(`the mock server exited (${code}): ${out}`)));
  });
});
after(() => child?.kill());

const byHash = (hash, variables) => fetch(url, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ variables, extensions: { persistedQuery: { version: 1, sha256Hash: hash.replace(/^sha256:/, '') } } }),
}).then((res) => res.json());

test('the mock answers a contract operation by hash with data of its shape', async () => {
  const { hash } = loadOperations().get('ConsultationInbox');
  const res = await byHash(hash, { first: 5 });
  assert.equal(res.errors, undefined, JSON.stringify(res.errors));
  assert.equal(typeof res.data.viewer.name, 'string');
  assert.ok(Array.isArray(res.data.consultations.edges));
  assert.match(res.data.consultations.edges[0].node.closesAt, /^\d{4}-\d{2}-\d{2}T/);
});

test('the mock answers an unknown hash PERSISTED_QUERY_NOT_FOUND', async () => {
  const res = await byHash('0'.repeat(64), {});
  assert.equal(res.errors[0].extensions.code, 'PERSISTED_QUERY_NOT_FOUND');
});
