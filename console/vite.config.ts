// The console's build: one entry (index.html), hashed assets under assets/,
// written into the Go package that embeds them (server/console/dist).
import { defineConfig } from 'vite';

export default defineConfig({
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: '../server/console/dist',
    emptyOutDir: true,
    target: 'es2022',
    // The polyfill would be an inline script, which the CSP forbids; every
    // browser the console supports preloads modules itself.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    reportCompressedSize: false,
  },
  server: { proxy: { '/graphql': 'http://127.0.0.1:8080', '/auth': 'http://127.0.0.1:8080' } },
});
