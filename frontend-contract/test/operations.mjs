// The operations of operations/, as the frontends send them: the documents of
// generated/persisted-documents.json (each operation with the fragments it
// uses, normalised by the client preset), by operation name, with their hash.
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Kind, parse } from 'graphql';

const contractDir = resolve(import.meta.dirname, '..');

// loadOperations returns Map(name -> { document, hash }) from the manifest.
export function loadOperations() {
  const manifest = JSON.parse(readFileSync(join(contractDir, 'generated', 'persisted-documents.json'), 'utf8'));
  const operations = new Map();
  for (const [hash, document] of Object.entries(manifest)) {
    for (const def of parse(document).definitions) {
      if (def.kind === Kind.OPERATION_DEFINITION) operations.set(def.name.value, { document, hash });
    }
  }
  return operations;
}

// operationNamesInFiles lists the operations written in operations/*.graphql,
// by file: what the manifest must hold.
export function operationNamesInFiles() {
  const dir = join(contractDir, 'operations');
  const byFile = new Map();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.graphql')).sort()) {
    const names = parse(readFileSync(join(dir, file), 'utf8')).definitions
      .filter((d) => d.kind === Kind.OPERATION_DEFINITION)
      .map((d) => d.name.value);
    byFile.set(file, names);
  }
  return byFile;
}
