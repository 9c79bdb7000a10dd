// npm run check:operations: validates operations/ against schema.graphql with
// graphql-inspector, within the server's default limits of a document, read
// from server-limits.json (written by `make generate` from the server's
// settings, so that the limits live in one place).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const contractDir = resolve(import.meta.dirname, '..');
const limits = JSON.parse(readFileSync(join(contractDir, 'server-limits.json'), 'utf8'));
const inspector = join(contractDir, 'node_modules', '.bin', 'graphql-inspector');
const run = spawnSync(inspector, [
  'validate', 'operations/*.graphql', 'schema.graphql', '--deprecated',
  '--maxDepth', String(limits.maxDepth),
  '--maxAliasCount', String(limits.maxAliases),
  '--maxTokenCount', String(limits.maxTokens),
  '--relativePaths',
], { cwd: contractDir, stdio: 'inherit' });
if (run.error) throw run.error;
process.exit(run.status ?? 1);
