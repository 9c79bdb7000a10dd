// npm run check:generated: regenerates the typed documents and the
// persisted-documents manifest into a scratch directory and fails when they
// differ from generated/ (run `npm run generate` and commit the result).
// It does not touch generated/, so it also works on a read-only checkout.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const contractDir = resolve(import.meta.dirname, '..');
const committed = join(contractDir, 'generated');
const scratch = mkdtempSync(join(tmpdir(), 'palabre-codegen-'));

try {
  const codegen = join(contractDir, 'node_modules', '.bin', 'graphql-codegen');
  const run = spawnSync(codegen, ['--config', 'codegen.ts', '--silent'], {
    cwd: contractDir,
    env: { ...process.env, CODEGEN_OUT: `${scratch}/` },
    stdio: 'inherit',
  });
  if (run.status !== 0) {
    console.error('graphql-codegen failed: the operations do not match schema.graphql');
    process.exit(1);
  }
  const files = (dir) => readdirSync(dir).sort();
  const want = files(scratch);
  const have = files(committed);
  const stale = [...new Set([...want, ...have])].filter((f) => {
    if (!want.includes(f) || !have.includes(f)) return true;
    return readFileSync(join(scratch, f), 'utf8') !== readFileSync(join(committed, f), 'utf8');
  });
  if (stale.length > 0) {
    console.error(`generated/ is out of date (${stale.join(', ')}): run \`npm run generate\` in frontend-contract/ and commit the result`);
    process.exit(1);
  }
  console.log(`generated/ is current (${have.join(', ')})`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
