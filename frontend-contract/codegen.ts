// GraphQL Code Generator: typed documents for the operations in operations/,
// checked against schema.graphql, written to generated/ (committed).
// `npm run generate` writes them; `npm run check:generated` regenerates them
// into a scratch directory (CODEGEN_OUT) and fails when they differ.
import type { CodegenConfig } from '@graphql-codegen/cli';

const out = process.env.CODEGEN_OUT ?? 'generated/';

const config: CodegenConfig = {
  schema: 'schema.graphql',
  documents: ['operations/**/*.graphql'],
  ignoreNoDocuments: false,
  generates: {
    [out]: {
      preset: 'client',
      presetConfig: {
        // Results are plain data, fragments spread inline: no unmasking step.
        fragmentMasking: false,
        // persisted-documents.json: SHA-256 of each document -> the document.
        // A server started with --trusted-documents runs only these.
        persistedDocuments: true,
      },
      config: {
        scalars: {
          ID: 'string',
          Cursor: 'string',
          Time: 'string', // RFC 3339, such as 2026-03-31T00:00:00Z
        },
        enumsAsTypes: true,
        useTypeImports: true,
        avoidOptionals: { field: true, inputValue: false, object: false, defaultValue: false },
        strictScalars: true,
      },
    },
  },
};

export default config;
