// The secretariat drafts a strategy's working copy: adds, edits and reorders
// objectives, adds and edits their action items, and publishes the working
// copy as the strategy's next version. Every edit handles a stale revision
// (forms.tsx); what is typed survives a reload.
import { useState } from 'preact/hooks';
import {
  AgencyChoicesDocument, CreateActionItemDocument, CreateObjectiveDocument, EditPlanDocument, PublishVersionDocument,
  UpdateActionItemDocument, UpdateObjectiveDocument, type EditPlanQuery, type ObjectivePillar,
} from '../../../frontend-contract/generated/documents';
import { request } from '../api';
import { nodes, Pending, Problem, useQuery } from '../data';
import { enumLabel, formatDate, t, useLang } from '../i18n';
import { dayOf, EditRecord, Field, isoDay, useDraft, useSubmit, type FieldSpec, type Saved, type Values } from './forms';

type Strategy = Extract<NonNullable<EditPlanQuery['node']>, { __typename: 'Strategy' }>;
type Objective = NonNullable<Strategy['objectives']['edges']>[number] extends infer E ? NonNullable<E> extends { node?: infer N } ? NonNullable<N> : never : never;
type Item = NonNullable<Objective['actionItems']['edges']>[number] extends infer E ? NonNullable<E> extends { node?: infer N } ? NonNullable<N> : never : never;

const pillars: ObjectivePillar[] = ['LEGAL', 'TECHNICAL', 'ORGANISATIONAL', 'CAPACITY_DEVELOPMENT', 'COOPERATION'];

const objectiveFields = (): FieldSpec[] => [
  { name: 'code', label: 'code', required: true },
  { name: 'title', label: 'title', required: true },
  { name: 'description', label: 'description', kind: 'textarea' },
  { name: 'pillar', label: 'pillar', kind: 'select', options: pillars.map((p) => ({ value: p, label: enumLabel('pillar', p) })) },
];

async function readPlan(id: string): Promise<Strategy | null> {
  const d = await request(EditPlanDocument, { id });
  return d.node?.__typename === 'Strategy' ? d.node : null;
}

export function EditPlan({ id }: { id: string }) {
  useLang();
  const q = useQuery(EditPlanDocument, { id });
  const agencies = useQuery(AgencyChoicesDocument, {});
  const [notice, setNotice] = useState<string | null>(null);
  const s = q.data?.node?.__typename === 'Strategy' ? q.data.node : null;
  if (!s || !agencies.data) return <section><h1 tabIndex={-1}>{t('editPlan')}</h1>{s ? <Pending loaded={agencies} /> : <Pending loaded={q} />}</section>;
  const objectives = nodes(s.objectives);
  const leads = nodes(agencies.data.agencies).map((a) => ({ value: a.id, label: `${a.acronym} — ${a.name}` }));
  const changed = (message: string) => {
    setNotice(message);
    q.reload();
  };
  return (
    <section>
      <p class="crumbs"><a href={`/strategies/${s.id}`}>{s.title}</a></p>
      <h1 tabIndex={-1}>{t('editPlanTitle', { title: s.title })}</h1>
      <p class="meta"><span class={`badge s-${s.status}`}>{enumLabel('strategy', s.status)}</span> · {t('workingCopy')}</p>
      <p class="actions">
        <a class="button secondary" href={`/strategies/${s.id}/rounds`}>{t('planRound')}</a>
        <a class="button secondary" href={`/strategies/${s.id}/decisions`}>{t('decisions')}</a>
      </p>
      <div aria-live="polite" class="ok">{notice}</div>
      <ol class="objectives-edit">
        {objectives.map((o, i) => (
          <li key={o.id}>
            <ObjectiveBlock strategyID={s.id} objective={o} leads={leads} changed={changed}
              move={(by) => reorder(objectives, i, by).then(() => changed(t('moved')))}
              first={i === 0} last={i === objectives.length - 1} />
          </li>
        ))}
      </ol>
      <AddObjective strategyID={s.id} next={objectives.length} added={(code) => changed(t('created', { code }))} />
      <Publish strategyID={s.id} next={(nodes(s.versions)[0]?.number ?? 0) + 1} published={(n) => changed(t('publishedVersion', { number: n }))} />
    </section>
  );
}

// reorder moves objective i by one place (-1 up, +1 down) and saves the
// positions that changed.
async function reorder(objectives: Objective[], i: number, by: number) {
  const order = [...objectives];
  const [o] = order.splice(i, 1);
  order.splice(i + by, 0, o);
  for (const [position, x] of order.entries()) {
    if (x.position !== position) await request(UpdateObjectiveDocument, { id: x.id, revision: x.revision, input: { position } });
  }
}

