// The contract test: a real server on a fresh SQLite file with the demo data,
// every operation of operations/ sent as the frontends send it (the documents
// of generated/persisted-documents.json) through graphql-request, with a
// token of the role whose screen it is, and the wrong roles refused with the
// right extensions.code.
//
// The scenario follows a consultation round: an agency submits, edits and
// withdraws observations, the secretariat answers one, the reviewer reads the
// matrix and the audit trail; the secretariat publishes a second version so
// that two versions can be compared.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { buildSchema, getNamedType, parse, TypeInfo, visit, visitWithTypeInfo } from 'graphql';
import { ClientError, GraphQLClient } from 'graphql-request';
import { createClient } from 'graphql-ws';

import { loadOperations, operationNamesInFiles } from './operations.mjs';
import { buildServer, startServer } from './server.mjs';

const operations = loadOperations();
const ran = new Set(); // the operations this run sent, to check none is left out

let buildDir;
let server;
let tokens; // { admin, secretariat, reviewer, agency: { ANSSI, MJ, ARTP } }
const world = {}; // IDs looked up once the server runs

before(async () => {
  buildDir = mkdtempSync(join(tmpdir(), 'palabre-build-'));
  server = await startServer(buildServer(buildDir));
  tokens = server.tokens;
  await lookUpWorld();
});

after(async () => {
  // The server logs warnings and errors only: the details of any INTERNAL.
  const log = server?.stderr().trim();
  if (log) console.log(`--- the server's log (warnings and errors) ---\n${log}`);
  await server?.stop();
  if (buildDir) rmSync(buildDir, { recursive: true, force: true });
});

// send runs one operation of operations/ with a token (null: the public).
async function send(name, variables, token) {
  const op = operations.get(name);
  assert.ok(op, `no operation ${name} in generated/persisted-documents.json: run npm run generate`);
  ran.add(name);
  return client(token).request(op.document, variables);
}

// refused runs an operation that must fail, and returns its first error
// after checking its extensions.code.
function refused(code, name, variables, token) {
  return failsWith(code, name, send(name, variables, token));
}

// failsWith checks that a request fails with the code, with a message for a
// person that shows nothing of the server's internals.
async function failsWith(code, label, request) {
  try {
    await request;
  } catch (err) {
    if (!(err instanceof ClientError)) throw err;
    const errors = err.response.errors ?? [];
    assert.ok(errors.length > 0, `${label}: an error response without errors`);
    assert.equal(errors[0].extensions?.code, code, `${label}: ${JSON.stringify(errors)}`);
    assert.equal(typeof errors[0].message, 'string');
    assert.ok(errors[0].message.length > 0, `${label}: an error without a message`);
    assert.doesNotMatch(errors[0].message, /\bsql\b|\bent:|panic|goroutine|\.go:\d+/i, `${label}: an error message shows internals`);
    return errors[0];
  }
  assert.fail(`${label} succeeded; expected ${code}`);
}

// query runs an ad-hoc request (a lookup, or a setup the screens of
// operations/ do not cover), as the reviewer unless told otherwise.
function query(document, variables, token = tokens.reviewer) {
  return client(token).request(document, variables);
}

