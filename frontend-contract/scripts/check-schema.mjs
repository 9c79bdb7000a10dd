// npm run check:schema: compares schema.graphql with the schema before the
// change, with `graphql-inspector diff`. A breaking change fails, unless
// CHANGELOG.md records it under a new major version (see changelog-rule.mjs).
//
// "Before the change" is, in this order:
//   1. CONTRACT_BASE_REF, when set (a CI that knows the commit it builds on);
//   2. where this branch left the upstream (merge-base with @{upstream} or
//      origin/main or origin/HEAD), when the branch has commits the upstream lacks;
//   3. HEAD, when schema.graphql has changes not committed yet;
//   4. the parent of the last commit that changed schema.graphql: in a fresh
//      clone of main, that is the schema before its latest change.
// With no earlier schema (the first one, a shallow clone, no git), the
// comparison is skipped and says so.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { topVersion } from './changelog-rule.mjs';

const contractDir = resolve(import.meta.dirname, '..');

const changelog = readFileSync(join(contractDir, 'CHANGELOG.md'), 'utf8');
const current = topVersion(changelog);
const pkg = JSON.parse(readFileSync(join(contractDir, 'package.json'), 'utf8'));
if (!current) fail('CHANGELOG.md has no version heading such as "## 1.0.0 — 2026-11-23"');
if (pkg.version !== current.version) {
  fail(`package.json says version ${pkg.version}, CHANGELOG.md ${current.version}: give both the same contract version`);
}

const base = findBase();
if (!base) {
  console.log('No earlier schema.graphql to compare with: the schema comparison is skipped.');
  process.exit(0);
}
const dir = mkdtempSync(join(tmpdir(), 'palabre-schema-'));
try {
  const baseSchema = join(dir, 'base.graphql');
  writeFileSync(baseSchema, base.schema);
  const baseMajor = topVersion(base.changelog ?? '')?.major ?? 0;
  console.log(`Comparing schema.graphql with its version at ${base.label} (contract ${baseMajor}.x there, ${current.version} here).`);
  const inspector = join(contractDir, 'node_modules', '.bin', 'graphql-inspector');
  const run = spawnSync(inspector, ['diff', baseSchema, 'schema.graphql', '--rule', join(import.meta.dirname, 'changelog-rule.mjs')], {
    cwd: contractDir,
    env: { ...process.env, CONTRACT_BASE_MAJOR: String(baseMajor) },
    stdio: 'inherit',
  });
  if (run.status !== 0) {
    fail(`schema.graphql breaks clients written against ${base.label}. Either keep the old field or type beside the new one,
deprecated with @deprecated(reason: "… Removed after YYYY-MM-DD."), or record the break in CHANGELOG.md under a
new major version (${baseMajor + 1}.0.0, and the same "version" in package.json): name each change by its schema
coordinate (\`Type.field\`, as listed above) and say how to migrate, under a "Migration" heading.`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

// findBase returns { label, schema, changelog } of the schema before the
// change, or null when there is none.
function findBase() {
  if (git('rev-parse', '--is-inside-work-tree') !== 'true') return null;
  const at = (ref, label) => {
    const schema = git('show', `${ref}:./schema.graphql`);
    if (schema === null) return null;
    return { label, schema: schema + '\n', changelog: git('show', `${ref}:./CHANGELOG.md`) };
  };
  const explicit = process.env.CONTRACT_BASE_REF;
  if (explicit) {
    const sha = git('rev-parse', '--verify', '--quiet', `${explicit}^{commit}`);
    if (!sha) fail(`CONTRACT_BASE_REF=${explicit} is not a commit of this repository`);
    return at(sha, `${explicit} (CONTRACT_BASE_REF)`);
  }
  const head = git('rev-parse', 'HEAD');
  if (!head) return null; // no commit yet
  for (const upstream of ['@{upstream}', 'origin/main', 'origin/HEAD']) {
    const sha = git('rev-parse', '--verify', '--quiet', `${upstream}^{commit}`);
    if (!sha) continue;
    const mergeBase = git('merge-base', 'HEAD', sha);
    if (mergeBase && mergeBase !== head) return at(mergeBase, `the merge-base with ${upstream} (${mergeBase.slice(0, 10)})`);
    break;
  }
  const committed = git('show', 'HEAD:./schema.graphql');
  if (committed !== null && committed + '\n' !== readFileSync(join(contractDir, 'schema.graphql'), 'utf8')) {
    return at('HEAD', 'HEAD');
  }
  const last = git('log', '-1', '--format=%H', '--', 'schema.graphql');
  if (!last) return null;
  const parent = git('rev-parse', '--verify', '--quiet', `${last}^`);
  if (!parent) return null; // the first commit, or a shallow clone
  return at(parent, `the parent of ${last.slice(0, 10)}, the last commit that changed it`);
}

// git runs a git command in the contract directory and returns its output
// without the final newline, or null when it fails.
function git(...args) {
  const res = spawnSync('git', args, { cwd: contractDir, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (res.error || res.status !== 0) return null;
  return res.stdout.replace(/\n$/, '');
}

function fail(message) {
  console.error(message);
  process.exit(1);
}