function ObjectiveBlock(props: {
  strategyID: string; objective: Objective; leads: { value: string; label: string }[]; first: boolean; last: boolean;
  changed: (m: string) => void; move: (by: number) => Promise<void>;
}) {
  const o = props.objective;
  const [editing, setEditing] = useState(false);
  const submit = useSubmit();
  const fields = objectiveFields();
  const valuesOf = (x: Objective): Saved => ({ revision: x.revision, values: { code: x.code, title: x.title, description: x.description, pillar: x.pillar } });
  return (
    <article class="card objective-edit">
      <h2>{o.code} — {o.title}</h2>
      <p class="meta">{enumLabel('pillar', o.pillar)} · {t('items', { count: o.actionItems.totalCount })}</p>
      {submit.error && <Problem error={submit.error} />}
      <p class="actions">
        <button type="button" class="secondary" aria-label={t('editOf', { code: o.code })} onClick={() => setEditing(true)}>{t('edit')}</button>
        {!props.first && <button type="button" class="secondary" aria-label={t('moveUp', { code: o.code })} disabled={submit.busy} onClick={() => submit.run(() => props.move(-1))}>↑</button>}
        {!props.last && <button type="button" class="secondary" aria-label={t('moveDown', { code: o.code })} disabled={submit.busy} onClick={() => submit.run(() => props.move(1))}>↓</button>}
      </p>
      {editing && (
        <EditRecord formID={`objective:${o.id}`} legend={t('editOf', { code: o.code })} code={o.code} fields={fields} record={valuesOf(o)}
          save={(v, revision) => request(UpdateObjectiveDocument, { id: o.id, revision, input: { code: v.code, title: v.title, description: v.description, pillar: v.pillar as ObjectivePillar } })}
          reread={async () => {
            const fresh = nodes((await readPlan(props.strategyID))?.objectives).find((x) => x.id === o.id);
            return fresh ? valuesOf(fresh) : null;
          }}
          done={() => { setEditing(false); props.changed(t('saved')); }} />
      )}
      <ul class="items-edit">
        {nodes(o.actionItems).map((i) => <ItemRow key={i.id} strategyID={props.strategyID} item={i} leads={props.leads} changed={props.changed} />)}
      </ul>
      <AddItem objective={o} leads={props.leads} added={(code) => props.changed(t('created', { code }))} />
    </article>
  );
}

const itemFields = (leads: { value: string; label: string }[]): FieldSpec[] => [
  { name: 'code', label: 'code', required: true },
  { name: 'title', label: 'title', required: true },
  { name: 'description', label: 'description', kind: 'textarea' },
  { name: 'leadAgencyID', label: 'leadAgency', kind: 'select', options: leads },
  { name: 'startDate', label: 'startDate', kind: 'date' },
  { name: 'dueDate', label: 'dueDate', kind: 'date' },
];

function ItemRow({ strategyID, item, leads, changed }: { strategyID: string; item: Item; leads: { value: string; label: string }[]; changed: (m: string) => void }) {
  const formID = `item:${item.id}`;
  const [editing, setEditing] = useState(() => localStorage.getItem(`palabre.draft.${formID}`) !== null);
  const valuesOf = (x: Item): Saved => ({
    revision: x.revision,
    values: { code: x.code, title: x.title, description: x.description, leadAgencyID: x.leadAgency?.id ?? '', startDate: dayOf(x.startDate), dueDate: dayOf(x.dueDate) },
  });
  return (
    <li>
      <span class="code">{item.code}</span> {item.title} · <abbr title={item.leadAgency?.name}>{item.leadAgency?.acronym}</abbr>
      {item.dueDate && <> · {t('due')} {formatDate(item.dueDate)}</>}{' '}
      {!editing && <button type="button" class="secondary" aria-label={t('editOf', { code: item.code })} onClick={() => setEditing(true)}>{t('edit')}</button>}
      {editing && (
        <EditRecord formID={formID} legend={t('editOf', { code: item.code })} code={item.code} fields={itemFields(leads)} record={valuesOf(item)}
          save={(v: Values, revision) => request(UpdateActionItemDocument, {
            id: item.id, revision,
            input: { code: v.code, title: v.title, description: v.description, leadAgencyID: v.leadAgencyID || undefined, startDate: isoDay(v.startDate), dueDate: isoDay(v.dueDate) },
          })}
          reread={async () => {
            const fresh = nodes((await readPlan(strategyID))?.objectives).flatMap((o) => nodes(o.actionItems)).find((x) => x.id === item.id);
            return fresh ? valuesOf(fresh) : null;
          }}
          done={() => { setEditing(false); changed(t('saved')); }} />
      )}
    </li>
  );
}

