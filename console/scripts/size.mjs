// The console's first-load JavaScript, gzipped (level 9, as a server or CDN
// would send it): every script the built page names, and what they import
// statically. Fails above the budget of 250 KB.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET = 250 * 1024;
const dist = resolve(import.meta.dirname, '..', '..', 'server', 'console', 'dist');
const page = readFileSync(join(dist, 'index.html'), 'utf8');
const seen = new Set();
const queue = [...page.matchAll(/<script[^>]*src="\/([^"]+)"/g), ...page.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="\/([^"]+)"/g)].map((m) => m[1]);
let raw = 0;
let gzipped = 0;
while (queue.length) {
  const file = queue.shift();
  if (seen.has(file)) continue;
  seen.add(file);
  const code = readFileSync(join(dist, file));
  raw += code.length;
  gzipped += gzipSync(code, { level: 9 }).length;
  for (const m of code.toString('utf8').matchAll(/\bimport\s*(?:[\w{}\s,*]+from\s*)?["']\.?\/?((?:assets\/)?[\w.-]+\.js)["']/g)) {
    queue.push(m[1].startsWith('assets/') ? m[1] : `assets/${m[1]}`);
  }
}
const css = [...page.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="\/([^"]+)"/g)]
  .reduce((n, m) => n + gzipSync(readFileSync(join(dist, m[1])), { level: 9 }).length, 0);
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log(`JavaScript on first load: ${seen.size} file(s), ${kb(raw)} raw, ${kb(gzipped)} gzipped (budget ${kb(BUDGET)}); CSS ${kb(css)} gzipped`);
if (gzipped > BUDGET) {
  console.error('over budget');
  process.exit(1);
}
