// What the browser tests and the measuring scripts share: a real Palabre
// server (the contract test's: built from this checkout, on a fresh SQLite
// file with the demo data), and Debian's Chromium driven by playwright-core.
import { chromium } from 'playwright-core';
import { buildServer, startServer } from '../../frontend-contract/test/server.mjs';

export { buildServer, startServer };

// The one browser: Debian's package (no browser is downloaded), headless,
// with nothing that reaches the network on its own.
export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

// graphql sends one request with a token, as a program would.
export async function graphql(url, token, query, variables = {}) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = await res.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}