function AddObjective({ strategyID, next, added }: { strategyID: string; next: number; added: (code: string) => void }) {
  const draft = useDraft(`new-objective:${strategyID}`, () => ({ code: '', title: '', description: '', pillar: 'LEGAL' }));
  const submit = useSubmit();
  const fields = objectiveFields();
  async function onSubmit(e: Event) {
    e.preventDefault();
    const v = draft.values;
    if (await submit.run(() => request(CreateObjectiveDocument, { input: { strategyID, code: v.code, title: v.title, description: v.description || null, pillar: v.pillar as ObjectivePillar, position: next } }))) {
      draft.drop();
      added(v.code);
    }
  }
  return (
    <form onSubmit={onSubmit}>
      <fieldset>
        <legend>{t('addObjective')}</legend>
        {fields.map((f) => <Field key={f.name} id="new-objective" spec={f} value={draft.values[f.name as keyof typeof draft.values]} set={(x) => draft.set({ [f.name]: x })} />)}
        {submit.error && <Problem error={submit.error} />}
        <button type="submit" disabled={submit.busy}>{t('addObjective')}</button>
      </fieldset>
    </form>
  );
}

function AddItem({ objective, leads, added }: { objective: Objective; leads: { value: string; label: string }[]; added: (code: string) => void }) {
  const [open, setOpen] = useState(false);
  const draft = useDraft(`new-item:${objective.id}`, () => ({ code: '', title: '', description: '', leadAgencyID: leads[0]?.value ?? '', startDate: '', dueDate: '' }));
  const submit = useSubmit();
  if (!open && !draft.kept) return <button type="button" class="secondary" onClick={() => setOpen(true)}>{t('addItem', { code: objective.code })}</button>;
  async function onSubmit(e: Event) {
    e.preventDefault();
    const v = draft.values;
    const ok = await submit.run(() => request(CreateActionItemDocument, {
      input: { objectiveID: objective.id, code: v.code, title: v.title, description: v.description || null, leadAgencyID: v.leadAgencyID, startDate: isoDay(v.startDate), dueDate: isoDay(v.dueDate) },
    }));
    if (ok) {
      draft.drop();
      setOpen(false);
      added(v.code);
    }
  }
  const id = `new-item-${objective.id}`;
  return (
    <form onSubmit={onSubmit}>
      <fieldset>
        <legend>{t('addItem', { code: objective.code })}</legend>
        {itemFields(leads).map((f) => <Field key={f.name} id={id} spec={f} value={draft.values[f.name as keyof typeof draft.values]} set={(x) => draft.set({ [f.name]: x })} />)}
        {submit.error && <Problem error={submit.error} />}
        <p class="actions">
          <button type="submit" disabled={submit.busy}>{t('addItem', { code: objective.code })}</button>
          <button type="button" class="link" onClick={() => { draft.drop(); setOpen(false); }}>{t('cancel')}</button>
        </p>
      </fieldset>
    </form>
  );
}

function Publish({ strategyID, next, published }: { strategyID: string; next: number; published: (n: number) => void }) {
  const draft = useDraft(`publish:${strategyID}`, () => ({ label: '', changelog: '' }));
  const submit = useSubmit();
  async function onSubmit(e: Event) {
    e.preventDefault();
    let n = 0;
    const ok = await submit.run(async () => {
      n = (await request(PublishVersionDocument, { input: { strategyID, label: draft.values.label, changelog: draft.values.changelog || null } })).publishVersion.version.number;
    });
    if (ok) {
      draft.drop();
      published(n);
    }
  }
  return (
    <form onSubmit={onSubmit}>
      <fieldset>
        <legend>{t('publishTitle')}</legend>
        <p>{t('publishIntro', { number: next })}</p>
        <Field id="publish" spec={{ name: 'label', label: 'versionLabel', required: true }} value={draft.values.label} set={(x) => draft.set({ label: x })} />
        <Field id="publish" spec={{ name: 'changelog', label: 'changelog', kind: 'textarea' }} value={draft.values.changelog} set={(x) => draft.set({ changelog: x })} />
        {submit.error && <Problem error={submit.error} />}
        <button type="submit" disabled={submit.busy}>{t('publish')}</button>
      </fieldset>
    </form>
  );
}
