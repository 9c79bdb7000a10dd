// npm run vendor: copies the browser builds GraphiQL's page needs from
// node_modules/ into static/vendor/, with their licences. GraphiQL 3 is the
// last major version shipped as one self-contained browser bundle (later ones
// are ES modules meant for a bundler or a CDN); it runs on React 18, the last
// React shipped as UMD builds.
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const dir = resolve(import.meta.dirname);
const modules = join(dir, 'node_modules');
const out = join(dir, 'static', 'vendor');
const files = {
  'react.production.min.js': 'react/umd/react.production.min.js',
  'react-dom.production.min.js': 'react-dom/umd/react-dom.production.min.js',
  'graphiql.min.js': 'graphiql/graphiql.min.js',
  'graphiql.min.css': 'graphiql/graphiql.min.css',
};

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
for (const [name, from] of Object.entries(files)) {
  // Without the source map comment: the maps are not served.
  const text = readFileSync(join(modules, from), 'utf8').replace(/\n?\/[*/]# sourceMappingURL=\S+(\s*\*\/)?\s*$/, '\n');
  writeFileSync(join(out, name), text);
}
let licences = '';
for (const pkg of ['graphiql', 'react', 'react-dom']) {
  const { version } = JSON.parse(readFileSync(join(modules, pkg, 'package.json'), 'utf8'));
  licences += `== ${pkg} ${version}\n\n${readFileSync(join(modules, pkg, 'LICENSE'), 'utf8').trim()}\n\n`;
}
writeFileSync(join(out, 'LICENSES.txt'), licences);
console.log(`static/vendor/: ${Object.keys(files).join(', ')}, LICENSES.txt`);
