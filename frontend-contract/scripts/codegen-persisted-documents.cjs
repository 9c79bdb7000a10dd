// A GraphQL Code Generator plugin (codegen.ts): writes generated/documents.ts,
// which exports every type of generated/graphql.ts and each typed document
// again as a PersistedDocumentNode, whose type has the hash the client preset
// puts in __meta__.hash at run time.
const suffix = { query: 'Query', mutation: 'Mutation', subscription: 'Subscription' };

module.exports = {
  plugin(_schema, documents) {
    const operations = documents
      .flatMap((file) => file.document?.definitions ?? [])
      .filter((d) => d.kind === 'OperationDefinition' && d.name)
      .map((d) => ({ name: d.name.value, type: d.name.value + suffix[d.operation] }))
      .sort((a, b) => a.name.localeCompare(b.name));
    let out = '/* eslint-disable */\n';
    out += "import * as G from './graphql.js';\n";
    out += "import type { PersistedDocumentNode } from '../src/persisted.js';\n";
    out += "export type * from './graphql.js';\n\n";
    for (const { name, type } of operations) {
      out += `export const ${name}Document = G.${name}Document as PersistedDocumentNode<G.${type}, G.${type}Variables>;\n`;
    }
    return out;
  },
};
