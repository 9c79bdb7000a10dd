// The secretariat's questions to settle on a strategy: it creates one with its
// options, records each agency's position, and settles it (what was decided,
// by which body, when). A settled question no longer changes.
import { useState } from 'preact/hooks';
import {
  AgencyChoicesDocument, CreateDecisionDocument, RecordPositionDocument, SettleDecisionDocument, StrategyDecisionsDocument,
  type DecisionBody, type StrategyDecisionsQuery,
} from '../../../frontend-contract/generated/documents';
import { request } from '../api';
import { nodes, Pending, Problem, useQuery } from '../data';
import { formatDate, t, useLang } from '../i18n';
import { Field, isoDay, useDraft, useSubmit } from './forms';

type Strategy = Extract<NonNullable<StrategyDecisionsQuery['node']>, { __typename: 'Strategy' }>;
type Decision = NonNullable<Strategy['decisions']>[number];
type Agency = { id: string; acronym: string; name: string };

const bodies: DecisionBody[] = ['VALIDATION_WORKSHOP', 'INTERMINISTERIAL_COMMITTEE', 'COUNCIL_OF_MINISTERS', 'STEERING_COMMITTEE'];

export function Decisions({ id }: { id: string }) {
  useLang();
  const q = useQuery(StrategyDecisionsDocument, { id });
  const agencies = useQuery(AgencyChoicesDocument, {});
  const [notice, setNotice] = useState<string | null>(null);
  const s = q.data?.node?.__typename === 'Strategy' ? q.data.node : null;
  if (!s || !agencies.data) return <section><h1 tabIndex={-1}>{t('decisions')}</h1>{s ? <Pending loaded={agencies} /> : <Pending loaded={q} />}</section>;
  const changed = (m: string) => {
    setNotice(m);
    q.reload();
  };
  const decisions = s.decisions ?? [];
  return (
    <section>
      <p class="crumbs"><a href={`/strategies/${s.id}`}>{s.title}</a> · <a href={`/strategies/${s.id}/edit`}>{t('editPlan')}</a></p>
      <h1 tabIndex={-1}>{t('decisions')} — {s.title}</h1>
      <div aria-live="polite" class="ok">{notice}</div>
      {decisions.length === 0 && <p>{t('noQuestions')}</p>}
      {decisions.map((d) => <DecisionCard key={d.id} d={d} agencies={nodes(agencies.data!.agencies)} changed={changed} />)}
      <NewDecision strategyID={s.id} created={() => changed(t('createdDecision'))} />
    </section>
  );
}

function DecisionCard({ d, agencies, changed }: { d: Decision; agencies: Agency[]; changed: (m: string) => void }) {
  return (
    <article class="card decision">
      <h2>{d.question}</h2>
      <p class="meta"><span class={`badge d-${d.status}`}>{t(`decision_${d.status}`)}</span> · {d.options.join(' / ')}</p>
      {d.status === 'SETTLED' && d.body && (
        <p>{t('decidedAs', { date: formatDate(d.decidedOn), body: t(`body_${d.body}`), outcome: d.outcome })}</p>
      )}
      <h3>{t('positions')}</h3>
      {(d.positions ?? []).length === 0 ? <p class="muted">{t('noPositions')}</p> : (
        <ul>
          {(d.positions ?? []).map((p) => (
            <li key={p.id}><abbr title={p.agency.name}>{p.agency.acronym}</abbr> : {p.option || t('noOption')}{p.statement && <> — {p.statement}</>}</li>
          ))}
        </ul>
      )}
      {d.status === 'OPEN' && (
        <>
          <Position d={d} agencies={agencies} recorded={() => changed(t('positionRecorded'))} />
          <Settle d={d} settled={() => changed(t('settled'))} />
        </>
      )}
    </article>
  );
}

