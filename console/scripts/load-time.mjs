// The first screen's load time: a real server (SQLite, demo data) and
// Debian's Chromium; each run a fresh browser context (cold cache), from
// navigation to the public landing page's list of adopted strategies shown
// and interactive (its first link focusable). Prints each run and the median;
// fails when the median is 1 s or more.
import { buildServer, launchBrowser, startServer } from '../test/harness.mjs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const RUNS = 7;
const BUDGET_MS = 1000;
const dir = mkdtempSync(join(tmpdir(), 'palabre-load-'));
const server = await startServer(buildServer(dir));
const base = server.url.replace(/\/graphql$/, '');
const browser = await launchBrowser();
const times = [];
try {
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const start = performance.now();
    await page.goto(base, { waitUntil: 'commit' });
    const link = page.locator('.cards a').first();
    await link.waitFor();
    await link.focus();
    times.push(performance.now() - start);
    await context.close();
  }
} finally {
  await browser.close();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
const sorted = [...times].sort((a, b) => a - b);
const median = sorted[Math.floor(sorted.length / 2)];
console.log(`first screen interactive (cold cache, ${RUNS} runs): ${times.map((t) => `${Math.round(t)} ms`).join(', ')}; median ${Math.round(median)} ms (budget ${BUDGET_MS} ms)`);
if (median >= BUDGET_MS) process.exit(1);
