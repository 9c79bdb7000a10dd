// npm run check:readme: the TypeScript snippets of README.md compile under the
// contract's strict settings, as a frontend would write them, importing the
// package by its name (built first: npm run build). The snippets are read in
// order as one module: their imports merged, their bodies one after another,
// so a later snippet may use what an earlier one declared.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const contractDir = resolve(import.meta.dirname, '..');
const readme = readFileSync(join(contractDir, 'README.md'), 'utf8');
const blocks = [...readme.matchAll(/^( *)```ts\n([\s\S]*?)^\1```$/gm)]
  .map(([, indent, code]) => code.split('\n').map((line) => line.slice(indent.length)).join('\n'));
if (blocks.length === 0) {
  console.error('README.md has no ```ts snippet');
  process.exit(1);
}

// Merge the imports: module -> Set of imported names ("X", "type X", "X as Y").
const imports = new Map();
const bodies = blocks.map((code) => code.replace(/^import\s+(type\s+)?\{([^}]*)\}\s+from\s+'([^']+)';\n?/gm, (_, typeOnly, names, from) => {
  const set = imports.get(from) ?? new Set();
  for (const name of names.split(',').map((n) => n.trim()).filter(Boolean)) set.add(typeOnly ? `type ${name}` : name);
  imports.set(from, set);
  return '';
}));
const source = [
  ...[...imports].map(([from, names]) => `import { ${[...names].join(', ')} } from '${from}';`),
  '',
  ...bodies.map((body, i) => `// README.md, snippet ${i + 1}\n${body}`),
  'export {};',
].join('\n');

const dir = join(contractDir, '.readme-check');
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir);
try {
  writeFileSync(join(dir, 'snippets.ts'), source);
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ extends: '../tsconfig.json', include: ['snippets.ts'] }));
  const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: contractDir, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
  const tsc = spawnSync(join(contractDir, 'node_modules', '.bin', 'tsc'), ['--noEmit', '-p', dir], { cwd: contractDir, encoding: 'utf8' });
  if (tsc.status !== 0) {
    console.error(`README.md's TypeScript snippets do not compile (as one module, imports merged):\n${tsc.stdout}${tsc.stderr}`);
    console.error(source.split('\n').map((l, i) => `${String(i + 1).padStart(4)} ${l}`).join('\n'));
    process.exit(1);
  }
  console.log(`README.md: ${blocks.length} TypeScript snippets compile`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