function NewDecision({ strategyID, created }: { strategyID: string; created: () => void }) {
  const draft = useDraft(`new-decision:${strategyID}`, () => ({ question: '', options: '' }));
  const submit = useSubmit();
  async function onSubmit(e: Event) {
    e.preventDefault();
    const options = draft.values.options.split('\n').map((o) => o.trim()).filter(Boolean);
    if (await submit.run(() => request(CreateDecisionDocument, { input: { strategyID, question: draft.values.question, options } }))) {
      draft.drop();
      created();
    }
  }
  return (
    <form onSubmit={onSubmit}>
      <fieldset>
        <legend>{t('newDecision')}</legend>
        <Field id="decision" spec={{ name: 'question', label: 'question', required: true }} value={draft.values.question} set={(x) => draft.set({ question: x })} />
        <Field id="decision" spec={{ name: 'options', label: 'optionsLabel', kind: 'textarea' }} value={draft.values.options} set={(x) => draft.set({ options: x })} />
        {submit.error && <Problem error={submit.error} />}
        <button type="submit" disabled={submit.busy}>{t('createDecision')}</button>
      </fieldset>
    </form>
  );
}

function Position({ d, agencies, recorded }: { d: Decision; agencies: Agency[]; recorded: () => void }) {
  const draft = useDraft(`position:${d.id}`, () => ({ agencyID: agencies[0]?.id ?? '', option: '', statement: '' }));
  const submit = useSubmit();
  async function onSubmit(e: Event) {
    e.preventDefault();
    const v = draft.values;
    if (await submit.run(() => request(RecordPositionDocument, { input: { decisionID: d.id, agencyID: v.agencyID, option: v.option || null, statement: v.statement || null } }))) {
      draft.drop();
      recorded();
    }
  }
  const id = `position-${d.id}`;
  return (
    <form onSubmit={onSubmit}>
      <fieldset>
        <legend>{t('recordPositionOn', { question: d.question })}</legend>
        <Field id={id} spec={{ name: 'agencyID', label: 'agency', kind: 'select', options: agencies.map((a) => ({ value: a.id, label: `${a.acronym} — ${a.name}` })) }} value={draft.values.agencyID} set={(x) => draft.set({ agencyID: x })} />
        <Field id={id} spec={{ name: 'option', label: 'optionLabel', kind: 'select', options: [{ value: '', label: t('noOption') }, ...d.options.map((o) => ({ value: o, label: o }))] }} value={draft.values.option} set={(x) => draft.set({ option: x })} />
        <Field id={id} spec={{ name: 'statement', label: 'statement', kind: 'textarea' }} value={draft.values.statement} set={(x) => draft.set({ statement: x })} />
        {submit.error && <Problem error={submit.error} />}
        <button type="submit" class="secondary" disabled={submit.busy}>{t('recordPosition')}</button>
      </fieldset>
    </form>
  );
}

function Settle({ d, settled }: { d: Decision; settled: () => void }) {
  const draft = useDraft(`settle:${d.id}`, () => ({ outcome: '', body: 'INTERMINISTERIAL_COMMITTEE', decidedOn: new Date().toISOString().slice(0, 10) }));
  const submit = useSubmit();
  async function onSubmit(e: Event) {
    e.preventDefault();
    const v = draft.values;
    if (await submit.run(() => request(SettleDecisionDocument, { input: { decisionID: d.id, revision: d.revision, outcome: v.outcome, body: v.body as DecisionBody, decidedOn: isoDay(v.decidedOn) ?? '' } }))) {
      draft.drop();
      settled();
    }
  }
  const id = `settle-${d.id}`;
  return (
    <form onSubmit={onSubmit}>
      <fieldset>
        <legend>{t('settleOn', { question: d.question })}</legend>
        <Field id={id} spec={{ name: 'outcome', label: 'outcome', kind: 'textarea', required: true }} value={draft.values.outcome} set={(x) => draft.set({ outcome: x })} />
        <Field id={id} spec={{ name: 'body', label: 'decidedBy', kind: 'select', options: bodies.map((b) => ({ value: b, label: t(`body_${b}`) })) }} value={draft.values.body} set={(x) => draft.set({ body: x })} />
        <Field id={id} spec={{ name: 'decidedOn', label: 'decidedOn', kind: 'date', required: true }} value={draft.values.decidedOn} set={(x) => draft.set({ decidedOn: x })} />
        {submit.error && <Problem error={submit.error} />}
        <button type="submit" disabled={submit.busy}>{t('settle')}</button>
      </fieldset>
    </form>
  );
}
