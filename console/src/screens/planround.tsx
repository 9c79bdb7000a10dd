// The secretariat plans a round on a published version of a strategy (kind,
// place, dates, invited agencies), then opens, extends, closes and
// consolidates it. A refusal says its reason (no invitation, dates in the
// wrong order…); what was typed stays.
import { useState } from 'preact/hooks';
import {
  AgencyChoicesDocument, ConsultationInboxDocument, EditPlanDocument, ExtendConsultationDocument, PlanConsultationDocument,
  type ConsultationKind,
} from '../../../frontend-contract/generated/documents';
import { request } from '../api';
import { nodes, Pending, Problem, useQuery } from '../data';
import { enumLabel, formatDate, t, useLang } from '../i18n';
import { Field, isoInstant, localOf, useDraft, useSubmit } from './forms';
import { RoundMoves } from './rounds';

const kinds: ConsultationKind[] = ['WRITTEN', 'WORKSHOP', 'PUBLIC'];

export function PlanRound({ id }: { id: string }) {
  useLang();
  const plan = useQuery(EditPlanDocument, { id, objectivesFirst: 1, itemsFirst: 1 });
  const agencies = useQuery(AgencyChoicesDocument, {});
  const rounds = useQuery(ConsultationInboxDocument, { first: 100, observationsFirst: 1 });
  const [notice, setNotice] = useState<string | null>(null);
  const s = plan.data?.node?.__typename === 'Strategy' ? plan.data.node : null;
  if (!s || !agencies.data) return <section><h1 tabIndex={-1}>{t('planRound')}</h1>{s ? <Pending loaded={agencies} /> : <Pending loaded={plan} />}</section>;
  const versions = nodes(s.versions);
  const mine = nodes(rounds.data?.consultations).filter((c) => c.strategy.id === s.id);
  const changed = (m: string) => {
    setNotice(m);
    rounds.reload();
  };
  return (
    <section>
      <p class="crumbs"><a href={`/strategies/${s.id}`}>{s.title}</a> · <a href={`/strategies/${s.id}/edit`}>{t('editPlan')}</a></p>
      <h1 tabIndex={-1}>{t('planRound')} — {s.title}</h1>
      <div aria-live="polite" class="ok">{notice}</div>
      {versions.length === 0 ? <p role="status">{t('noVersion')}</p> : (
        <PlanForm strategyID={s.id} versions={versions} agencies={nodes(agencies.data.agencies)} planned={(title) => changed(t('plannedRound', { title }))} />
      )}
      <h2>{t('strategyRounds')}</h2>
      {!rounds.data ? <Pending loaded={rounds} /> : mine.length === 0 ? <p>{t('noStrategyRounds')}</p> : (
        <ul class="cards">
          {mine.map((c) => (
            <li key={c.id} class="card">
              <h3><a href={`/rounds/${c.id}/matrix`}>{c.title}</a></h3>
              <p class="meta">
                <span class={`badge r-${c.status}`}>{enumLabel('round', c.status)}</span> · {t(`roundKind_${c.kind}`)} {c.place && <>· {c.place}</>} ·{' '}
                {t('version', { number: c.version.number, label: c.version.label })} · {t('roundWindow', { opens: formatDate(c.opensAt), closes: formatDate(c.closesAt) })}
              </p>
              <p class="actions">
                <RoundMoves id={c.id} title={c.title} revision={c.revision} status={c.status} moved={() => changed(t('saved'))} />
              </p>
              {(c.status === 'PLANNED' || c.status === 'OPEN') && (
                <Extend id={c.id} title={c.title} revision={c.revision} closesAt={c.closesAt} extended={() => changed(t('extended', { title: c.title }))} />
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function PlanForm(props: { strategyID: string; versions: { id: string; number: number; label: string }[]; agencies: { id: string; acronym: string; name: string }[]; planned: (title: string) => void }) {
  const draft = useDraft(`plan-round:${props.strategyID}`, () => ({
    title: '', kind: 'WRITTEN', place: '', opensAt: localOf(new Date(Date.now() + 86400e3).toISOString()).slice(0, 11) + '08:00',
    closesAt: localOf(new Date(Date.now() + 15 * 86400e3).toISOString()).slice(0, 11) + '18:00', versionID: props.versions[0].id, invited: '',
  }));
  const submit = useSubmit();
  const v = draft.values;
  const invited = v.invited ? v.invited.split(',') : [];
  const toggle = (id: string, on: boolean) => draft.set({ invited: (on ? [...invited, id] : invited.filter((x) => x !== id)).join(',') });
  async function onSubmit(e: Event) {
    e.preventDefault();
    const ok = await submit.run(() => request(PlanConsultationDocument, {
      input: {
        title: v.title, kind: v.kind as ConsultationKind, place: v.place || null, versionID: v.versionID,
        opensAt: isoInstant(v.opensAt), closesAt: isoInstant(v.closesAt), invitedAgencyIDs: invited,
      },
    }));
    if (ok) {
      draft.drop();
      props.planned(v.title);
    }
  }
  return (
    <form onSubmit={onSubmit}>
      <fieldset>
        <legend>{t('planRound')}</legend>
        <Field id="round" spec={{ name: 'title', label: 'roundTitle', required: true }} value={v.title} set={(x) => draft.set({ title: x })} />
        <Field id="round" spec={{ name: 'kind', label: 'roundKind', kind: 'select', options: kinds.map((k) => ({ value: k, label: t(`roundKind_${k}`) })) }} value={v.kind} set={(x) => draft.set({ kind: x })} />
        <Field id="round" spec={{ name: 'place', label: 'placeOptional' }} value={v.place} set={(x) => draft.set({ place: x })} />
        <Field id="round" spec={{ name: 'opensAt', label: 'opensAtLabel', kind: 'datetime', required: true }} value={v.opensAt} set={(x) => draft.set({ opensAt: x })} />
        <Field id="round" spec={{ name: 'closesAt', label: 'closesAtLabel', kind: 'datetime', required: true }} value={v.closesAt} set={(x) => draft.set({ closesAt: x })} />
        <Field id="round" spec={{ name: 'versionID', label: 'consultedVersion', kind: 'select', options: props.versions.map((x) => ({ value: x.id, label: t('version', { number: x.number, label: x.label }) })) }} value={v.versionID} set={(x) => draft.set({ versionID: x })} />
        <fieldset class="checks">
          <legend>{t('invited')}</legend>
          {props.agencies.map((a) => (
            <label key={a.id} class="check">
              <input type="checkbox" name="invited" value={a.id} checked={invited.includes(a.id)} onChange={(e) => toggle(a.id, e.currentTarget.checked)} />{' '}
              <abbr title={a.name}>{a.acronym}</abbr>
            </label>
          ))}
        </fieldset>
        {submit.error && <Problem error={submit.error} />}
        <button type="submit" disabled={submit.busy}>{t('planAction')}</button>
      </fieldset>
    </form>
  );
}

function Extend(props: { id: string; title: string; revision: number; closesAt: string; extended: () => void }) {
  const draft = useDraft(`extend:${props.id}`, () => ({ closesAt: localOf(new Date(Date.parse(props.closesAt) + 7 * 86400e3).toISOString()) }));
  const submit = useSubmit();
  async function onSubmit(e: Event) {
    e.preventDefault();
    if (await submit.run(() => request(ExtendConsultationDocument, { id: props.id, revision: props.revision, closesAt: isoInstant(draft.values.closesAt) }))) {
      draft.drop();
      props.extended();
    }
  }
  return (
    <form class="inline" onSubmit={onSubmit} aria-label={t('extendOf', { title: props.title })}>
      <label for={`extend-${props.id}`}>{t('newClosesAt', { title: props.title })}</label>
      <input id={`extend-${props.id}`} type="datetime-local" required value={draft.values.closesAt} onInput={(e) => draft.set({ closesAt: e.currentTarget.value })} />
      {submit.error && <Problem error={submit.error} />}
      <button type="submit" class="secondary" disabled={submit.busy} aria-label={t('extendOf', { title: props.title })}>{t('extendAction')}</button>
    </form>
  );
}
