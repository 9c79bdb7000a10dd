// The contract as a frontend team installs it: `npm pack` gives the tarball;
// a throwaway project (`npm init`) installs it with graphql-request, urql and
// Apollo Client, compiles test/consumer/main.ts under moduleResolution
// nodenext and again under bundler, and runs it against real servers: one
// query by hash through each adapter, and a hash the server does not know,
// answered PERSISTED_QUERY_NOT_FOUND and retried with the text where the
// server allows it. The packages come from npm's cache when `npm ci` has
// filled it (the versions of this package.json's devDependencies).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildServer, startServer } from './server.mjs';

const contractDir = resolve(import.meta.dirname, '..');
const dev = JSON.parse(readFileSync(join(contractDir, 'package.json'), 'utf8')).devDependencies;
const consumerDeps = ['graphql', 'graphql-request', '@urql/core', '@urql/exchange-persisted', '@apollo/client', 'rxjs', 'typescript', '@types/node']
  .map((name) => `${name}@${dev[name]}`);

const npm = (args, cwd) => execFileSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });

describe('a consumer project installs the packed contract', () => {
  const work = mkdtempSync(join(tmpdir(), 'palabre-consumer-'));
  const project = join(work, 'consumer');
  const tsc = (...flags) => execFileSync(join(project, 'node_modules', '.bin', 'tsc'), ['-p', '.', '--types', 'node', ...flags], { cwd: project, encoding: 'utf8' });
  let bin, devServer, trustedServer;

  before(async () => {
    bin = buildServer(work);
    const tarball = npm(['pack', '--pack-destination', work], contractDir).trim().split('\n').pop();
    mkdirSync(project);
    npm(['init', '-y'], project);
    npm(['pkg', 'set', 'type=module'], project);
    npm(['install', '--prefer-offline', join(work, tarball), ...consumerDeps], project);
    execFileSync(join(project, 'node_modules', '.bin', 'tsc'), ['--init'], { cwd: project });
    mkdirSync(join(project, 'src'));
    copyFileSync(join(contractDir, 'test', 'consumer', 'main.ts'), join(project, 'src', 'main.ts'));
    [devServer, trustedServer] = await Promise.all([
      startServer(bin),
      startServer(bin, { args: ['--trusted-documents', join(contractDir, 'generated', 'persisted-documents.json')] }),
    ]);
  });
  after(async () => {
    await Promise.all([devServer?.stop(), trustedServer?.stop()]);
    rmSync(work, { recursive: true, force: true });
  });

  test('it compiles under tsc --init defaults (moduleResolution nodenext)', () => {
    tsc('--rootDir', 'src', '--outDir', 'dist');
  });

  test('it compiles under moduleResolution bundler', () => {
    tsc('--module', 'esnext', '--moduleResolution', 'bundler', '--noEmit');
  });

  const run = (server) => JSON.parse(execFileSync(process.execPath, [join(project, 'dist', 'main.js')], {
    cwd: project, encoding: 'utf8', env: { ...process.env, PALABRE_URL: server.url, TOKEN: server.tokens.reviewer },
  }));

  test('each adapter sends the query by hash, which a trusted-documents server runs', () => {
    const out = run(trustedServer);
    assert.match(out.hash, /^sha256:[0-9a-f]{64}$/);
    for (const adapter of ['graphql-request', 'urql', 'apollo']) {
      const { known, newer } = out[adapter];
      assert.ok(known.totalCount >= 1, `${adapter}: ${JSON.stringify(known)}`);
      assert.ok(known.requests.length >= 1 && known.requests.every((r) => /^(GET|POST) hash$/.test(r)), `${adapter} sent: ${JSON.stringify(known.requests)}`);
      // An unknown hash, then its text, which a trusted server refuses.
      assert.equal(newer.code, 'FORBIDDEN', `${adapter}: ${JSON.stringify(newer)}`);
    }
  });

  test('each adapter retries an unknown hash with the text, which a development server runs', () => {
    const out = run(devServer);
    for (const adapter of ['graphql-request', 'urql', 'apollo']) {
      const { known, newer } = out[adapter];
      assert.ok(known.requests.length >= 1 && known.requests.every((r) => /^(GET|POST) hash$/.test(r)), `${adapter} sent: ${JSON.stringify(known.requests)}`);
      assert.ok(newer.totalCount >= 1, `${adapter}: ${JSON.stringify(newer)}`);
      assert.match(newer.requests[0] ?? '', /^(GET|POST) hash$/, `${adapter} sent: ${JSON.stringify(newer.requests)}`);
      assert.match(newer.requests[1] ?? '', /^(GET|POST) text/, `${adapter} sent: ${JSON.stringify(newer.requests)}`);
    }
  });
});
