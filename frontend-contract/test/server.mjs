// Starts a real Palabre server for the contract test: built from this
// checkout, on a fresh SQLite file in a temporary directory, with the demo
// data, on a free port of the loopback interface. Its tokens are read from
// the table `serve --seed-demo` prints.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const repoRoot = resolve(import.meta.dirname, '..', '..');

// buildServer builds the palabre command into dir once, unless PALABRE_BIN
// names a binary already built.
export function buildServer(dir) {
  if (process.env.PALABRE_BIN) return resolve(process.env.PALABRE_BIN);
  const bin = join(dir, 'palabre');
  const go = process.env.GO ?? 'go';
  const built = spawnSync(go, ['build', '-o', bin, './cmd/palabre'], { cwd: repoRoot, stdio: ['ignore', 'inherit', 'inherit'] });
  if (built.error) throw new Error(`cannot run ${go}: ${built.error.message}`);
  if (built.status !== 0) throw new Error(`go build ./cmd/palabre failed with status ${built.status}`);
  return bin;
}

// startServer starts `palabre serve --env development --seed-demo` and
// resolves once it listens: { url, tokens, stop() }. With env 'production',
// the server starts as deployed, on an empty database, and tokens is null.
// args are added to the command line (--trusted-documents FILE, say).
export async function startServer(bin, { env: mode = 'development', args: extraArgs = [] } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'palabre-contract-'));
  const port = await freePort();
  const seed = mode === 'development' ? ['--seed-demo'] : [];
  const args = ['serve', '--env', mode, ...seed, '--database', join(dir, 'palabre.db'),
    '--addr', `127.0.0.1:${port}`, '--log-level', 'warn', ...extraArgs];
  // The server reads PALABRE_* settings from the environment: the test sets
  // everything it depends on with flags, and lets nothing else in.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('PALABRE_')));
  const child = spawn(bin, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (s) => { stdout += s; });
  child.stderr.setEncoding('utf8').on('data', (s) => { stderr += s; });
  const exited = new Promise((done) => child.once('exit', (code, signal) => done({ code, signal })));

  const url = await new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`the server did not start within 60 s:\n${stdout}\n${stderr}`)), 60_000);
    const onData = () => {
      const m = /serves GraphQL at (\S+)/.exec(stdout);
      if (m) { clearTimeout(timer); child.stdout.off('data', onData); ok(m[1]); }
    };
    child.stdout.on('data', onData);
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      fail(new Error(`the server exited (${code ?? signal}) before serving:\n${stdout}\n${stderr}`));
    });
  });

  return {
    url,
    tokens: seed.length > 0 ? parseTokens(stdout) : null,
    stderr: () => stderr,
    async stop() {
      child.kill('SIGTERM');
      const { code, signal } = await exited;
      rmSync(dir, { recursive: true, force: true });
      if (code !== 0 && signal !== 'SIGTERM') throw new Error(`the server stopped with ${code ?? signal}:\n${stderr}`);
    },
  };
}

// parseTokens reads the table of demo tokens:
//   ROLE  E-MAIL  AGENCY  TOKEN
//   agency  ibrahima.fall@…  ANSSI  plb_…
// into { admin, secretariat, reviewer, agency: { ANSSI, MJ, … } }.
export function parseTokens(stdout) {
  const tokens = { agency: {} };
  let inTable = false;
  for (const line of stdout.split('\n')) {
    const cols = line.trim().split(/\s+/);
    if (cols[0] === 'ROLE' && cols.at(-1) === 'TOKEN') { inTable = true; continue; }
    if (!inTable || cols.length !== 4 || !cols[3].startsWith('plb_')) continue;
    const [role, , agency, token] = cols;
    if (role === 'agency') tokens.agency[agency] ??= token;
    else tokens[role] ??= token;
  }
  for (const role of ['admin', 'secretariat', 'reviewer']) {
    if (!tokens[role]) throw new Error(`no ${role} token in the server's output:\n${stdout}`);
  }
  if (Object.keys(tokens.agency).length === 0) throw new Error(`no agency token in the server's output:\n${stdout}`);
  return tokens;
}

function freePort() {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => ok(port));
    });
  });
}
