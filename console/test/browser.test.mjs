// The console's browser tests: each role's main path end to end in Debian's
// Chromium against a real server on SQLite with the demo data. Every screen
// is checked by axe-core (no serious or critical violation) and under the
// console's Content-Security-Policy (no violation), and photographed into
// test-results/screenshots/ (desktop, and 360 px wide for a phone).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { buildServer, graphql, launchBrowser, startServer } from './harness.mjs';

const shots = resolve(import.meta.dirname, '..', 'test-results', 'screenshots');
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let buildDir, server, browser, base;
const people = {
  agency: { email: 'ibrahima.fall@anssi.gouv.example', password: 'Sous l’arbre à palabres 2026' },
  secretariat: { email: 'awa.diop@numerique.gouv.example', password: 'Le secrétariat répond toujours' },
};
const links = {};

before(async () => {
  rmSync(shots, { recursive: true, force: true });
  mkdirSync(shots, { recursive: true });
  buildDir = mkdtempSync(join(tmpdir(), 'palabre-console-'));
  server = await startServer(buildServer(buildDir));
  base = server.url.replace(/\/graphql$/, '');
  // The administrator creates each person's one-time password link through the API.
  const { accounts } = await graphql(server.url, server.tokens.admin, '{ accounts(first: 50) { edges { node { id email } } } }');
  for (const [role, p] of Object.entries(people)) {
    const id = accounts.edges.find((e) => e.node.email === p.email).node.id;
    const { createPasswordLink } = await graphql(server.url, server.tokens.admin,
      'mutation($id: ID!) { createPasswordLink(accountID: $id) { path } }', { id });
    links[role] = createPasswordLink.path;
  }
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  if (buildDir) rmSync(buildDir, { recursive: true, force: true });
});

// open gives a fresh visitor (own cookies and storage) whose page fails the
// test on any CSP violation or script error.
async function open(viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ viewport, locale: 'fr-FR' });
  // Generous: a shared two-core machine can be slow; nothing here is timed.
  context.setDefaultTimeout(90_000);
  const page = await context.newPage();
  page.problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/.test(m.text())) page.problems.push(m.text());
  });
  page.on('pageerror', (e) => page.problems.push(String(e)));
  return page;
}

