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
          // A file of a multipart request: a Blob (a browser's File) in the
          // variables, sent in its own part (see operations/attachment-upload.graphql).
          Upload: 'Blob',
        },
        enumsAsTypes: true,
        useTypeImports: true,
        // Imports end in .js, so the package works under moduleResolution
        // nodenext as well as bundler.
        emitLegacyCommonJSImports: false,
        avoidOptionals: { field: true, inputValue: false, object: false, defaultValue: false },
        strictScalars: true,
      },
    },
    // The typed documents again, with their hash in their type (__meta__.hash):
    // what the package exports (src/index.ts).
    [`${out}documents.ts`]: {
      plugins: ['./scripts/codegen-persisted-documents.cjs'],
      config: { emitLegacyCommonJSImports: false },
    },
    // The codes of errors[].extensions.code, from the schema's ErrorCode.
    [`${out}error-codes.ts`]: {
      plugins: ['./scripts/codegen-error-codes.cjs'],
    },
    // The reasons of errors[].extensions.reason, from the schema's ErrorReason.
    [`${out}error-reasons.ts`]: {
      plugins: [{ './scripts/codegen-error-codes.cjs': { enum: 'ErrorReason', table: 'errorReasons' } }],
    },
  },
};

export default config;