function client(token) {
  return new GraphQLClient(server.url, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
}

const nodes = (connection) => (connection.edges ?? []).map((e) => e.node);

// lookUpWorld finds the IDs the scenario needs with small queries.
async function lookUpWorld() {
  const data = await query(`{
    agencies(first: 100) { edges { node { id acronym } } }
    strategies(first: 20) { edges { node { id title status } } }
    consultations(first: 20) { edges { node { id status strategy { id } version { id number } } } }
  }`);
  world.agency = Object.fromEntries(nodes(data.agencies).map((a) => [a.acronym, a.id]));
  const strategies = nodes(data.strategies);
  world.current = strategies.find((s) => s.title === 'Stratégie nationale de cybersécurité 2022-2026');
  world.adopted = strategies.find((s) => s.status === 'ADOPTED');
  assert.ok(world.current, 'the demo data has the strategy 2022-2026');
  assert.ok(world.adopted, 'the demo data has an adopted strategy');
  world.round = nodes(data.consultations).find((c) => c.status === 'OPEN' && c.strategy.id === world.current.id);
  assert.ok(world.round, 'the demo data has an open round on the strategy 2022-2026');
  const items = await query(`query($s: ID!) {
    actionItems(first: 100, where: { hasStrategyWith: [{ id: $s }] }) { edges { node { id code revision } } }
  }`, { s: world.current.id });
  world.item = Object.fromEntries(nodes(items.actionItems).map((i) => [i.code, i]));
  assert.ok(world.item['A1.3'], 'the strategy 2022-2026 has an action item A1.3');
}

const adoptedStatuses = ['ADOPTED', 'IN_IMPLEMENTATION', 'SUPERSEDED'];
const isoDate = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

describe("the reviewer's action plan by agency", () => {
  test('lists the items an agency leads or supports, soonest due first, in pages', async () => {
    const anssi = world.agency.ANSSI;
    const all = await send('ActionPlanByAgency', { agencyID: anssi, first: 100 }, tokens.reviewer);
    assert.equal(all.agency.acronym, 'ANSSI');
    assert.equal(all.agency.kind, 'NATIONAL_AGENCY');
    const items = nodes(all.actionItems);
    assert.ok(items.length >= 3, 'ANSSI takes part in several items');
    assert.equal(all.actionItems.totalCount, items.length);
    for (const item of items) {
      const involved = [item.leadAgency, ...(item.supportingAgencies ?? [])].map((a) => a.id);
      assert.ok(involved.includes(anssi), `${item.code} involves ANSSI`);
      assert.match(item.code, /^A\d+\.\d+$/);
      assert.ok(item.progress >= 0 && item.progress <= 100);
    }
    const due = items.map((i) => i.dueDate).filter(Boolean);
    assert.deepEqual(due, [...due].sort(), 'ordered by due date');

    // Page by page with first/after gives the same items, once each.
    const seen = [];
    let after = null;
    for (let page = 0; page < 50; page++) {
      const res = await send('ActionPlanByAgency', { agencyID: anssi, first: 2, after }, tokens.reviewer);
      assert.equal(res.actionItems.totalCount, items.length, 'totalCount counts every page');
      seen.push(...nodes(res.actionItems).map((i) => i.id));
      if (!res.actionItems.pageInfo.hasNextPage) break;
      after = res.actionItems.pageInfo.endCursor;
      assert.equal(res.actionItems.edges.at(-1).cursor, after);
    }
    assert.deepEqual(seen, items.map((i) => i.id));
  });

  test('filters on status', async () => {
    const res = await send('ActionPlanByAgency', { agencyID: world.agency.ANSSI, status: ['COMPLETED'] }, tokens.reviewer);
    assert.ok(res.actionItems.totalCount >= 1);
    for (const item of nodes(res.actionItems)) assert.equal(item.status, 'COMPLETED');
  });

  test('restricted to the items the agency leads', async () => {
    const res = await send('ActionPlanLedByAgency', { agencyID: world.agency.MENP, first: 50 }, tokens.reviewer);
    assert.ok(res.actionItems.totalCount >= 1);
    for (const item of nodes(res.actionItems)) assert.equal(item.leadAgency.acronym, 'MENP');
  });

  test('the public sees only the plans of adopted strategies', async () => {
    const res = await send('ActionPlanByAgency', { agencyID: world.agency.ANSSI, first: 100 }, null);
    for (const item of nodes(res.actionItems)) {
      // Items of adopted strategies, and of agreements that are not confidential.
      assert.ok(item.strategy ? adoptedStatuses.includes(item.strategy.status) : !item.agreement.confidential, item.code);
    }
  });

  test('a page larger than 100 is BAD_USER_INPUT', async () => {
    const err = await refused('BAD_USER_INPUT', 'ActionPlanByAgency', { agencyID: world.agency.ANSSI, first: 101 }, tokens.reviewer);
    assert.match(err.message, /100/);
  });

  test('a cursor that is not one is BAD_USER_INPUT', async () => {
    await refused('BAD_USER_INPUT', 'ActionPlanByAgency', { agencyID: world.agency.ANSSI, after: 'not-a-cursor' }, tokens.reviewer);
  });

  test('first and last together are BAD_USER_INPUT', async () => {
    await failsWith('BAD_USER_INPUT', 'first and last', query('{ actionItems(first: 2, last: 2) { totalCount } }'));
  });

  test('without first or last, a page holds 20 items; last/before page backwards', async () => {
    const all = await query('{ actionItems(first: 100) { totalCount edges { node { id } } } }');
    assert.ok(all.actionItems.totalCount > 20, 'the demo plan has more than one default page');
    const byDefault = await query('{ actionItems { totalCount edges { node { id } } } }');
    assert.equal(byDefault.actionItems.edges.length, 20);
    const ids = nodes(all.actionItems).map((i) => i.id);
    const tail = await query('{ actionItems(last: 2) { edges { node { id } } pageInfo { hasPreviousPage startCursor } } }');
    assert.deepEqual(nodes(tail.actionItems).map((i) => i.id), ids.slice(-2));
    assert.equal(tail.actionItems.pageInfo.hasPreviousPage, true);
    const before = await query('query($c: Cursor) { actionItems(last: 2, before: $c) { edges { node { id } } } }',
      { c: tail.actionItems.pageInfo.startCursor });
    assert.deepEqual(nodes(before.actionItems).map((i) => i.id), ids.slice(-4, -2));
  });
});

describe('overdue items', () => {
  test('lists the items due before the date and neither completed nor cancelled', async () => {
    const on = new Date().toISOString();
    const res = await send('OverdueItems', { on, first: 100 }, tokens.reviewer);
    const items = nodes(res.actionItems);
    assert.ok(items.length >= 1, 'the demo plan has overdue items');
    assert.equal(res.actionItems.totalCount, items.length);
    for (const item of items) {
      assert.ok(item.dueDate < on, `${item.code} is due before ${on}`);
      assert.ok(!['COMPLETED', 'CANCELLED'].includes(item.status), `${item.code} is still open`);
      assert.equal(item.overdue, true, `${item.code} says it is overdue`);
    }
    const reported = items.find((i) => i.progressReports.totalCount > 0);
    assert.ok(reported, 'the demo has overdue items with progress reports');
    assert.ok(nodes(reported.progressReports)[0].narrative.length > 0);
  });

  test('for one agency, and none on a date before any deadline', async () => {
    const mine = await send('OverdueItems', { on: new Date().toISOString(), agencyID: world.agency.MENP }, tokens.agency.ANSSI);
    for (const item of nodes(mine.actionItems)) {
      const involved = [item.leadAgency, ...(item.supportingAgencies ?? [])].map((a) => a.acronym);
      assert.ok(involved.includes('MENP'), item.code);
    }
    const none = await send('OverdueItems', { on: '2000-01-01T00:00:00Z' }, tokens.reviewer);
    assert.equal(none.actionItems.totalCount, 0);
    assert.deepEqual(none.actionItems.edges, []);
  });

  test('a date that is not a date is BAD_USER_INPUT', async () => {
    await refused('BAD_USER_INPUT', 'OverdueItems', { on: 'yesterday' }, tokens.reviewer);
  });
});

describe("an agency's involvement and its progress", () => {
  test('the items an agency leads, supports or funds, with their progress and its rollup, in one query', async () => {
    const on = new Date().toISOString();
    const res = await send('AgencyInvolvement', { agencyID: world.agency.ANSSI, on, first: 100 }, tokens.reviewer);
    const agency = res.agency;
    assert.equal(agency.acronym, 'ANSSI');
    const items = nodes(agency.involvedActionItems);
    assert.ok(items.length >= 3, 'ANSSI takes part in several items');
    for (const item of items) {
      const involved = [item.leadAgency, ...item.supportingAgencies, ...item.fundingPartners].map((a) => a.id);
      assert.ok(involved.includes(world.agency.ANSSI), `${item.code} involves ANSSI`);
      assert.equal(typeof item.overdue, 'boolean');
      const latest = nodes(item.progressReports)[0];
      if (latest) {
        assert.equal(item.lastReportedAt, latest.asOf, `${item.code} shows its latest report`);
        assert.match(latest.asOf, isoDate);
      }
    }
    assert.ok(items.some((i) => i.progressReports.totalCount > 0), 'the demo has reports on ANSSI\'s items');
    const r = agency.progressRollup;
    assert.match(r.on, isoDate);
    const led = items.filter((i) => i.leadAgency.id === world.agency.ANSSI);
    assert.equal(r.total, led.length, 'the rollup counts the items ANSSI leads');
    assert.equal(r.byStatus.reduce((n, s) => n + s.count, 0), r.total);
    assert.ok(r.meanProgress >= 0 && r.meanProgress <= 100);
    assert.equal(r.overdue, led.filter((i) => i.overdue).length);

    const lead = await send('AgencyInvolvement', { agencyID: world.agency.ANSSI, roles: ['LEAD'], first: 100 }, tokens.reviewer);
    assert.equal(lead.agency.involvedActionItems.totalCount, led.length);
    const stale = await send('AgencyInvolvement', { agencyID: world.agency.ANSSI, staleOn: on, first: 100 }, tokens.reviewer);
    for (const item of nodes(stale.agency.involvedActionItems)) {
      assert.ok(['IN_PROGRESS', 'DELAYED'].includes(item.status), `${item.code} is under way`);
    }
    assert.ok(stale.agency.involvedActionItems.totalCount >= 1, 'the demo has stale items');
  });

  test('the public reads the progress of adopted strategies and public agreements only', async () => {
    const res = await send('AgencyInvolvement', { agencyID: world.agency.ANSSI, first: 100 }, null);
    for (const item of nodes(res.agency.involvedActionItems)) {
      assert.ok(item.strategy ? adoptedStatuses.includes(item.strategy.status) : !item.agreement.confidential, item.code);
    }
  });

  test('the lead agency files a progress report, once per idempotency key; others are refused', async () => {
    const mine = await send('AgencyInvolvement', { agencyID: world.agency.ANSSI, roles: ['LEAD'], first: 100 }, tokens.agency.ANSSI);
    const item = nodes(mine.agency.involvedActionItems).find((i) => ['IN_PROGRESS', 'DELAYED'].includes(i.status));
    assert.ok(item, 'ANSSI leads an item under way that it reads');
    const input = {
      actionItemID: item.id, asOf: new Date(Date.now() - 86400000).toISOString(), progress: Math.min(item.progress + 5, 99),
      status: item.status, narrative: 'Recrutement de deux analystes ; la supervision couvre désormais six ministères.',
      difficulties: 'Débit insuffisant sur deux sites régionaux.', nextSteps: 'Raccorder les sites restants.',
      idempotencyKey: `contract-${item.id}`,
    };
    for (const [who, token, code] of [
      ['another agency', tokens.agency.MJ, 'FORBIDDEN'], ['the secretariat', tokens.secretariat, 'FORBIDDEN'],
      ['a reviewer', tokens.reviewer, 'FORBIDDEN'], ['the public', null, 'UNAUTHENTICATED'],
    ]) {
      await refused(code, 'FileProgressReport', { input }, token).catch((err) => assert.fail(`${who}: ${err.message}`));
    }
    await refused('BAD_USER_INPUT', 'FileProgressReport', { input: { ...input, progress: 101 } }, tokens.agency.ANSSI);
    await refused('BAD_USER_INPUT', 'FileProgressReport', { input: { ...input, asOf: new Date(Date.now() + 86400000).toISOString() } }, tokens.agency.ANSSI);

    const filed = await send('FileProgressReport', { input }, tokens.agency.ANSSI);
    const report = filed.fileProgressReport.progressReport;
    assert.equal(report.progress, input.progress);
    assert.equal(report.narrative, input.narrative, 'accents round-trip');
    assert.equal(report.agency.acronym, 'ANSSI');
    assert.equal(filed.fileProgressReport.actionItem.progress, input.progress, 'the latest report sets the item\'s progress');
    const again = await send('FileProgressReport', { input }, tokens.agency.ANSSI);
    assert.equal(again.fileProgressReport.progressReport.id, report.id, 'a retry returns the first report');
    await refused('CONFLICT', 'FileProgressReport', { input: { ...input, progress: input.progress - 1 } }, tokens.agency.ANSSI);
  });
});

describe('a strategy with its objectives and items', () => {
  test('the reviewer reads the whole plan', async () => {
    const res = await send('StrategyDetail', { id: world.current.id }, tokens.reviewer);
    const s = res.node;
    assert.equal(s.__typename, 'Strategy');
    assert.equal(s.title, 'Stratégie nationale de cybersécurité 2022-2026', 'accents round-trip');
    assert.equal(s.status, 'VALIDATION');
    assert.equal(s.country, 'SN');
    assert.ok(s.startYear <= s.endYear);
    assert.equal(s.ownerAgency.acronym, 'MENP');
    assert.ok(s.versions.totalCount >= 1);
    const objectives = nodes(s.objectives);
    assert.equal(s.objectives.totalCount, objectives.length);
    assert.ok(objectives.length >= 5, 'objectives over the pillars');
    assert.deepEqual(objectives.map((o) => o.position), [...objectives.map((o) => o.position)].sort((a, b) => a - b));
    const pillars = new Set(objectives.map((o) => o.pillar));
    assert.ok(pillars.size >= 3, 'several GCI pillars');
    let itemCount = 0;
    for (const o of objectives) {
      assert.match(o.code, /^OS\d+$/);
      for (const item of nodes(o.actionItems)) {
        assert.equal(item.objective.id, o.id, `${item.code} belongs to ${o.code}`);
        assert.equal(item.strategy.id, s.id);
        itemCount++;
      }
    }
    assert.ok(itemCount >= 20, 'a full action plan');
    const a13 = objectives.flatMap((o) => nodes(o.actionItems)).find((i) => i.code === 'A1.3');
    assert.equal(a13.leadAgency.acronym, 'MENP');
  });

  test('the public reads an adopted strategy, and not one in validation', async () => {
    const adopted = await send('StrategyDetail', { id: world.adopted.id, objectivesFirst: 5, itemsFirst: 5 }, null);
    assert.equal(adopted.node.__typename, 'Strategy');
    assert.ok(adoptedStatuses.includes(adopted.node.status));
    const err = await refused('NOT_FOUND', 'StrategyDetail', { id: world.current.id }, null);
    assert.deepEqual(err.path, ['node']);
  });
});

describe("the web console's landing page", () => {
  test('the public has no viewer and reads the adopted strategies only', async () => {
    const who = await send('Viewer', {}, null);
    assert.equal(who.viewer, null);
    const res = await send('AdoptedStrategies', {}, null);
    const listed = nodes(res.strategies);
    assert.ok(listed.some((s) => s.id === world.adopted.id), 'the adopted strategy is listed');
    assert.ok(listed.every((s) => adoptedStatuses.includes(s.status)), 'only adopted strategies');
    assert.ok(!listed.some((s) => s.id === world.current.id), 'not the strategy in consultation');
  });

  test('a signed-in agency sees itself; the list is the same for everyone', async () => {
    const who = await send('Viewer', {}, tokens.agency.ANSSI);
    assert.equal(who.viewer.role, 'AGENCY');
    assert.equal(who.viewer.agency.acronym, 'ANSSI');
    const res = await send('AdoptedStrategies', { first: 5 }, tokens.secretariat);
    assert.ok(nodes(res.strategies).every((s) => adoptedStatuses.includes(s.status)));
    await refused('BAD_USER_INPUT', 'AdoptedStrategies', { first: 500 }, null);
  });
});

describe("the secretariat's strategies and their lifecycle", () => {
  const states = ['DRAFTING', 'CONSULTATION', 'CONSOLIDATION', 'VALIDATION', 'SUBMITTED', 'ADOPTED', 'IN_IMPLEMENTATION', 'SUPERSEDED'];

  test('the secretariat lists every strategy with the moves it may make; the public the adopted ones', async () => {
    const all = nodes((await send('Strategies', {}, tokens.secretariat)).strategies);
    const current = all.find((s) => s.id === world.current.id);
    assert.ok(current, 'the strategy under way is listed');
    assert.ok(current.allowedMoves.length > 0 && current.allowedMoves.every((m) => states.includes(m) && m !== current.status));
    const pub = nodes((await send('Strategies', {}, null)).strategies);
    assert.ok(pub.length > 0 && pub.every((s) => adoptedStatuses.includes(s.status)), 'the public sees adopted strategies only');
  });

  test('a move the lifecycle does not allow is BAD_USER_INPUT, a stale revision CONFLICT, another role FORBIDDEN; none moves it', async () => {
    const current = nodes((await send('Strategies', {}, tokens.secretariat)).strategies).find((s) => s.id === world.current.id);
    const illegal = states.find((s) => s !== current.status && !current.allowedMoves.includes(s));
    const move = (to, revision = current.revision) => ({ input: { strategyID: current.id, revision, to } });
    const err = await refused('BAD_USER_INPUT', 'MoveStrategy', move(illegal), tokens.secretariat);
    assert.match(err.message, new RegExp(current.allowedMoves[0]), 'the refusal names the allowed moves');
    await refused('CONFLICT', 'MoveStrategy', move(current.allowedMoves[0], current.revision + 5), tokens.secretariat);
    await refused('FORBIDDEN', 'MoveStrategy', move(current.allowedMoves[0]), tokens.agency.ANSSI);
    await refused('FORBIDDEN', 'MoveStrategy', move(current.allowedMoves[0]), tokens.reviewer);
    const after = nodes((await send('Strategies', {}, tokens.secretariat)).strategies).find((s) => s.id === world.current.id);
    assert.equal(after.status, current.status);
    assert.equal(after.revision, current.revision);
  });
});

describe('version comparison', () => {
  test('shows what changed between two published versions', async () => {
    // The secretariat rewords an item and publishes the working copy as a
    // second version (authoring screens, not in the contract yet).
    const a13 = world.item['A1.3'];
    const title = 'Élaborer et adopter le décret sur les opérateurs d’infrastructures d’information critiques';
    await query(`mutation($id: ID!, $rev: Int!, $title: String!) {
      updateActionItem(id: $id, revision: $rev, input: { title: $title, progress: 40 }) { actionItem { id } }
    }`, { id: a13.id, rev: a13.revision, title }, tokens.secretariat);
    const published = await query(`mutation($s: ID!) {
      publishVersion(input: { strategyID: $s, label: "Après l'atelier de validation", changelog: "A1.3 reformulée" }) { version { id number } }
    }`, { s: world.current.id }, tokens.secretariat);
    world.v2 = published.publishVersion.version;
    world.v1 = world.round.version;
    assert.equal(world.v2.number, world.v1.number + 1);

    const res = await send('VersionComparison', { from: world.v1.id, to: world.v2.id }, tokens.reviewer);
    const cmp = res.compareVersions;
    assert.equal(cmp.from.number, world.v1.number);
    assert.equal(cmp.to.number, world.v2.number);
    assert.equal(cmp.to.label, "Après l'atelier de validation");
    assert.match(cmp.to.sha256, /^[0-9a-f]{64}$/);
    const changed = cmp.actionItems.changed.find((c) => c.code === 'A1.3');
    assert.ok(changed, `A1.3 changed: ${JSON.stringify(cmp.actionItems)}`);
    const titleChange = changed.fields.find((f) => f.field === 'title');
    assert.ok(titleChange, 'its title changed');
    assert.equal(JSON.parse(titleChange.after), title, 'values are JSON; accents and apostrophes round-trip');
    assert.notEqual(JSON.parse(titleChange.before), title);
    assert.deepEqual(cmp.actionItems.added, []);
    assert.deepEqual(cmp.objectives, { added: [], removed: [], changed: [] });

    const detail = await send('StrategyDetail', { id: world.current.id, objectivesFirst: 1, itemsFirst: 1 }, tokens.reviewer);
    assert.deepEqual(nodes(detail.node.versions).slice(0, 2).map((v) => v.number), [world.v2.number, world.v1.number],
      'newest version first');
  });

  test('versions the public may not read are NOT_FOUND', async () => {
    await refused('NOT_FOUND', 'VersionComparison', { from: world.v1.id, to: world.v2.id }, null);
  });
});

describe("an agency's consultation inbox", () => {
  test('shows the rounds it is invited to and only its own observations', async () => {
    for (const acronym of ['ANSSI', 'MJ']) {
      const res = await send('ConsultationInbox', {}, tokens.agency[acronym]);
      assert.equal(res.viewer.role, 'AGENCY');
      assert.equal(res.viewer.agency.acronym, acronym);
      const rounds = nodes(res.consultations);
      const round = rounds.find((r) => r.id === world.round.id);
      assert.ok(round, `${acronym} is invited to the demo round`);
      assert.equal(round.status, 'OPEN');
      assert.equal(round.kind, 'WRITTEN');
      assert.ok(isoDate.test(round.closesAt) && round.opensAt < round.closesAt);
      assert.equal(round.version.id, world.round.version.id);
      const observations = nodes(round.observations);
      assert.ok(observations.length >= 1, `${acronym} has observations in the demo round`);
      assert.equal(round.observations.totalCount, observations.length);
      for (const o of observations) assert.equal(o.agency.acronym, acronym, `${acronym} reads only its own`);
    }
  });

  test('filters on status', async () => {
    const open = await send('ConsultationInbox', { status: 'OPEN' }, tokens.agency.ANSSI);
    for (const r of nodes(open.consultations)) assert.equal(r.status, 'OPEN');
    const consolidated = await send('ConsultationInbox', { status: 'CONSOLIDATED' }, tokens.agency.ANSSI);
    assert.ok(!nodes(consolidated.consultations).some((r) => r.id === world.round.id));
  });

  test('the public has no inbox: no viewer, and no round on a strategy in validation', async () => {
    const res = await send('ConsultationInbox', {}, null);
    assert.equal(res.viewer, null);
    assert.ok(!nodes(res.consultations).some((r) => r.id === world.round.id));
  });
});

describe('submitting, editing and withdrawing an observation', () => {
  const key = `contract-${process.pid}-${Date.now()}`;

  test('an agency submits an observation; a retry with the same key returns it', async () => {
    const input = {
      consultationID: world.round.id,
      targetKind: 'ACTION_ITEM',
      targetID: world.item['A1.3'].id,
      kind: 'AMENDMENT',
      body: 'Le décret doit préciser les obligations de notification des incidents « sous 72 heures ».',
      proposedText: 'Élaborer le décret, y compris les délais de notification des incidents.',
      idempotencyKey: key,
    };
    const res = await send('SubmitObservation', { input }, tokens.agency.MJ);
    const o = res.submitObservation.observation;
    assert.equal(o.status, 'SUBMITTED');
    assert.equal(o.kind, 'AMENDMENT');
    assert.equal(o.targetKind, 'ACTION_ITEM');
    assert.equal(o.targetCode, 'A1.3');
    assert.equal(o.body, input.body, 'accents and quotes round-trip');
    assert.equal(o.proposedText, input.proposedText);
    assert.equal(o.agency.acronym, 'MJ');
    assert.ok(isoDate.test(o.submittedAt));
    assert.equal(o.response, '');
    assert.equal(o.respondedAt, null);
    world.submitted = o;

    const retry = await send('SubmitObservation', { input }, tokens.agency.MJ);
    assert.equal(retry.submitObservation.observation.id, o.id, 'no duplicate');
  });

  test('an agency keeps a draft', async () => {
    const res = await send('SubmitObservation', {
      input: { consultationID: world.round.id, targetKind: 'STRATEGY', kind: 'QUESTION', body: 'Quel budget pour 2026 ?', draft: true },
    }, tokens.agency.MJ);
    const o = res.submitObservation.observation;
    assert.equal(o.status, 'DRAFT');
    assert.equal(o.submittedAt, null);
    // Documented as "empty for the whole strategy" (ResponseMatrixGroup.targetID says null).
    assert.ok(o.targetID === null || o.targetID === '', `targetID ${JSON.stringify(o.targetID)}`);
    world.draft = o;
  });

  test('only agency accounts submit, and the input must hold', async () => {
    const input = { consultationID: world.round.id, targetKind: 'STRATEGY', kind: 'COMMENT', body: 'Avis du relecteur.' };
    await refused('FORBIDDEN', 'SubmitObservation', { input }, tokens.reviewer);
    await refused('FORBIDDEN', 'SubmitObservation', { input }, tokens.secretariat);
    await refused('UNAUTHENTICATED', 'SubmitObservation', { input }, null);
    await refused('BAD_USER_INPUT', 'SubmitObservation', { input: { ...input, body: '' } }, tokens.agency.MJ);
  });

  test('an agency edits its observation; a stale revision is CONFLICT', async () => {
    const o = world.submitted;
    const body = `${o.body} Le CERT national est le point de contact.`;
    const res = await send('EditObservation', { id: o.id, revision: o.revision, input: { body } }, tokens.agency.MJ);
    const edited = res.editObservation.observation;
    assert.equal(edited.body, body);
    assert.equal(edited.status, 'SUBMITTED');
    assert.ok(edited.revision > o.revision, 'the revision moves on');
    const conflict = await refused('CONFLICT', 'EditObservation', { id: o.id, revision: o.revision, input: { body: 'trop tard' } }, tokens.agency.MJ);
    assert.match(conflict.message, /revision/i);
    world.submitted = edited;
  });

  test("another agency may not edit it, nor a reviewer", async () => {
    const o = world.submitted;
    await refused('FORBIDDEN', 'EditObservation', { id: o.id, revision: o.revision, input: { body: 'Non.' } }, tokens.agency.ANSSI);
    await refused('FORBIDDEN', 'EditObservation', { id: o.id, revision: o.revision, input: { body: 'Non.' } }, tokens.reviewer);
  });

  test('an agency submits its draft by editing it', async () => {
    const d = world.draft;
    const res = await send('EditObservation', { id: d.id, revision: d.revision, input: { submit: true } }, tokens.agency.MJ);
    assert.equal(res.editObservation.observation.status, 'SUBMITTED');
    world.draft = res.editObservation.observation;
  });

  test('an agency withdraws its observation, once', async () => {
    const d = world.draft;
    await refused('FORBIDDEN', 'WithdrawObservation', { id: d.id, revision: d.revision }, tokens.agency.ANSSI);
    const res = await send('WithdrawObservation', { id: d.id, revision: d.revision }, tokens.agency.MJ);
    const w = res.withdrawObservation.observation;
    assert.equal(w.status, 'WITHDRAWN');
    await refused('CONFLICT', 'WithdrawObservation', { id: w.id, revision: w.revision }, tokens.agency.MJ);
  });
});

describe('answering an observation', () => {
  test('the secretariat reads the observation, then answers it', async () => {
    const read = await send('ObservationToAnswer', { id: world.submitted.id }, tokens.secretariat);
    const o = read.node;
    assert.equal(o.__typename, 'Observation');
    assert.equal(o.consultation.id, world.round.id);
    assert.equal(o.revision, world.submitted.revision);

    const response = 'Accepté en partie : le délai de notification relève du décret, le point de contact de l’arrêté.';
    const res = await send('AnswerObservation', {
      input: { observationID: o.id, revision: o.revision, disposition: 'PARTIALLY_ACCEPTED', response },
    }, tokens.secretariat);
    const answered = res.answerObservation.observation;
    assert.equal(answered.status, 'PARTIALLY_ACCEPTED');
    assert.equal(answered.response, response);
    assert.ok(isoDate.test(answered.respondedAt));
    assert.ok(answered.revision > o.revision);
    world.answered = answered;
  });

  test('an agency may not answer: FORBIDDEN; a rejection needs a reason: BAD_USER_INPUT; a stale revision: CONFLICT', async () => {
    const mj = await send('ConsultationInbox', {}, tokens.agency.MJ);
    const open = nodes(nodes(mj.consultations).find((r) => r.id === world.round.id).observations)
      .find((o) => o.status === 'SUBMITTED');
    assert.ok(open, 'MJ has an observation awaiting an answer in the demo round');
    const input = { observationID: open.id, revision: open.revision, disposition: 'ACCEPTED' };
    await refused('FORBIDDEN', 'AnswerObservation', { input }, tokens.agency.MJ);
    await refused('FORBIDDEN', 'AnswerObservation', { input }, tokens.reviewer);
    await refused('UNAUTHENTICATED', 'AnswerObservation', { input }, null);
    await refused('BAD_USER_INPUT', 'AnswerObservation', { input: { ...input, disposition: 'REJECTED' } }, tokens.secretariat);
    await refused('CONFLICT', 'AnswerObservation', { input: { ...input, revision: open.revision + 5 } }, tokens.secretariat);
  });

  test('the agency reads the answer in its inbox', async () => {
    const res = await send('ConsultationInbox', { status: 'OPEN' }, tokens.agency.MJ);
    const round = nodes(res.consultations).find((r) => r.id === world.round.id);
    const mine = nodes(round.observations).find((o) => o.id === world.answered.id);
    assert.equal(mine.status, 'PARTIALLY_ACCEPTED');
    assert.equal(mine.response, world.answered.response);
  });
});

describe('the response matrix', () => {
  test('groups every observation of the round by target, with consistent counts', async () => {
    const res = await send('ResponseMatrix', { consultationID: world.round.id }, tokens.reviewer);
    assert.equal(res.node.__typename, 'Consultation');
    const m = res.node.responseMatrix;
    const all = m.groups.flatMap((g) => g.observations);
    assert.equal(m.total, all.length);
    assert.equal(m.byStatus.reduce((n, s) => n + s.count, 0), m.total);
    assert.equal(m.byAgency.reduce((n, a) => n + a.count, 0), m.total);
    assert.equal(m.unanswered, all.filter((o) => o.status === 'SUBMITTED').length);
    assert.ok(!all.some((o) => o.status === 'DRAFT'), 'drafts stay with their agency');
    for (const g of m.groups) {
      for (const o of g.observations) {
        assert.equal(o.targetKind, g.targetKind);
        assert.equal(o.targetCode, g.targetCode);
      }
      if (g.targetKind === 'STRATEGY') assert.equal(g.targetID, null);
    }
    const ours = all.find((o) => o.id === world.answered.id);
    assert.equal(ours.status, 'PARTIALLY_ACCEPTED');
    assert.equal(m.groups.find((g) => g.observations.includes(ours)).targetCode, 'A1.3');
    assert.ok(m.byAgency.some((a) => a.agency.acronym === 'ARTP'), 'every agency that spoke is counted');
  });

  test("an agency's matrix holds its own observations only while the round is open", async () => {
    const res = await send('ResponseMatrix', { consultationID: world.round.id }, tokens.agency.MJ);
    const all = res.node.responseMatrix.groups.flatMap((g) => g.observations);
    for (const o of all) assert.equal(o.agency.acronym, 'MJ');
  });

  test('the public may not read a round on a strategy in validation', async () => {
    await refused('NOT_FOUND', 'ResponseMatrix', { consultationID: world.round.id }, null);
  });
});

describe('the audit trail', () => {
  test('of an action item: who changed what, oldest first, hash-chained', async () => {
    const id = world.item['A1.3'].id;
    const res = await send('AuditTrail', { entityID: id, first: 100 }, tokens.reviewer);
    const events = nodes(res.auditTrail);
    assert.equal(res.auditTrail.totalCount, events.length);
    assert.ok(events.length >= 2, 'created, then reworded');
    assert.equal(events[0].operation, 'CREATE');
    assert.ok(events.some((e) => e.operation === 'UPDATE'));
    for (const e of events) {
      assert.equal(e.entityID, id);
      assert.equal(e.entityType, 'ActionItem');
      assert.match(e.hash, /^[0-9a-f]{64}$/);
      assert.ok(isoDate.test(e.at));
      assert.doesNotThrow(() => JSON.parse(e.changes), 'changes are JSON');
    }
    const seqs = events.map((e) => e.sequence);
    assert.deepEqual(seqs, [...seqs].sort((a, b) => a - b), 'oldest first');

    const page = await send('AuditTrail', { entityID: id, first: 1 }, tokens.secretariat);
    assert.equal(page.auditTrail.totalCount, events.length);
    assert.equal(page.auditTrail.pageInfo.hasNextPage, true);
    const next = await send('AuditTrail', { entityID: id, first: 1, after: page.auditTrail.pageInfo.endCursor }, tokens.secretariat);
    assert.equal(next.auditTrail.edges[0].node.id, events[1].id);
  });

  test('of an observation', async () => {
    const res = await send('AuditTrail', { entityID: world.answered.id }, tokens.reviewer);
    const ops = nodes(res.auditTrail).map((e) => e.operation);
    assert.equal(ops[0], 'CREATE');
    assert.ok(ops.length >= 3, 'submitted, edited, answered');
  });

  test('the public must authenticate; an agency is FORBIDDEN', async () => {
    await refused('UNAUTHENTICATED', 'AuditTrail', { entityID: world.item['A1.3'].id }, null);
    await refused('FORBIDDEN', 'AuditTrail', { entityID: world.item['A1.3'].id }, tokens.agency.ANSSI);
  });
});

describe('the agency side: the consulted text and its own observations', () => {
  test('an invited agency reads the consulted version as typed objectives and items, and targets one by its ID', async () => {
    const res = await send('ConsultedVersion', { consultationID: world.round.id }, tokens.agency.MJ);
    const round = res.node;
    assert.equal(round.__typename, 'Consultation');
    assert.equal(round.status, 'OPEN');
    const objectives = round.version.objectives;
    assert.ok(objectives.length > 0, 'the version has objectives');
    for (const o of objectives) {
      assert.match(o.code, /^OS\d/);
      assert.ok(['LEGAL', 'TECHNICAL', 'ORGANISATIONAL', 'CAPACITY_DEVELOPMENT', 'COOPERATION'].includes(o.pillar), o.pillar);
    }
    const items = objectives.flatMap((o) => o.actionItems);
    const a13 = items.find((i) => i.code === 'A1.3');
    assert.ok(a13, 'the consulted version has A1.3');
    assert.equal(a13.id, world.item['A1.3'].id, 'an item keeps its ID from the working copy to the version');
    assert.ok(a13.leadAgency.acronym.length > 0);
    assert.ok(a13.dueDate === null || isoDate.test(a13.dueDate));
  });

  test('the reviewer and the secretariat read it too; the public does not', async () => {
    for (const token of [tokens.reviewer, tokens.secretariat]) {
      const res = await send('ConsultedVersion', { consultationID: world.round.id }, token);
      assert.ok(res.node.version.objectives.length > 0);
    }
    await refused('NOT_FOUND', 'ConsultedVersion', { consultationID: world.round.id }, null);
  });

  test('an agency reads its own observation by ID, with its current revision', async () => {
    const o = world.submitted;
    assert.ok(o, 'an observation was submitted earlier in the scenario');
    const res = await send('MyObservation', { id: o.id }, tokens.agency.MJ);
    assert.equal(res.node.__typename, 'Observation');
    assert.equal(res.node.id, o.id);
    assert.equal(res.node.agency.acronym, 'MJ');
    assert.ok(res.node.revision >= o.revision);
    assert.equal(res.node.consultation.id, world.round.id);
  });

  test('the reviewer and the secretariat read it; another agency and the public get NOT_FOUND', async () => {
    const o = world.submitted;
    for (const token of [tokens.reviewer, tokens.secretariat]) {
      const res = await send('MyObservation', { id: o.id }, token);
      assert.equal(res.node.id, o.id);
    }
    await refused('NOT_FOUND', 'MyObservation', { id: o.id }, tokens.agency.ANSSI);
    await refused('NOT_FOUND', 'MyObservation', { id: o.id }, null);
  });
});

describe('agreements, their commitments and the items that carry them out', () => {
  const byRef = async (token) => {
    const res = await send('Agreements', { first: 50 }, token);
    return Object.fromEntries(nodes(res.agreements).map((a) => [a.reference, a]));
  };
  const mou = 'MoU SN-CI/2025/03';
  const multi = 'ACC/UIT-SN/2026/01';
  const secret = 'PROT/MFAD-ANSSI/2026/02';

  test('each role lists the agreements it may read, never a confidential one it is not party to', async () => {
    for (const [who, token, refs] of [
      ['secretariat', tokens.secretariat, [mou, multi, secret]],
      ['reviewer', tokens.reviewer, [mou, multi, secret]],
      ['ANSSI, party to the protocol', tokens.agency.ANSSI, [mou, multi, secret]],
      ['MJ, party to none', tokens.agency.MJ, [mou, multi]],
      ['the public', null, [mou, multi]],
    ]) {
      const got = await byRef(token);
      assert.deepEqual(Object.keys(got).sort(), [...refs].sort(), who);
    }
    const all = await byRef(tokens.reviewer);
    world.agreement = Object.fromEntries(Object.entries(all).map(([ref, a]) => [ref, a.id]));
    assert.equal(all[secret].confidential, true);
  });

  test('filtered by domain', async () => {
    const data = await query('{ domains(first: 50) { edges { node { id name } } } }', {}, null);
    const iot = nodes(data.domains).find((d) => d.name === "Sécurité de l'Internet des objets");
    assert.ok(iot, 'the demo vocabulary has IoT security');
    const res = await send('Agreements', { where: { hasDomainsWith: [{ id: iot.id }] } }, null);
    assert.deepEqual(nodes(res.agreements).map((a) => a.reference), [multi]);
  });

  test('the detail of an MoU: parties, commitments, their items and the strategy items that implement them', async () => {
    const res = await send('AgreementDetail', { id: world.agreement[mou] }, tokens.reviewer);
    const a = res.node;
    assert.equal(a.status, 'IN_FORCE');
    assert.equal(a.kind, 'MEMORANDUM_OF_UNDERSTANDING');
    assert.deepEqual(a.allowedMoves, ['EXPIRED', 'TERMINATED']);
    assert.ok(a.parties.some((p) => p.agency.country === 'CI' && p.agency.kind === 'MINISTRY' && p.role === 'SIGNATORY'), 'a foreign ministry signed');
    const commitments = nodes(a.commitments);
    assert.equal(a.commitments.totalCount, commitments.length);
    const items = commitments.flatMap((c) => nodes(c.actionItems));
    assert.ok(items.length >= 3);
    for (const item of items) {
      assert.equal(item.agreement.id, a.id, `${item.code} belongs to the MoU`);
      assert.equal(item.strategy, null);
      assert.equal(item.objective, null);
      assert.ok(item.commitment.code.startsWith('E'));
    }
    assert.ok(items.some((i) => i.pilot), 'the MoU runs a pilot');
    const e1 = commitments.find((c) => c.code === 'E1');
    assert.ok(e1.implementedBy.some((i) => i.code === 'A3.1' && i.strategy.id === world.current.id), "the strategy's CERT item implements E1");
  });

  test('the public reads a public agreement, an agency the confidential ones it is party to', async () => {
    const pub = await send('AgreementDetail', { id: world.agreement[multi] }, null);
    assert.ok(pub.node.parties.some((p) => p.agency.kind === 'CIVIL_SOCIETY'));
    assert.ok(pub.node.parties.some((p) => p.agency.kind === 'INTERNATIONAL_ORGANISATION' && p.role === 'FUNDER'));
    for (const token of [null, tokens.agency.MJ]) {
      const err = await refused('NOT_FOUND', 'AgreementDetail', { id: world.agreement[secret] }, token);
      assert.deepEqual(err.path, ['node']);
    }
    const party = await send('AgreementDetail', { id: world.agreement[secret] }, tokens.agency.ANSSI);
    assert.equal(party.node.confidential, true);
  });

  test('overdue items cover both plans', async () => {
    const res = await send('OverdueItems', { on: new Date().toISOString(), first: 100 }, tokens.reviewer);
    const items = nodes(res.actionItems);
    assert.ok(items.some((i) => i.strategy), "a strategy's item is overdue");
    assert.ok(items.some((i) => i.agreement), "an agreement's item is overdue");
    const pub = await send('OverdueItems', { on: new Date().toISOString(), first: 100 }, null);
    for (const item of nodes(pub.actionItems)) {
      assert.ok(item.strategy ? adoptedStatuses.includes(item.strategy.status) : !item.agreement.confidential, item.code);
    }
  });

  test('only the secretariat moves an agreement, along its edges and guards', async () => {
    const detail = async () => (await send('AgreementDetail', { id: world.agreement[multi] }, tokens.secretariat)).node;
    const move = async (to) => ({ input: { agreementID: world.agreement[multi], revision: (await detail()).revision, to, comment: 'Décision du comité' } });
    await refused('FORBIDDEN', 'MoveAgreement', await move('TERMINATED'), tokens.reviewer);
    await refused('FORBIDDEN', 'MoveAgreement', await move('TERMINATED'), tokens.agency.ARTP);
    await refused('UNAUTHENTICATED', 'MoveAgreement', await move('TERMINATED'), null);
    await refused('BAD_USER_INPUT', 'MoveAgreement', await move('NEGOTIATION'), tokens.secretariat);
    const err = await refused('CONFLICT', 'MoveAgreement', await move('IN_FORCE'), tokens.secretariat);
    assert.match(err.message, /entryIntoForceOn/);
    const moved = await send('MoveAgreement', await move('TERMINATED'), tokens.secretariat);
    assert.equal(moved.moveAgreement.agreement.status, 'TERMINATED');
    assert.deepEqual(moved.moveAgreement.agreement.allowedMoves, []);
    assert.equal(moved.moveAgreement.transition.from, 'SIGNED');
    assert.match(moved.moveAgreement.transition.createdAt, isoDate);
  });
});

// subscriber subscribes to Events over a WebSocket with the graphql-ws client,
// as a screen does, with a token (null: the public). next() resolves with the
// next result; an error of the subscription rejects it.
function subscriber(token, variables) {
  ran.add('Events');
  const op = operations.get('Events');
  assert.ok(op, 'no operation Events in generated/persisted-documents.json: run npm run generate');
  const ws = createClient({
    url: server.url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: token ? { Authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
  });
  const results = [];
  const waiting = [];
  const settle = (item) => (waiting.length ? waiting.shift()(item) : results.push(item));
  ws.subscribe({ query: op.document, variables }, {
    next: (result) => settle({ result }),
    error: (error) => settle({ error }),
    complete: () => {},
  });
  return {
    next: () => new Promise((resolve) => (results.length ? resolve(results.shift()) : waiting.push(resolve))),
    has: () => results.length > 0,
    close: () => ws.dispose(),
  };
}

describe('live updates over WebSocket (graphql-ws)', () => {
  const extend = async () => {
    const round = await query('query($id: ID!) { node(id: $id) { ... on Consultation { revision closesAt } } }', { id: world.round.id });
    const later = new Date(Date.parse(round.node.closesAt) + 60_000).toISOString();
    await query(`mutation($id: ID!, $rev: Int!, $at: Time!) { extendConsultation(id: $id, revision: $rev, closesAt: $at) { consultation { id } } }`,
      { id: world.round.id, rev: round.node.revision, at: later }, tokens.secretariat);
  };

  test('the secretariat is told of a submission in its round, with the observation as it reads it', async () => {
    const sub = subscriber(tokens.secretariat, { within: world.round.id, kinds: ['OBSERVATION_SUBMITTED', 'ROUND_EXTENDED'] });
    try {
      // The server holds the subscription once an extension of the round
      // reaches it: extend until one does.
      for (let i = 0; i < 100 && !sub.has(); i++) {
        await extend();
        await new Promise((r) => setTimeout(r, 100));
      }
      assert.ok(sub.has(), 'no event reached the subscriber');
      const res = await send('SubmitObservation', {
        input: { consultationID: world.round.id, targetKind: 'STRATEGY', kind: 'SUPPORT', body: 'Le ministère soutient la stratégie.' },
      }, tokens.agency.MJ);
      const id = res.submitObservation.observation.id;
      for (;;) {
        const { result, error } = await sub.next();
        assert.equal(error, undefined, JSON.stringify(error));
        const e = result.data.events;
        if (e.kind === 'ROUND_EXTENDED') continue; // the probes
        assert.equal(e.kind, 'OBSERVATION_SUBMITTED');
        assert.equal(e.subject.id, id);
        assert.equal(e.subject.status, 'SUBMITTED');
        assert.match(e.at, isoDate);
        break;
      }
    } finally {
      sub.close();
    }
  });

  test('the public may not follow a round on a strategy in validation: NOT_FOUND', async () => {
    const sub = subscriber(null, { within: world.round.id });
    try {
      const { result, error } = await sub.next();
      const errors = error ?? result?.errors;
      assert.ok(Array.isArray(errors) && errors.length > 0, JSON.stringify({ result, error }));
      assert.equal(errors[0].extensions?.code, 'NOT_FOUND');
    } finally {
      sub.close();
    }
  });
});

describe('attachments and archive packages', () => {
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
  const origin = () => new URL(server.url).origin;
  const auth = (token) => (token ? { authorization: `Bearer ${token}` } : {});

  // upload sends an operation as a GraphQL multipart request, the file in
  // the variable at path, as a browser's FormData does.
  async function upload(name, variables, path, file, filename, token, { preflight = true } = {}) {
    const op = operations.get(name);
    assert.ok(op, `no operation ${name}`);
    ran.add(name);
    const form = new FormData();
    form.append('operations', JSON.stringify({ query: op.document, variables }));
    form.append('map', JSON.stringify({ 0: [`variables.${path}`] }));
    form.append('0', file, filename);
    const headers = { ...auth(token), ...(preflight ? { 'graphql-preflight': '1' } : {}) };
    const res = await fetch(server.url, { method: 'POST', body: form, headers });
    return { status: res.status, body: await res.json() };
  }

  test('the secretariat annexes a file to a version by a multipart upload, and readers download it', async () => {
    const versionID = world.round.version.id;
    const sent = await upload('AttachFile', { input: { ownerID: versionID, file: null } }, 'input.file',
      new Blob([pdf], { type: 'text/html' }), 'Annexe 3 — coûts.pdf', tokens.secretariat);
    assert.equal(sent.status, 200, JSON.stringify(sent.body));
    assert.equal(sent.body.errors, undefined, JSON.stringify(sent.body.errors));
    const a = sent.body.data.attachFile.attachment;
    assert.equal(a.name, 'Annexe 3 — coûts.pdf');
    assert.equal(a.contentType, 'application/pdf', 'the type comes from the bytes, not from the client');
    assert.equal(a.size, pdf.length);
    assert.match(a.createdAt, isoDate);

    const listed = await send('RecordAttachments', { id: versionID }, tokens.agency.ANSSI);
    assert.ok(listed.node.attachments.some((x) => x.id === a.id), 'an invited agency reads the version and its annexes');

    const res = await fetch(origin() + a.downloadURL, { headers: auth(tokens.reviewer) });
    assert.equal(res.status, 200);
    assert.deepEqual(Buffer.from(await res.arrayBuffer()), pdf);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.match(res.headers.get('content-disposition'), /^attachment; filename="[^"]*"; filename\*=utf-8''Annexe%203%20%E2%80%94%20co%C3%BBts\.pdf$/);

    // The consulted strategy is not public: nor are its version's files.
    const pub = await fetch(origin() + a.downloadURL);
    assert.equal(pub.status, 404);
  });

  test('uploads are refused with a code and store nothing', async () => {
    const versionID = world.round.version.id;
    const before = (await send('RecordAttachments', { id: versionID }, tokens.secretariat)).node.attachments.length;
    const html = new Blob(['<!DOCTYPE html><html><script>alert(1)</script></html>']);
    const cases = [
      ['FORBIDDEN', tokens.reviewer, new Blob([pdf]), true],
      ['FORBIDDEN', tokens.agency.ANSSI, new Blob([pdf]), true],
      ['BAD_USER_INPUT', tokens.secretariat, html, true],
      ['BAD_USER_INPUT', tokens.secretariat, new Blob([pdf]), false], // no preflight header
    ];
    for (const [code, token, file, preflight] of cases) {
      const sent = await upload('AttachFile', { input: { ownerID: versionID, file: null } }, 'input.file', file, 'x.pdf', token, { preflight });
      assert.equal(sent.body.errors?.[0]?.extensions?.code, code, JSON.stringify(sent.body));
    }
    const after = (await send('RecordAttachments', { id: versionID }, tokens.secretariat)).node.attachments.length;
    assert.equal(after, before);
  });

  test('the secretariat exports a strategy as a BagIt package; others may not', async () => {
    await refused('FORBIDDEN', 'ExportStrategy', { input: { strategyID: world.current.id } }, tokens.reviewer);
    await refused('FORBIDDEN', 'ExportStrategy', { input: { strategyID: world.current.id } }, tokens.agency.ANSSI);
    await refused('UNAUTHENTICATED', 'ExportStrategy', { input: { strategyID: world.adopted.id } }, null);
    const { exportStrategy } = await send('ExportStrategy', { input: { strategyID: world.current.id } }, tokens.secretariat);
    assert.equal(exportStrategy.downloadURL, `/strategies/${world.current.id}/archive.zip`);
    const res = await fetch(origin() + exportStrategy.downloadURL, { headers: auth(tokens.secretariat) });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/zip');
    const zip = Buffer.from(await res.arrayBuffer());
    assert.equal(zip.subarray(0, 2).toString(), 'PK');
    for (const name of ['bagit.txt', 'bag-info.txt', 'manifest-sha256.txt', 'tagmanifest-sha256.txt', 'data/versions/v1.json']) {
      assert.ok(zip.includes(Buffer.from(`palabre-${world.current.id}/${name}`)), `the package holds ${name}`);
    }
    const denied = await fetch(origin() + exportStrategy.downloadURL, { headers: auth(tokens.reviewer) });
    assert.equal(denied.status, 403);
  });
});

describe("the MoU's coordination committee, its meetings and minutes", () => {
  const now = () => new Date().toISOString();
  const mixed = {};
  const committee = async (token) => (await send('CommitteeDetail', { id: mixed.id, first: 20 }, token)).node;

  test('each role reads the committee; the public its held meetings and approved minutes only', async () => {
    const data = await query('{ committees(first: 20) { edges { node { id name agreement { reference } } } } }');
    const found = nodes(data.committees).find((c) => c.agreement?.reference === 'MoU SN-CI/2025/03');
    assert.ok(found, 'the demo MoU has a coordination committee');
    mixed.id = found.id;
    const c = await committee(tokens.reviewer);
    assert.equal(c.kind, 'BILATERAL_COORDINATION_COMMITTEE');
    assert.equal(c.meetingEvery, 3);
    assert.equal(c.meetingEveryUnit, 'MONTHS');
    assert.ok(c.members.some((m) => m.role === 'SECRETARIAT' && m.agency.acronym === 'ANSSI'), 'ANSSI holds the secretariat');
    assert.ok(c.members.some((m) => m.role === 'CO_CHAIR' && m.agency.country === 'CI'), 'Côte d\'Ivoire co-chairs');
    assert.equal(c.nextMeetingOverdue, true, 'no meeting held for more than a quarter');
    assert.match(c.nextMeetingDue, isoDate);
    assert.ok(c.progressRollup.total >= 5);
    const meetings = nodes(c.meetings);
    assert.deepEqual(meetings.map((m) => m.status).sort(), ['HELD', 'HELD', 'POSTPONED', 'SCHEDULED']);
    mixed.meetings = meetings;
    for (const token of [null, tokens.agency.MJ]) {
      const seen = nodes((await committee(token)).meetings);
      if (token === null) assert.deepEqual(seen.map((m) => m.status), ['HELD', 'HELD'], 'the public reads held meetings only');
      else assert.equal(seen.length, 4);
      for (const m of seen.filter((x) => x.status === 'HELD')) {
        assert.equal(m.approvedMinutes.status, 'APPROVED');
        assert.match(m.approvedMinutes.sha256, /^[0-9a-f]{64}$/);
      }
    }
    const upcoming = meetings.find((m) => m.status === 'SCHEDULED');
    await refused('NOT_FOUND', 'MeetingDetail', { id: upcoming.id }, null);
  });

  test("a meeting's detail: attendance, corrected minutes, decisions and follow-ups", async () => {
    const held = mixed.meetings.filter((m) => m.status === 'HELD').sort((a, b) => b.scheduledAt.localeCompare(a.scheduledAt))[0];
    for (const token of [tokens.reviewer, null]) {
      const m = (await send('MeetingDetail', { id: held.id, on: now() }, token)).node;
      assert.deepEqual(m.minutes.map((v) => [v.number, v.status]), [[1, 'APPROVED'], [2, 'APPROVED']], 'a correction is a new version');
      assert.equal(m.approvedMinutes.number, 2);
      assert.equal(m.decisions.length, 1);
      assert.equal(m.decisions[0].status, 'SETTLED');
      assert.equal(m.followUps.totalCount, 2);
      assert.ok(nodes(m.followUps).some((i) => i.overdue && i.agreement), 'a follow-up is overdue');
      assert.ok(m.attendees.length >= 2);
      assert.deepEqual(m.allowedMoves, []);
    }
  });

  test('what changed since the last meeting, and the overdue follow-ups', async () => {
    for (const token of [tokens.reviewer, tokens.agency.ANSSI, null]) {
      const d = (await send('CommitteeSinceLastMeeting', { id: mixed.id, on: now() }, token)).node;
      assert.match(d.sinceLastMeeting.since, /^2025-12-04T/);
      const reports = nodes(d.sinceLastMeeting.progressReports);
      assert.ok(reports.length >= 2);
      const changes = (await send('CommitteeSinceLastMeeting', { id: mixed.id, on: now(), statusChangesOnly: true }, token)).node;
      for (const r of nodes(changes.sinceLastMeeting.progressReports)) {
        assert.equal(r.changesStatus, true);
        assert.notEqual(r.statusBefore, r.status);
      }
      const overdue = (await send('OverdueFollowUps', { id: mixed.id, on: now() }, token)).node;
      assert.equal(overdue.followUps.totalCount, 2);
      for (const item of nodes(overdue.followUps)) {
        assert.equal(item.overdue, true);
        assert.ok(item.meeting.id);
      }
    }
  });

  test("an agency's involvement lists its agreements and committees, as far as the caller reads", async () => {
    const anssi = (await send('AgencyInvolvement', { agencyID: world.agency.ANSSI, first: 5 }, tokens.reviewer)).agency;
    assert.ok(nodes(anssi.agreements).some((a) => a.confidential), 'ANSSI is party to the confidential protocol');
    assert.ok(nodes(anssi.committees).some((c) => c.id === mixed.id));
    const pub = (await send('AgencyInvolvement', { agencyID: world.agency.ANSSI, first: 5 }, null)).agency;
    assert.ok(nodes(pub.agreements).every((a) => !a.confidential), 'the public never reads a confidential agreement');
    assert.ok(nodes(pub.committees).some((c) => c.id === mixed.id));
  });

  test("the committee's secretariat agency records a meeting: moves, minutes, approval; others are refused", async () => {
    const postponed = mixed.meetings.find((m) => m.status === 'POSTPONED');
    const detail = async (token = tokens.secretariat) => (await send('MeetingDetail', { id: postponed.id }, token)).node;
    const move = async (to) => ({ input: { meetingID: postponed.id, revision: (await detail()).revision, to, comment: 'Nouvelle date confirmée' } });
    await refused('FORBIDDEN', 'MoveMeeting', await move('SCHEDULED'), tokens.agency.MJ);
    await refused('FORBIDDEN', 'MoveMeeting', await move('SCHEDULED'), tokens.reviewer);
    await refused('UNAUTHENTICATED', 'MoveMeeting', await move('SCHEDULED'), null);
    await refused('BAD_USER_INPUT', 'MoveMeeting', await move('HELD'), tokens.agency.ANSSI);
    await send('MoveMeeting', await move('SCHEDULED'), tokens.agency.ANSSI);
    const held = await send('MoveMeeting', await move('HELD'), tokens.agency.ANSSI);
    assert.equal(held.moveMeeting.meeting.status, 'HELD');
    assert.equal(held.moveMeeting.transition.from, 'SCHEDULED');

    const text = 'Procès-verbal de la réunion du 5 mars 2026.\nLe programme pilote de formation est prolongé.';
    await refused('FORBIDDEN', 'CreateMinutes', { input: { meetingID: postponed.id, text } }, tokens.agency.MJ);
    const draft = (await send('CreateMinutes', { input: { meetingID: postponed.id, text } }, tokens.agency.ANSSI)).createMinutes.minutes;
    assert.equal(draft.status, 'DRAFT');
    assert.equal(draft.sha256, null);
    assert.deepEqual((await detail(null)).minutes, [], 'the public never reads a draft');
    await refused('FORBIDDEN', 'ApproveMinutes', { input: { minutesID: draft.id, revision: draft.revision } }, tokens.agency.MJ);
    const approved = (await send('ApproveMinutes', { input: { minutesID: draft.id, revision: draft.revision } }, tokens.agency.ANSSI)).approveMinutes.minutes;
    assert.equal(approved.status, 'APPROVED');
    assert.match(approved.sha256, /^[0-9a-f]{64}$/);
    assert.match(approved.approvedAt, isoDate);
    await refused('CONFLICT', 'ApproveMinutes', { input: { minutesID: draft.id, revision: approved.revision } }, tokens.secretariat);
    assert.equal((await detail(null)).approvedMinutes.text, text);
  });
});


describe("the secretariat's authoring screens", () => {
  // A strategy of its own, so that the rest of the scenario keeps the demo's.
  let strategy;
  const reasonOf = (err) => [err.extensions?.code, err.extensions?.reason];

  before(async () => {
    const { createStrategy } = await query(`mutation($in: CreateStrategyInput!) { createStrategy(input: $in) { strategy { id } } }`, {
      in: { title: 'Stratégie de test de la rédaction', country: 'SN', startYear: 2031, endYear: 2035, ownerAgencyID: world.agency.MENP ?? Object.values(world.agency)[0] },
    }, tokens.secretariat);
    strategy = createStrategy.strategy.id;
  });

  async function plan(token = tokens.secretariat) {
    return (await send('EditPlan', { id: strategy }, token)).node;
  }

  test('objectives are added, edited and reordered; a stale revision is CONFLICT with STALE_REVISION; agencies are refused', async () => {
    const { agencies } = await send('AgencyChoices', {}, tokens.secretariat);
    assert.ok(nodes(agencies).some((a) => a.acronym === 'ANSSI'));
    const add = (code, position) => send('CreateObjective', { input: { strategyID: strategy, code, title: `Objectif ${code}`, pillar: 'LEGAL', position } }, tokens.secretariat);
    const first = (await add('O1', 1)).createObjective.objective;
    const second = (await add('O2', 2)).createObjective.objective;
    await refused('FORBIDDEN', 'CreateObjective', { input: { strategyID: strategy, code: 'O3', title: 'Non', pillar: 'LEGAL' } }, tokens.agency.ANSSI);
    const { updateObjective } = await send('UpdateObjective', { id: second.id, revision: second.revision, input: { position: 0 } }, tokens.secretariat);
    assert.equal(updateObjective.objective.position, 0);
    assert.deepEqual(nodes((await plan()).objectives).map((o) => o.code), ['O2', 'O1'], 'reordered');
    const stale = await refused('CONFLICT', 'UpdateObjective', { id: second.id, revision: second.revision, input: { title: 'Périmé' } }, tokens.secretariat);
    assert.deepEqual(reasonOf(stale), ['CONFLICT', 'STALE_REVISION']);
    assert.equal(stale.extensions.params.revision, String(second.revision));
    await refused('FORBIDDEN', 'UpdateObjective', { id: first.id, revision: first.revision, input: { title: 'Non' } }, tokens.reviewer);
  });

  test('items are added and edited; a due date before the start is refused with its reason and dates', async () => {
    const objective = nodes((await plan()).objectives)[0];
    const { createActionItem } = await send('CreateActionItem', {
      input: { objectiveID: objective.id, code: 'X1.1', title: 'Former les magistrats', leadAgencyID: world.agency.ANSSI, dueDate: '2033-06-30T00:00:00Z' },
    }, tokens.secretariat);
    const item = createActionItem.actionItem;
    const { updateActionItem } = await send('UpdateActionItem', { id: item.id, revision: item.revision, input: { title: 'Former les magistrats et les greffiers' } }, tokens.secretariat);
    assert.equal(updateActionItem.actionItem.revision, item.revision + 1);
    const bad = await refused('BAD_USER_INPUT', 'UpdateActionItem', {
      id: item.id, revision: item.revision + 1, input: { startDate: '2034-01-01T00:00:00Z' },
    }, tokens.secretariat);
    assert.deepEqual(reasonOf(bad), ['BAD_USER_INPUT', 'DUE_BEFORE_START']);
    assert.deepEqual(bad.extensions.params, { due: '2033-06-30', start: '2034-01-01' });
    const stale = await refused('CONFLICT', 'UpdateActionItem', { id: item.id, revision: item.revision, input: { title: 'Périmé' } }, tokens.secretariat);
    assert.deepEqual(reasonOf(stale), ['CONFLICT', 'STALE_REVISION']);
    await refused('FORBIDDEN', 'CreateActionItem', { input: { objectiveID: objective.id, code: 'X1.2', title: 'Non', leadAgencyID: world.agency.ANSSI } }, tokens.agency.ANSSI);
  });

  test('the working copy is published; a round on it is refused without invitations, then planned and extended', async () => {
    await refused('FORBIDDEN', 'PublishVersion', { input: { strategyID: strategy, label: 'Non' } }, tokens.reviewer);
    const { publishVersion } = await send('PublishVersion', { input: { strategyID: strategy, label: 'Projet pour consultation' } }, tokens.secretariat);
    assert.equal(publishVersion.version.number, 1);
    const round = (invited) => ({ input: {
      title: 'Atelier de validation', kind: 'WORKSHOP', place: 'Dakar, CICAD', versionID: publishVersion.version.id,
      opensAt: new Date(Date.now() + 86400e3).toISOString(), closesAt: new Date(Date.now() + 7 * 86400e3).toISOString(), invitedAgencyIDs: invited,
    } });
    const none = await refused('BAD_USER_INPUT', 'PlanConsultation', round([]), tokens.secretariat);
    assert.deepEqual(reasonOf(none), ['BAD_USER_INPUT', 'INVITATION_REQUIRED']);
    await refused('FORBIDDEN', 'PlanConsultation', round([world.agency.ANSSI]), tokens.agency.ANSSI);
    const planned = (await send('PlanConsultation', round([world.agency.ANSSI]), tokens.secretariat)).planConsultation.consultation;
    assert.equal(planned.status, 'PLANNED');
    const later = new Date(Date.parse(planned.closesAt) + 86400e3).toISOString();
    const early = await refused('BAD_USER_INPUT', 'ExtendConsultation', { id: planned.id, revision: planned.revision, closesAt: planned.opensAt }, tokens.secretariat);
    assert.deepEqual(reasonOf(early), ['BAD_USER_INPUT', 'CLOSING_TIME_NOT_LATER']);
    const { extendConsultation } = await send('ExtendConsultation', { id: planned.id, revision: planned.revision, closesAt: later }, tokens.secretariat);
    assert.equal(Date.parse(extendConsultation.consultation.closesAt), Date.parse(later));
    await refused('FORBIDDEN', 'ExtendConsultation', { id: planned.id, revision: extendConsultation.consultation.revision, closesAt: later }, tokens.reviewer);
  });

  test('a decision is created, positions recorded, settled; a settled one refuses positions with DECISION_SETTLED', async () => {
    const { createDecision } = await send('CreateDecision', { input: { strategyID: strategy, question: 'Quelle tutelle pour le CERT ?', options: ['Présidence', 'Primature'] } }, tokens.secretariat);
    const d = createDecision.decision;
    await refused('FORBIDDEN', 'CreateDecision', { input: { strategyID: strategy, question: 'Non ?' } }, tokens.agency.ANSSI);
    await send('RecordPosition', { input: { decisionID: d.id, agencyID: world.agency.ANSSI, option: 'Présidence', statement: 'Rattachement direct.' } }, tokens.secretariat);
    const unknown = await refused('BAD_USER_INPUT', 'RecordPosition', { input: { decisionID: d.id, agencyID: world.agency.ANSSI, option: 'Sénat' } }, tokens.secretariat);
    assert.deepEqual(reasonOf(unknown), ['BAD_USER_INPUT', 'OPTION_UNKNOWN']);
    const { settleDecision } = await send('SettleDecision', { input: { decisionID: d.id, revision: d.revision, outcome: 'Présidence', body: 'INTERMINISTERIAL_COMMITTEE', decidedOn: '2031-03-01T00:00:00Z' } }, tokens.secretariat);
    assert.equal(settleDecision.decision.status, 'SETTLED');
    const late = await refused('CONFLICT', 'RecordPosition', { input: { decisionID: d.id, agencyID: world.agency.ANSSI, option: 'Primature' } }, tokens.secretariat);
    assert.deepEqual(reasonOf(late), ['CONFLICT', 'DECISION_SETTLED']);
    const read = (await send('StrategyDecisions', { id: strategy }, tokens.reviewer)).node;
    const decision = read.decisions.find((x) => x.id === d.id);
    assert.equal(decision.status, 'SETTLED');
    assert.deepEqual(decision.positions.map((p) => [p.agency.acronym, p.option]), [['ANSSI', 'Présidence']]);
    await refused('NOT_FOUND', 'StrategyDecisions', { id: strategy }, null); // the public reads no strategy in drafting
  });
});

// Last of the scenario, as it closes the round the others use.
describe('running a round', () => {
  async function round() {
    const { node } = await query('query($id: ID!) { node(id: $id) { ... on Consultation { id revision status } } }', { id: world.round.id }, tokens.secretariat);
    return node;
  }

  test('only the secretariat moves a round, from the state it is in, at the revision it read', async () => {
    const r = await round();
    assert.equal(r.status, 'OPEN');
    await refused('CONFLICT', 'OpenConsultation', { id: r.id, revision: r.revision }, tokens.secretariat);
    await refused('CONFLICT', 'ConsolidateConsultation', { id: r.id, revision: r.revision }, tokens.secretariat);
    await refused('CONFLICT', 'CloseConsultation', { id: r.id, revision: r.revision + 5 }, tokens.secretariat);
    await refused('FORBIDDEN', 'CloseConsultation', { id: r.id, revision: r.revision }, tokens.agency.ANSSI);
    await refused('FORBIDDEN', 'CloseConsultation', { id: r.id, revision: r.revision }, tokens.reviewer);
    assert.deepEqual(await round(), r, 'the refusals changed nothing');
  });

  test('the secretariat closes the open round; agencies can no longer submit', async () => {
    const r = await round();
    const { closeConsultation } = await send('CloseConsultation', { id: r.id, revision: r.revision }, tokens.secretariat);
    assert.equal(closeConsultation.consultation.status, 'CLOSED');
    assert.equal(closeConsultation.consultation.revision, r.revision + 1);
    await refused('CONFLICT', 'SubmitObservation', {
      input: { consultationID: r.id, targetKind: 'STRATEGY', kind: 'COMMENT', body: 'Trop tard ?', idempotencyKey: `late-${Date.now()}` },
    }, tokens.agency.ANSSI);
  });
});

describe('the monitoring screens and the accounts (console)', () => {
  const today = new Date().toISOString();

  test('each role lists the committees it may read, with the next meeting due and overdue', async () => {
    const all = nodes((await send('Committees', { on: today }, tokens.reviewer)).committees);
    const mou = all.find((c) => c.agreement?.reference === 'MoU SN-CI/2025/03');
    assert.ok(mou, 'the reviewer reads the MoU committee');
    assert.equal(mou.nextMeetingOverdue, true);
    assert.match(mou.nextMeetingDue, isoDate);
    assert.match(mou.lastHeldMeeting.scheduledAt, isoDate);
    assert.ok(nodes(mou.latestMeetings).length <= 3);
    assert.ok(nodes(mou.latestMeetings).some((m) => m.status === 'SCHEDULED'), 'the reviewer sees the scheduled meeting');
    const pub = nodes((await send('Committees', { on: today }, null)).committees);
    const seen = pub.find((c) => c.id === mou.id);
    assert.ok(seen, 'the public reads the committee of a public agreement');
    assert.deepEqual([...new Set(nodes(seen.latestMeetings).map((m) => m.status))], ['HELD'], 'the public reads held meetings only');
    assert.ok(pub.length <= all.length);
    const mj = nodes((await send('Committees', { on: today }, tokens.agency.MJ)).committees);
    assert.ok(mj.length <= all.length);
  });

  test('each role lists the stale items it may read: under way, without a recent report', async () => {
    const reviewer = (await send('StaleItems', { on: today, first: 100 }, tokens.reviewer)).actionItems;
    assert.ok(reviewer.totalCount > 0, 'the demo data has stale items');
    for (const i of nodes(reviewer)) assert.ok(['IN_PROGRESS', 'DELAYED'].includes(i.status), `${i.code} is ${i.status}`);
    const dues = nodes(reviewer).map((i) => i.dueDate ?? '9999');
    assert.deepEqual(dues, [...dues].sort(), 'soonest due first');
    for (const token of [null, tokens.agency.ARTP]) {
      const { actionItems } = await send('StaleItems', { on: today, first: 100 }, token);
      assert.ok(actionItems.totalCount <= reviewer.totalCount);
      for (const i of nodes(actionItems)) {
        if (token === null) assert.ok(i.strategy ? adoptedStatuses.includes(i.strategy.status) : !i.agreement.confidential, `the public reads ${i.code}`);
      }
    }
    await failsWith('GRAPHQL_VALIDATION_FAILED', 'StaleItems without a date', client(tokens.reviewer).request(operations.get('StaleItems').document, {}));
  });

  test('administrators list the accounts and create password links; others read their own account and may not', async () => {
    const admin = (await send('Accounts', {}, tokens.admin)).accounts;
    assert.ok(admin.totalCount >= 6, 'every demo account');
    const names = nodes(admin).map((a) => a.name);
    assert.deepEqual(names, [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)), 'by name');
    const fatou = nodes(admin).find((a) => a.email === 'fatou.ndiaye@sgg.gouv.example');
    assert.equal(fatou.role, 'REVIEWER');
    const anssi = nodes(admin).find((a) => a.email === 'ibrahima.fall@anssi.gouv.example');
    assert.equal(anssi.agency.acronym, 'ANSSI');
    const own = nodes((await send('Accounts', {}, tokens.reviewer)).accounts);
    assert.deepEqual(own.map((a) => a.email), ['fatou.ndiaye@sgg.gouv.example'], 'a reviewer reads its own account only');

    const { createPasswordLink } = await send('CreatePasswordLink', { accountID: fatou.id }, tokens.admin);
    assert.equal(createPasswordLink.path, `/set-password#${createPasswordLink.secret}`);
    assert.match(createPasswordLink.expiresAt, isoDate);
    await refused('FORBIDDEN', 'CreatePasswordLink', { accountID: fatou.id }, tokens.reviewer);
    await refused('FORBIDDEN', 'CreatePasswordLink', { accountID: fatou.id }, tokens.secretariat);
    await refused('FORBIDDEN', 'CreatePasswordLink', { accountID: fatou.id }, tokens.agency.ANSSI);
    await refused('UNAUTHENTICATED', 'CreatePasswordLink', { accountID: fatou.id }, null);
  });
});

describe("an account's notification preferences", () => {
  const everyKind = ['ROUND_OPENED', 'OBSERVATION_ANSWERED', 'ROUND_COMPLETED', 'LATE_ITEMS'];

  test('an account reads its defaults, changes them and reads them back; no other account changes', async () => {
    const before = await send('NotificationPreferences', {}, tokens.agency.MJ);
    assert.deepEqual(before.viewer.notificationPreferences, { language: 'FR', delivery: 'IMMEDIATE', kinds: everyKind });
    const { updateNotificationPreferences: changed } = await send('UpdateNotificationPreferences', {
      input: { language: 'EN', delivery: 'DAILY_DIGEST', kinds: ['LATE_ITEMS', 'OBSERVATION_ANSWERED'] },
    }, tokens.agency.MJ);
    assert.equal(changed.account.id, before.viewer.id);
    assert.deepEqual(changed.notificationPreferences, { language: 'EN', delivery: 'DAILY_DIGEST', kinds: ['OBSERVATION_ANSWERED', 'LATE_ITEMS'] });
    const partly = await send('UpdateNotificationPreferences', { input: { delivery: 'IMMEDIATE' } }, tokens.agency.MJ);
    assert.deepEqual(partly.updateNotificationPreferences.notificationPreferences,
      { language: 'EN', delivery: 'IMMEDIATE', kinds: ['OBSERVATION_ANSWERED', 'LATE_ITEMS'] }, 'fields left out stay');
    const after = await send('NotificationPreferences', {}, tokens.agency.MJ);
    assert.deepEqual(after.viewer.notificationPreferences, partly.updateNotificationPreferences.notificationPreferences);
    const other = await send('NotificationPreferences', {}, tokens.agency.ANSSI);
    assert.deepEqual(other.viewer.notificationPreferences, { language: 'FR', delivery: 'IMMEDIATE', kinds: everyKind });
    const read = `query($id: ID!) { node(id: $id) { ... on Account { notificationPreferences { language } } } }`;
    const byAdmin = await query(read, { id: before.viewer.id }, tokens.admin);
    assert.equal(byAdmin.node.notificationPreferences.language, 'EN', 'an administrator reads them');
  });

  test('the public has none and changes none; a language that is not one is refused', async () => {
    const who = await send('NotificationPreferences', {}, null);
    assert.equal(who.viewer, null);
    await refused('UNAUTHENTICATED', 'UpdateNotificationPreferences', { input: { language: 'EN' } }, null);
    await refused('GRAPHQL_VALIDATION_FAILED', 'UpdateNotificationPreferences', { input: { language: 'DE' } }, tokens.agency.ARTP);
    const artp = await send('NotificationPreferences', {}, tokens.agency.ARTP);
    assert.equal(artp.viewer.notificationPreferences.language, 'FR');
  });
});

test('every connection an operation reads has a page size (first or last)', () => {
  const schema = buildSchema(readFileSync(join(import.meta.dirname, '..', 'schema.graphql'), 'utf8'));
  const unbounded = [];
  for (const [name, { document }] of operations) {
    const typeInfo = new TypeInfo(schema);
    visit(parse(document), visitWithTypeInfo(typeInfo, {
      Field(field) {
        const type = getNamedType(typeInfo.getType());
        const args = new Set((field.arguments ?? []).map((a) => a.name.value));
        if (type?.name.endsWith('Connection') && !args.has('first') && !args.has('last')) {
          unbounded.push(`${name}: ${field.name.value}`);
        }
      },
    }));
  }
  assert.deepEqual(unbounded, []);
});

test('every operation of operations/ is in the manifest and was run', () => {
  const inFiles = [...operationNamesInFiles().values()].flat().sort();
  assert.deepEqual([...operations.keys()].sort(), inFiles, 'generated/ is current: run npm run generate');
  assert.deepEqual(inFiles.filter((n) => !ran.has(n)), [], 'operations the contract test never sends');
});