// check runs axe-core on the screen, takes its screenshot and checks that
// nothing broke: no serious or critical violation, no CSP violation, no
// horizontal scrolling at the page's width.
async function check(page, name) {
  await page.evaluate(axeSource); // through the DevTools protocol: the page's CSP still forbids inline scripts
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`), [], `${name}: accessibility`);
  assert.deepEqual(page.problems, [], `${name}: errors in the page`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `${name}: ${overflow} px of horizontal scrolling`);
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

// setPassword uses a person's one-time link.
async function setPassword(page, role) {
  await page.goto(`${base}${links[role]}`);
  await page.getByLabel('Nouveau mot de passe').fill(people[role].password);
  await page.getByLabel('Confirmez le mot de passe').fill(people[role].password);
  await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
  await page.getByText('Votre mot de passe est enregistré').waitFor();
  people[role].set = true;
}

async function signIn(page, role) {
  const who = people[role];
  if (!who.set) await setPassword(page, role);
  await page.goto(`${base}/sign-in`);
  await page.getByLabel('Adresse électronique').fill(who.email);
  await page.getByLabel('Mot de passe').fill(who.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('heading', { level: 1, name: /Consultation/ }).waitFor();
}

describe('the public', () => {
  test('reads the adopted strategies and an action plan, in French and in English, on a phone too', async () => {
    const page = await open();
    await page.goto(base);
    await page.getByRole('heading', { level: 1, name: 'Stratégies nationales adoptées' }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'fr');
    await check(page, 'public-landing');
    const first = page.locator('.cards a').first();
    const title = await first.textContent();
    await first.click();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await page.getByRole('heading', { name: 'Plan d’action', level: 2 }).waitFor();
    assert.ok(await page.locator('tbody tr').count() > 0, 'the plan lists its items');
    await check(page, 'public-plan');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Action plan', level: 2 }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    await check(page, 'public-plan-en');

    const phone = await open({ width: 360, height: 740 });
    await phone.goto(base);
    await phone.locator('.cards a').first().waitFor();
    await check(phone, 'public-landing-360');
    await phone.locator('.cards a').first().click();
    await phone.locator('tbody tr').first().waitFor();
    await check(phone, 'public-plan-360');
  });
});

describe('signing in', () => {
  test('a person sets a password with the link, is refused a wrong one, then signs in', async () => {
    const page = await open();
    await page.goto(`${base}${links.agency}`);
    await page.getByRole('heading', { level: 1, name: 'Choisir votre mot de passe' }).waitFor();
    await check(page, 'set-password');
    await setPassword(page, 'agency');
    assert.equal(new URL(page.url()).hash, '', 'the spent secret stays out of the address bar');
    await check(page, 'sign-in');

    await page.getByLabel('Adresse électronique').fill(people.agency.email);
    await page.getByLabel('Mot de passe').fill('pas le bon mot de passe');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('alert').filter({ hasText: 'Adresse ou mot de passe incorrect' }).waitFor();
    await check(page, 'sign-in-refused');

    // The link works once.
    const again = await open();
    await again.goto(`${base}${links.agency}`);
    await again.getByLabel('Nouveau mot de passe').fill('un autre mot de passe');
    await again.getByLabel('Confirmez le mot de passe').fill('un autre mot de passe');
    await again.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    await again.getByRole('alert').filter({ hasText: 'Ce lien ne fonctionne pas' }).waitFor();
  });
});

describe('a consultation round, end to end', () => {
  const body = `Préciser le délai de notification des incidents (72 heures) — ${Date.now()}`;

  test('an agency observes an item; the secretariat answers it; the agency reads the answer', async () => {
    // The agency's focal point: its inbox, then the consulted text.
    const agency = await open();
    await signIn(agency, 'agency');
    await check(agency, 'agency-inbox');
    await agency.locator('.cards a').first().click();
    await agency.getByRole('heading', { level: 2, name: 'La stratégie dans son ensemble' }).waitFor();
    await check(agency, 'agency-round');

    // A draft survives a reload.
    const observe = agency.getByRole('button', { name: /^Formuler une observation sur A\d/ }).first();
    const target = (await observe.getAttribute('aria-label')).replace('Formuler une observation sur ', '');
    await observe.click();
    const form = agency.locator('form.observation-form');
    await form.getByLabel('Nature').selectOption('AMENDMENT');
    await form.getByLabel('Observation', { exact: true }).fill(body);
    // An amendment needs its proposed text: the refusal is explained, and nothing typed is lost.
    await form.getByRole('button', { name: 'Soumettre' }).click();
    await form.getByRole('alert').filter({ hasText: 'Un amendement propose un texte de remplacement' }).waitFor();
    await form.getByLabel('Texte proposé (facultatif)').fill('Les incidents sont notifiés dans les 72 heures.');
    await agency.reload();
    await agency.locator('form.observation-form').waitFor();
    assert.equal(await agency.locator('form.observation-form').getByLabel('Observation', { exact: true }).inputValue(), body);
    await check(agency, 'agency-draft');
    await agency.locator('form.observation-form').getByRole('button', { name: 'Soumettre' }).click();
    const mine = agency.locator('article.observation', { hasText: body });
    await mine.getByText('Soumise').waitFor();
    assert.equal(await agency.locator('form.observation-form').count(), 0);

    // Edit it while the round is open.
    await mine.getByRole('button', { name: 'Modifier' }).click();
    const editing = agency.locator('form.observation-form');
    await editing.getByLabel('Observation', { exact: true }).fill(`${body} (modifiée)`);
    await editing.getByRole('button', { name: 'Soumettre' }).click();
    await agency.locator('article.observation', { hasText: `${body} (modifiée)` }).getByText('Pas encore de réponse').waitFor();
    await check(agency, 'agency-submitted');

    // A stale edit: a colleague of the same agency changes it (through the API)
    // while the form is open; submitting shows their version beside this one,
    // and submitting again reapplies this one over theirs.
    const edited = agency.locator('article.observation', { hasText: `${body} (modifiée)` });
    await edited.getByRole('button', { name: 'Modifier' }).click();
    const stale = agency.locator('form.observation-form');
    await stale.getByLabel('Observation', { exact: true }).fill(`${body} (ma version)`);
    const anssi = server.tokens.agency.ANSSI;
    const { consultations } = await graphql(server.url, anssi,
      '{ consultations(first: 50) { edges { node { observations(first: 100) { edges { node { id revision body } } } } } } }');
    const theirs = consultations.edges.flatMap((e) => e.node.observations.edges).map((e) => e.node).find((o) => o.body === `${body} (modifiée)`);
    await graphql(server.url, anssi, 'mutation($id: ID!, $rev: Int!) { editObservation(id: $id, revision: $rev, input: { body: "Version d’un collègue" }) { observation { revision } } }',
      { id: theirs.id, rev: theirs.revision });
    await stale.getByRole('button', { name: 'Soumettre' }).click();
    const conflict = agency.locator('section.conflict');
    await conflict.getByText('Version d’un collègue').waitFor();
    await conflict.getByText(`${body} (ma version)`).waitFor();
    await check(agency, 'agency-conflict');
    await agency.locator('form.observation-form').getByRole('button', { name: 'Soumettre' }).click();
    await agency.locator('article.observation', { hasText: `${body} (ma version)` }).getByText('Pas encore de réponse').waitFor();
    assert.equal(await conflict.count(), 0);

    // The secretariat answers it in the response matrix.
    const sec = await open();
    await signIn(sec, 'secretariat');
    await sec.getByRole('link', { name: /Matrice des réponses de/ }).first().waitFor();
    const round = await agency.locator('h1').textContent();
    await sec.getByRole('link', { name: `Matrice des réponses de « ${round} »` }).click();
    await sec.getByRole('heading', { level: 1, name: /Matrice des réponses/ }).waitFor();
    const row = sec.locator('article.observation', { hasText: `${body} (ma version)` });
    await check(sec, 'secretariat-matrix');
    await row.getByLabel('Décision').selectOption('PARTIALLY_ACCEPTED');
    await row.getByLabel('Motif de la réponse').fill('Retenu : le délai sera de 72 heures pour les opérateurs essentiels.');
    await row.getByRole('button', { name: 'Répondre' }).click();
    await sec.getByText('Réponse enregistrée.').waitFor();
    await row.getByText('Retenu : le délai sera de 72 heures').waitFor();
    await check(sec, 'secretariat-answered');

    // The overdue items, most late first.
    await sec.getByRole('link', { name: 'Actions en retard' }).click();
    await sec.getByRole('heading', { level: 1, name: 'Actions en retard' }).waitFor();
    await sec.locator('tbody tr, main p').first().waitFor();
    await check(sec, 'secretariat-overdue');

    // The agency reads the answer.
    await agency.reload();
    const answered = agency.locator('article.observation', { hasText: `${body} (ma version)` });
    await answered.getByText('Retenu : le délai sera de 72 heures').waitFor();
    await answered.getByText('Partiellement acceptée').waitFor();
    assert.equal(await answered.getByRole('button', { name: 'Modifier' }).count(), 0, 'an answered observation cannot change');
    await check(agency, 'agency-answer');
    assert.ok(target.length > 0);

    // The items the agency leads: it reports progress on one.
    await agency.getByRole('link', { name: 'Actions pilotées' }).click();
    await agency.getByRole('heading', { level: 1, name: 'Actions pilotées par ANSSI' }).waitFor();
    await check(agency, 'agency-items');
    const report = agency.getByRole('button', { name: /^Rendre compte de l’avancement de / }).first();
    const code = (await report.textContent()).replace('Rendre compte de l’avancement de ', '');
    await report.click();
    const reportForm = agency.locator('form', { hasText: `Rendre compte de l’avancement de ${code}` });
    await reportForm.getByLabel('Avancement (%)').fill('65');
    await reportForm.getByLabel('Statut').selectOption('IN_PROGRESS');
    await reportForm.getByLabel('Ce qui a été fait').fill('Le texte est adopté en conseil interministériel.');
    await reportForm.getByRole('button', { name: 'Enregistrer le compte rendu' }).click();
    await agency.getByText('Compte rendu enregistré.').waitFor();
    await agency.getByRole('progressbar', { name: `Avancement de ${code} : 65 %` }).waitFor();
    await check(agency, 'agency-reported');

    // Signing out ends the session: the inbox then asks to sign in.
    await agency.getByRole('button', { name: 'Se déconnecter' }).click();
    await agency.getByRole('heading', { level: 1, name: 'Stratégies nationales adoptées' }).waitFor();
    await agency.goto(`${base}/rounds`);
    await agency.getByRole('alert').filter({ hasText: 'Vous devez vous connecter' }).waitFor();
  });
});

describe('comparing versions', () => {
  test('the secretariat compares two published versions side by side', async () => {
    // A second version of the strategy in consultation, published through the
    // API (the authoring screens are not in the console yet).
    const sec = server.tokens.secretariat;
    const { strategies } = await graphql(server.url, sec, '{ strategies(first: 20) { edges { node { id title } } } }');
    const current = strategies.edges.map((e) => e.node).find((s) => s.title === 'Stratégie nationale de cybersécurité 2022-2026');
    const { node } = await graphql(server.url, sec, 'query($id: ID!) { node(id: $id) { ... on Strategy { summary revision } } }', { id: current.id });
    await graphql(server.url, sec, 'mutation($id: ID!, $rev: Int!, $s: String!) { updateStrategy(id: $id, revision: $rev, input: { summary: $s }) { strategy { id } } }',
      { id: current.id, rev: node.revision, s: `${node.summary} Révisée après l’atelier.` });
    await graphql(server.url, sec, 'mutation($s: ID!) { publishVersion(input: { strategyID: $s, label: "Après l’atelier", changelog: "Résumé révisé" }) { version { id } } }', { s: current.id });

    const page = await open();
    await signIn(page, 'secretariat');
    await page.goto(`${base}/strategies/${current.id}`);
    const form = page.locator('form.compare');
    await form.getByRole('button', { name: 'Comparer' }).click();
    await page.getByRole('heading', { level: 1, name: 'Comparer deux versions' }).waitFor();
    await page.locator('table.diff td.after', { hasText: 'Révisée après l’atelier.' }).waitFor();
    await check(page, 'secretariat-compare');

    // The audit trail of an item of the plan.
    await page.goto(`${base}/strategies/${current.id}`);
    await page.getByRole('link', { name: /^Historique de A/ }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Historique des modifications' }).waitFor();
    await page.locator('ol.trail li').first().getByText('création').waitFor();
    await check(page, 'secretariat-history');

    // An agency's whole plan, from a lead agency of the plan, filtered by status.
    await page.goto(`${base}/strategies/${current.id}`);
    await page.getByRole('link', { name: /^Plan d’action de / }).first().click();
    await page.getByRole('heading', { level: 1, name: /^Plan d’action de .+\(/ }).waitFor();
    const all = await page.locator('tbody tr').count();
    await page.getByLabel('Statut').selectOption('COMPLETED');
    await page.waitForFunction((n) => document.querySelectorAll('tbody tr').length !== n || document.querySelectorAll('tbody tr .i-COMPLETED').length === n, all);
    const shown = await page.locator('tbody tr').count();
    assert.equal(await page.locator('tbody tr .i-COMPLETED').count(), shown, 'only completed items');
    await check(page, 'reviewer-agency-plan');

    // The lifecycle: only the allowed moves are offered, and a guard that does
    // not hold is refused with its reason; the strategy stays where it was.
    await page.getByRole('link', { name: 'Stratégies', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Toutes les stratégies' }).waitFor();
    await check(page, 'secretariat-strategies');
    await page.getByRole('link', { name: 'Stratégie nationale de cybersécurité 2022-2026' }).click();
    const lifecycle = page.locator('section.lifecycle');
    await lifecycle.getByText('État actuel : En validation.').waitFor();
    assert.deepEqual(await lifecycle.getByRole('button').allTextContents(), ['Passer à « Soumise »', 'Passer à « En rédaction »']);
    await lifecycle.getByRole('button', { name: 'Passer à « Soumise »' }).click();
    await lifecycle.getByRole('alert').filter({ hasText: 'La stratégie ne peut pas encore être soumise' }).waitFor();
    await lifecycle.getByText('État actuel : En validation.').waitFor();
    await check(page, 'secretariat-lifecycle-refused');
  });
});

describe('running a round', () => {
  test('the secretariat closes the open round; consolidating is refused while observations are unanswered; the agency can no longer write', async () => {
    const sec = await open();
    await signIn(sec, 'secretariat');
    const close = sec.getByRole('button', { name: /^Clore la consultation « / }).first();
    const title = (await close.getAttribute('aria-label')).replace(/^Clore la consultation « (.*) »$/, '$1');
    await close.click();
    const card = sec.locator('li.card', { hasText: title });
    await card.getByText('Close', { exact: true }).waitFor();
    await card.getByRole('button', { name: `Consolider la consultation « ${title} »` }).click();
    await card.getByRole('alert').waitFor();
    await card.getByText('Close', { exact: true }).waitFor();
    await check(sec, 'secretariat-round-closed');

    const agency = await open();
    await signIn(agency, 'agency');
    await agency.locator('li.card', { hasText: title }).getByRole('link').click();
    await agency.getByText('La consultation est close').waitFor();
    assert.equal(await agency.getByRole('button', { name: /^Formuler une observation/ }).count(), 0);
    assert.equal(await agency.getByRole('button', { name: 'Modifier' }).count(), 0);
    await check(agency, 'agency-round-closed');
  });
});

// The secretariat's authoring screens, on a strategy of their own created
// through the API: drafting the plan, a stale edit, reordering, publishing,
// planning and running a round, settling a decision, adoption.
describe("the secretariat's authoring screens", () => {
  const sec = () => server.tokens.secretariat;
  const strategy = {};
  let page;

  before(async () => {
    const { agencies } = await graphql(server.url, sec(), '{ agencies(first: 100) { edges { node { id acronym } } } }');
    strategy.agency = Object.fromEntries(agencies.edges.map((e) => [e.node.acronym, e.node.id]));
    const { createStrategy } = await graphql(server.url, sec(), `mutation($in: CreateStrategyInput!) { createStrategy(input: $in) { strategy { id } } }`,
      { in: { title: 'Stratégie nationale de confiance numérique 2031-2035', country: 'SN', startYear: 2031, endYear: 2035, ownerAgencyID: Object.values(strategy.agency)[0] } });
    strategy.id = createStrategy.strategy.id;
    page = await open();
    await signIn(page, 'secretariat');
  });

  const formOf = (legend) => page.locator('form', { has: page.locator('legend', { hasText: legend }) }).first();

  test('objectives and an item are added; the item is edited; a second session’s edit is shown and reapplied over', async () => {
    await page.goto(`${base}/strategies/${strategy.id}/edit`);
    await page.getByRole('heading', { level: 1, name: /^Rédaction — / }).waitFor();
    await check(page, 'secretariat-edit-plan');
    for (const [code, title, pillar] of [['OS1', 'Renforcer le cadre juridique', 'LEGAL'], ['OS2', 'Développer les capacités techniques', 'TECHNICAL']]) {
      const add = formOf('Ajouter un objectif');
      await add.getByLabel('Code').fill(code);
      await add.getByLabel('Intitulé').fill(title);
      await add.getByLabel('Pilier').selectOption(pillar);
      await add.getByRole('button', { name: 'Ajouter un objectif' }).click();
      await page.getByRole('heading', { level: 2, name: `${code} — ${title}` }).waitFor();
    }
    await page.getByRole('button', { name: 'Ajouter une action à OS1' }).click();
    const item = formOf('Ajouter une action à OS1');
    await item.getByLabel('Code').fill('A1.1');
    await item.getByLabel('Intitulé').fill('Transposer la convention de Malabo');
    await item.getByLabel('Agence pilote').selectOption(strategy.agency.ANSSI);
    await item.getByLabel('Échéance').fill('2032-06-30');
    await item.getByRole('button', { name: 'Ajouter une action à OS1' }).click();
    const row = page.locator('ul.items-edit li', { hasText: 'A1.1' });
    await row.getByText('Transposer la convention de Malabo').waitFor();

    // An edit.
    await row.getByRole('button', { name: 'Modifier A1.1' }).click();
    const edit = formOf('Modifier A1.1');
    await edit.getByLabel('Intitulé').fill('Transposer la convention de Malabo en droit national');
    await check(page, 'secretariat-item-edit');
    await edit.getByRole('button', { name: 'Enregistrer' }).click();
    await row.getByText('Transposer la convention de Malabo en droit national').waitFor();

    // A stale edit: someone else saves the item while this form is open.
    await row.getByRole('button', { name: 'Modifier A1.1' }).click();
    await formOf('Modifier A1.1').getByLabel('Intitulé').fill('Ma version : ratifier puis transposer');
    const { actionItems } = await graphql(server.url, sec(), 'query($s: ID!) { actionItems(first: 5, where: { hasStrategyWith: [{ id: $s }] }) { edges { node { id revision } } } }', { s: strategy.id });
    const saved = actionItems.edges[0].node;
    await graphql(server.url, sec(), 'mutation($id: ID!, $rev: Int!) { updateActionItem(id: $id, revision: $rev, input: { title: "Version d’un collègue" }) { actionItem { revision } } }',
      { id: saved.id, rev: saved.revision });
    // What was typed survives a reload.
    await page.reload();
    assert.equal(await formOf('Modifier A1.1').getByLabel('Intitulé').inputValue(), 'Ma version : ratifier puis transposer');
    await formOf('Modifier A1.1').getByRole('button', { name: 'Enregistrer' }).click();
    const conflict = page.locator('.conflict');
    await conflict.getByText('Version d’un collègue').waitFor();
    await conflict.getByText('Ma version : ratifier puis transposer').waitFor();
    await check(page, 'secretariat-text-conflict');
    await conflict.getByRole('button', { name: 'Réappliquer' }).click();
    await page.getByText('Modification enregistrée.').waitFor();
    await row.getByText('Ma version : ratifier puis transposer').waitFor();
    assert.equal(await page.locator('.conflict').count(), 0);
  });

  test('objectives are reordered and the working copy is published', async () => {
    await page.getByRole('button', { name: 'Descendre OS1' }).click();
    await page.getByText('Ordre des objectifs enregistré.').waitFor();
    await page.waitForFunction(() => document.querySelector('article.objective-edit h2')?.textContent?.startsWith('OS2'));
    const publish = formOf('Publier la copie de travail');
    await publish.getByLabel('Libellé de la version').fill('Projet pour consultation');
    await publish.getByRole('button', { name: 'Publier la version' }).click();
    await page.getByText('Version 1 publiée.').waitFor();
    await check(page, 'secretariat-reordered-published');
    const { node } = await graphql(server.url, sec(), 'query($id: ID!) { node(id: $id) { ... on Strategy { objectives(first: 5, orderBy: { field: POSITION, direction: ASC }) { edges { node { code } } } } } }', { id: strategy.id });
    assert.deepEqual(node.objectives.edges.map((e) => e.node.code), ['OS2', 'OS1']);
  });

  test('a round is refused without invitations (in French), then planned, opened and extended', async () => {
    await page.getByRole('link', { name: 'Planifier une consultation' }).click();
    await page.getByRole('heading', { level: 1, name: /^Planifier une consultation — / }).waitFor();
    const plan = formOf('Planifier une consultation');
    await plan.getByLabel('Intitulé de la consultation').fill('Atelier de validation');
    await plan.getByLabel('Forme').selectOption('WORKSHOP');
    await plan.getByLabel('Lieu (facultatif)').fill('Dakar, CICAD');
    await plan.getByRole('button', { name: 'Planifier la consultation' }).click();
    await plan.getByRole('alert').filter({ hasText: 'Une consultation invite au moins une agence. Cochez les agences invitées.' }).waitFor();
    await check(page, 'secretariat-round-refused');
    assert.equal(await plan.getByLabel('Intitulé de la consultation').inputValue(), 'Atelier de validation', 'a refused submit keeps what was typed');
    await plan.getByLabel('ANSSI', { exact: true }).check();
    await plan.getByLabel('MJ', { exact: true }).check();
    await plan.getByRole('button', { name: 'Planifier la consultation' }).click();
    await page.getByText('Consultation « Atelier de validation » planifiée.').waitFor();
    const card = page.locator('li.card', { hasText: 'Atelier de validation' });
    await card.getByText('Prévue', { exact: true }).waitFor();
    await card.getByRole('button', { name: 'Ouvrir la consultation « Atelier de validation »' }).click();
    await card.getByText('Ouverte', { exact: true }).waitFor();
    const { consultations } = await graphql(server.url, sec(), '{ consultations(first: 100) { edges { node { title closesAt strategy { id } } } } }');
    const before = consultations.edges.map((e) => e.node).find((c) => c.strategy.id === strategy.id).closesAt;
    await card.getByRole('button', { name: 'Prolonger « Atelier de validation »' }).click();
    await page.getByText('Clôture de « Atelier de validation » reportée.').waitFor();
    const again = await graphql(server.url, sec(), '{ consultations(first: 100) { edges { node { closesAt strategy { id } } } } }');
    const after = again.consultations.edges.map((e) => e.node).find((c) => c.strategy.id === strategy.id).closesAt;
    assert.ok(Date.parse(after) > Date.parse(before), `extended: ${before} → ${after}`);
    await check(page, 'secretariat-round-opened');
  });

  test('a decision is created, an agency’s position recorded, and the decision settled', async () => {
    await page.goto(`${base}/strategies/${strategy.id}/decisions`);
    await page.getByRole('heading', { level: 1, name: /^Décisions — / }).waitFor();
    const create = formOf('Nouvelle question à trancher');
    await create.getByLabel('Question').fill('Quelle tutelle pour le CERT national ?');
    await create.getByLabel('Options (une par ligne)').fill('Présidence\nPrimature');
    await create.getByRole('button', { name: 'Créer la question' }).click();
    const card = page.locator('article.decision', { hasText: 'Quelle tutelle pour le CERT national ?' });
    await card.getByText('Ouverte', { exact: true }).waitFor();
    const position = formOf('Position d’une agence sur « Quelle tutelle pour le CERT national ? »');
    await position.getByLabel('Agence').selectOption(strategy.agency.ANSSI);
    await position.getByLabel('Option défendue').selectOption('Présidence');
    await position.getByRole('button', { name: 'Enregistrer la position' }).click();
    await card.locator('li', { hasText: /ANSSI.*Présidence/ }).waitFor();
    const settle = formOf('Trancher « Quelle tutelle pour le CERT national ? »');
    await settle.getByLabel('Décision prise').fill('Le CERT national est rattaché à la Présidence.');
    await settle.getByLabel('Instance').selectOption('INTERMINISTERIAL_COMMITTEE');
    await settle.getByRole('button', { name: 'Trancher' }).click();
    await card.getByText('Tranchée', { exact: true }).waitFor();
    await card.getByText(/par Comité interministériel : Le CERT national est rattaché à la Présidence\./).waitFor();
    await check(page, 'secretariat-decision-settled');
  });

  test('adoption without the act’s reference is refused in French, then in English; with it, the strategy is adopted', async () => {
    const { node } = await graphql(server.url, sec(), 'query($id: ID!) { node(id: $id) { ... on Strategy { revision } } }', { id: strategy.id });
    let revision = node.revision;
    for (const to of ['CONSULTATION', 'CONSOLIDATION', 'VALIDATION', 'SUBMITTED']) {
      const { moveStrategy } = await graphql(server.url, sec(), 'mutation($in: MoveStrategyInput!) { moveStrategy(input: $in) { strategy { revision } } }',
        { in: { strategyID: strategy.id, revision, to } });
      revision = moveStrategy.strategy.revision;
    }
    await page.goto(`${base}/strategies/${strategy.id}`);
    const adoption = formOf('Adoption');
    await adoption.getByLabel('Date de l’acte').fill('2031-02-12');
    await adoption.getByRole('button', { name: 'Adopter la stratégie' }).click();
    await adoption.getByRole('alert').filter({ hasText: 'Il manque la référence de l’acte d’adoption.' }).waitFor();
    await check(page, 'secretariat-adoption-refused');
    await page.getByRole('button', { name: 'English' }).click();
    await adoption.getByRole('alert').filter({ hasText: 'The reference of the adopting act is missing.' }).waitFor();
    await adoption.getByRole('button', { name: 'Adopt the strategy' }).click();
    await adoption.getByRole('alert').filter({ hasText: 'The reference of the adopting act is missing.' }).waitFor();
    await check(page, 'secretariat-adoption-refused-en');
    await adoption.getByLabel('Reference of the act').fill('Décret n° 2031-052 du 12 février 2031');
    await adoption.getByRole('button', { name: 'Adopt the strategy' }).click();
    await page.locator('.meta .badge', { hasText: 'Adopted' }).waitFor();
  });
});

// Pictures, monitoring and administration (issue 13, part B). Their people
// get links of their own here, so that these tests do not depend on others.
describe('pictures, monitoring and administration', () => {
  const own = {
    monitoringReviewer: { email: 'fatou.ndiaye@sgg.gouv.example', password: 'La revue lit tout, même les graphiques' },
    monitoringAdmin: { email: 'mamadou.diallo@numerique.gouv.example', password: 'L’administrateur tient les comptes' },
    monitoringMJ: { email: 'aissatou.cisse@justice.gouv.example', password: 'Le ministère de la Justice veille' },
  };
  const strategyTitle = 'Stratégie nationale de cybersécurité 2022-2026';

  before(async () => {
    const { accounts } = await graphql(server.url, server.tokens.admin, '{ accounts(first: 50) { edges { node { id email } } } }');
    for (const [key, p] of Object.entries(own)) {
      const id = accounts.edges.find((e) => e.node.email === p.email).node.id;
      const { createPasswordLink } = await graphql(server.url, server.tokens.admin,
        'mutation($id: ID!) { createPasswordLink(accountID: $id) { path } }', { id });
      people[key] = { ...p };
      links[key] = createPasswordLink.path;
    }
  });

  // rows reads a table's body as text, cell by cell.
  const rows = (table) => table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent.trim())));

  test('a reviewer reads the plan in charts: progress by objective and pillar, the timeline with overdue items written out; on a phone the labels stack', async () => {
    const page = await open();
    await signIn(page, 'monitoringReviewer');
    await page.goto(`${base}/strategies`);
    await page.getByRole('link', { name: strategyTitle }).click();
    await page.getByRole('link', { name: `Graphiques de « ${strategyTitle} »` }).click();
    await page.getByRole('heading', { level: 1, name: `Le plan en graphiques — ${strategyTitle}` }).waitFor();
    const byObjective = page.locator('figure', { has: page.locator('figcaption', { hasText: 'Avancement moyen par objectif' }) });
    await byObjective.locator('.figures table tbody tr').first().waitFor();
    // The table of figures says what the bars draw, one row per objective.
    const { node } = await graphql(server.url, server.tokens.reviewer, `query($id: ID!) { node(id: $id) { ... on Strategy {
      objectives(first: 50) { edges { node { code actionItems(first: 50) { edges { node { progress status } } } } } } } } }`,
    { id: new URL(page.url()).pathname.split('/')[2] });
    const objectives = node.objectives.edges.map((e) => e.node);
    const table = await rows(byObjective.locator('.figures table'));
    assert.equal(table.length, objectives.length);
    for (const o of objectives) {
      const live = o.actionItems.edges.map((e) => e.node).filter((i) => i.status !== 'CANCELLED');
      const mean = live.length ? Math.round(live.reduce((a, i) => a + i.progress, 0) / live.length) : 0;
      const row = table.find((r) => r[0].startsWith(`${o.code} ·`));
      assert.equal(row?.[1].replace(/\s/g, ' '), `${mean} %`, `${o.code}'s mean progress`);
    }
    await page.locator('figure', { has: page.locator('figcaption', { hasText: 'Avancement moyen par pilier' }) }).locator('.figures table tbody tr').first().waitFor();
    // The timeline: today marked, overdue items hatched and written out.
    const timeline = page.locator('figure.timeline');
    await timeline.getByText(/^Aujourd’hui : /).waitFor();
    const late = timeline.locator('li.is-late');
    assert.ok(await late.count() > 0, 'the demo plan has overdue items');
    await late.first().locator('rect.overdue').waitFor();
    await late.first().getByText(/en retard de \d+ j/).waitFor();
    const written = (await rows(timeline.locator('.figures table'))).filter((r) => /^en retard de \d[\d ]* j$/.test(r[3].replace(/\s/g, " ")));
    assert.equal(written.length, await late.count(), 'each overdue item is written out in the table');
    // Screen readers read the table, not the drawing.
    assert.equal(await timeline.locator('ul.chart-rows').getAttribute('aria-hidden'), 'true');
    await check(page, 'reviewer-pictures');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 2, name: 'Mean progress by objective' }).waitFor();
    await timeline.getByText(/\d+ d overdue/).first().waitFor();
    await check(page, 'reviewer-pictures-en');

    const phone = await open({ width: 360, height: 740 });
    await signIn(phone, 'monitoringReviewer');
    await phone.goto(page.url());
    const first = phone.locator('figure.timeline li.is-late').first();
    await first.waitFor();
    const label = await first.locator('.chart-label').boundingBox();
    const bar = await first.locator('svg.chart-bar').boundingBox();
    assert.ok(label.y + label.height <= bar.y + 1, 'at 360 px the label sits above its bar');
    assert.ok(bar.width > 250, `at 360 px the bar takes the width (${bar.width} px)`);
    await check(phone, 'reviewer-pictures-phone');
  });

  test('the response matrix counts observations by agency and disposition, as the API does', async () => {
    const page = await open();
    await signIn(page, 'monitoringReviewer');
    await page.getByRole('link', { name: /^Matrice des réponses de / }).first().click();
    const chart = page.locator('figure', { has: page.locator('figcaption', { hasText: 'Observations par agence et par suite donnée' }) });
    await chart.locator('.figures table tbody tr').first().waitFor();
    const id = new URL(page.url()).pathname.split('/')[2];
    const { node } = await graphql(server.url, server.tokens.reviewer, `query($id: ID!) { node(id: $id) { ... on Consultation {
      responseMatrix { byAgency { agency { acronym } count } groups { observations { status agency { acronym } } } } } } }`, { id });
    const all = node.responseMatrix.groups.flatMap((g) => g.observations);
    const head = await chart.locator('.figures table thead th').allTextContents();
    assert.deepEqual(head.slice(0, 6), ['Agence', 'Acceptée', 'Partiellement acceptée', 'Rejetée', 'Hors sujet', 'Sans réponse']);
    const statuses = ['ACCEPTED', 'PARTIALLY_ACCEPTED', 'REJECTED', 'OUT_OF_SCOPE', 'SUBMITTED', 'WITHDRAWN'].slice(0, head.length - 2);
    const table = await rows(chart.locator('.figures table'));
    assert.equal(table.length, node.responseMatrix.byAgency.length);
    for (const { agency, count } of node.responseMatrix.byAgency) {
      const row = table.find((r) => r[0] === agency.acronym);
      assert.deepEqual(row.slice(1).map(Number), [...statuses.map((s) => all.filter((o) => o.agency.acronym === agency.acronym && o.status === s).length), count], agency.acronym);
    }
    await check(page, 'reviewer-matrix-counts');
  });

  test('a reviewer follows the committees (overdue first), a committee, a meeting with its minutes, the stale items and an agreement', async () => {
    const page = await open();
    await signIn(page, 'monitoringReviewer');
    await page.getByRole('link', { name: 'Suivi', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Suivi des comités et des actions' }).waitFor();
    const cards = page.locator('li.card');
    await cards.first().waitFor();
    await cards.first().getByText(/^Prochaine réunion en retard : due le /).waitFor();
    const lateCards = await page.locator('li.card.is-late').count();
    assert.ok(lateCards > 0);
    assert.equal(await cards.nth(lateCards - 1).evaluate((e) => e.classList.contains('is-late')), true, 'the overdue committees come first');
    const stale = page.getByRole('region', { name: 'Actions sans compte rendu récent' });
    await stale.locator('tbody tr').first().waitFor();
    const { actionItems } = await graphql(server.url, server.tokens.reviewer, 'query($on: Time!) { actionItems(staleOn: $on, first: 100) { totalCount } }',
      { on: new Date(Math.floor(Date.now() / 86400000) * 86400000).toISOString() });
    assert.equal(await stale.locator('tbody tr').count(), Math.min(50, actionItems.totalCount));
    await check(page, 'reviewer-monitoring');

    const mou = page.locator('li.card', { hasText: 'MoU SN-CI' }).or(page.locator('li.card.is-late')).first();
    const name = await mou.locator('h3 a').textContent();
    await mou.locator('h3 a').click();
    await page.getByRole('heading', { level: 1, name }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Membres' }).waitFor();
    await page.getByText(/— secrétariat$/).first().waitFor();
    const meetings = page.getByRole('region', { name: 'Réunions' });
    await meetings.locator('tbody tr').first().waitFor();
    await check(page, 'reviewer-committee');

    await meetings.locator('tbody tr', { hasText: 'Tenue' }).first().locator('a').click();
    await page.getByRole('heading', { level: 1, name: /^Réunion du / }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Ordre du jour' }).waitFor();
    const hash = await page.locator('code.hash').first().textContent();
    assert.match(hash, /^[0-9a-f]{64}$/);
    await page.getByRole('heading', { level: 2, name: 'Actions de suivi' }).waitFor();
    await check(page, 'reviewer-meeting');
    const meetingURL = page.url();

    await page.getByRole('link', { name: 'Accords', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Accords de coopération' }).waitFor();
    await page.locator('li.card', { hasText: 'MoU SN-CI/2025/03' }).locator('h2 a').click();
    await page.getByRole('heading', { level: 2, name: 'Parties' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Engagements' }).waitFor();
    const csv = page.getByRole('link', { name: 'Télécharger le plan (CSV)' });
    const res = await page.request.get(new URL(await csv.getAttribute('href'), base).href);
    assert.equal(res.status(), 200);
    assert.match(res.headers()['content-type'], /text\/csv/);
    await check(page, 'reviewer-agreement');

    // On a phone: one column, nothing wider than the screen.
    const phone = await open({ width: 360, height: 740 });
    await signIn(phone, 'monitoringReviewer');
    await phone.goto(`${base}/monitoring`);
    await phone.locator('li.card').first().waitFor();
    await check(phone, 'reviewer-monitoring-phone');
    await phone.goto(meetingURL);
    await phone.locator('code.hash').first().waitFor();
    await check(phone, 'reviewer-meeting-phone');
  });

  test('an administrator lists the accounts and creates a password link that works', async () => {
    const page = await open();
    await signIn(page, 'monitoringAdmin');
    await page.getByRole('link', { name: 'Comptes', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Comptes' }).waitFor();
    await page.getByRole('region', { name: 'Comptes' }).locator('tbody tr').first().waitFor();
    assert.ok(await page.getByRole('region', { name: 'Comptes' }).locator('tbody tr').count() >= 6);
    await page.getByRole('button', { name: 'Créer un lien de mot de passe pour Chérif Mbaye' }).click();
    const made = page.getByLabel('Lien à transmettre');
    await made.waitFor();
    const url = await made.inputValue();
    assert.match(url, /\/set-password#plb_/);
    await check(page, 'admin-accounts');

    const owner = await open();
    await owner.goto(url);
    await owner.getByLabel('Nouveau mot de passe').fill('L’ARTP régule et se connecte');
    await owner.getByLabel('Confirmez le mot de passe').fill('L’ARTP régule et se connecte');
    await owner.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    await owner.getByText('Votre mot de passe est enregistré').waitFor();
    // A reviewer has no accounts screen in its navigation, and is refused the list of others.
    const reviewer = await open();
    await signIn(reviewer, 'monitoringReviewer');
    assert.equal(await reviewer.getByRole('link', { name: 'Comptes', exact: true }).count(), 0);
    await reviewer.goto(`${base}/accounts`);
    await reviewer.getByRole('alert').filter({ hasText: 'Votre rôle ne permet pas cette action' }).waitFor();
    assert.equal(await reviewer.getByRole('button', { name: /^Créer un lien de mot de passe/ }).count(), 0);
  });

  test('a person changes their password: a wrong current one is refused; the other session ends, this one stays', async () => {
    const page = await open();
    await signIn(page, 'monitoringMJ');
    const other = await open();
    await signIn(other, 'monitoringMJ');
    await page.getByRole('link', { name: 'Mon compte' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mon compte' }).waitFor();
    const next = 'La Justice change de mot de passe';
    await page.getByLabel('Mot de passe actuel').fill('pas le bon');
    await page.getByLabel('Nouveau mot de passe').fill(next);
    await page.getByLabel('Confirmez le mot de passe').fill(next);
    await page.getByRole('button', { name: 'Changer le mot de passe' }).click();
    await page.getByRole('alert').filter({ hasText: 'Le mot de passe actuel est incorrect' }).waitFor();
    await check(page, 'account-password-refused');
    await page.getByLabel('Mot de passe actuel').fill(people.monitoringMJ.password);
    await page.getByRole('button', { name: 'Changer le mot de passe' }).click();
    await page.getByRole('status').filter({ hasText: 'Mot de passe changé' }).waitFor();
    await check(page, 'account-password-changed');
    people.monitoringMJ.password = next;
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Mon compte' }).waitFor();
    await page.getByLabel('Mot de passe actuel').waitFor();
    await other.goto(`${base}/rounds`);
    await other.getByRole('alert').filter({ hasText: 'Vous devez vous connecter' }).waitFor();
    const again = await open();
    await signIn(again, 'monitoringMJ');
    // Sign out everywhere: this session too.
    await page.getByRole('button', { name: 'Se déconnecter partout' }).click();
    await page.getByRole('status').filter({ hasText: 'Toutes vos sessions sont fermées.' }).waitFor();
    await again.goto(`${base}/account`);
    await again.getByRole('alert').filter({ hasText: 'Vous devez vous connecter' }).waitFor();
  });
});
