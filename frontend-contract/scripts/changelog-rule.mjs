// A rule for `graphql-inspector diff --rule`: a breaking change that
// CHANGELOG.md records under a new major version is reported as dangerous
// instead of breaking, so it no longer fails the check. Recorded means: the
// newest version of CHANGELOG.md has a greater major number than the one of
// the schema it is compared with (CONTRACT_BASE_MAJOR), its section names the
// change by its schema coordinate (`Type.field`) and says how to migrate
// (a line with "Migration").
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const contractDir = resolve(import.meta.dirname, '..');

// topVersion returns the newest version of a changelog ("## 2.0.0 — date"):
// { version, major, section }, section being its text up to the next version.
export function topVersion(changelog) {
  const heading = /^## \[?v?((\d+)\.\d+\.\d+)\]?.*$/m;
  const m = heading.exec(changelog);
  if (!m) return null;
  const rest = changelog.slice(m.index + m[0].length);
  const next = /^## /m.exec(rest);
  return { version: m[1], major: Number(m[2]), section: next ? rest.slice(0, next.index) : rest };
}

export default function recordedBreakingChanges({ changes }) {
  const top = topVersion(readFileSync(join(contractDir, 'CHANGELOG.md'), 'utf8'));
  const baseMajor = Number(process.env.CONTRACT_BASE_MAJOR ?? 'NaN');
  const newMajor = top && top.major > baseMajor && /migration/i.test(top.section);
  const unrecorded = [];
  const result = changes.map((change) => {
    if (change.criticality.level !== 'BREAKING') return change;
    if (!(newMajor && change.path && top.section.includes(change.path))) {
      unrecorded.push(change);
      return change;
    }
    return {
      ...change,
      message: `${change.message} (recorded in CHANGELOG.md ${top.version})`,
      criticality: { ...change.criticality, level: 'DANGEROUS' },
    };
  });
  if (unrecorded.length > 0) {
    console.error(`Breaking changes not recorded in CHANGELOG.md under a new major version with a Migration heading:`);
    for (const change of unrecorded) console.error(`  ${change.path ?? '(schema)'}: ${change.message}`);
  }
  return result;
}
