// npm run build (run by `npm pack` and `npm publish`): the package's
// JavaScript and type declarations in dist/, compiled from src/ and the
// generated documents by tsconfig.build.json.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const contractDir = resolve(import.meta.dirname, '..');
rmSync(join(contractDir, 'dist'), { recursive: true, force: true });
const tsc = spawnSync(join(contractDir, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.build.json'], { cwd: contractDir, stdio: 'inherit' });
process.exit(tsc.status ?? 1);
