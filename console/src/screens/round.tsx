// An agency's round: the consulted version's text in order (the strategy,
// its objectives, their items), with the agency's observations under what
// they concern and a form to add one anywhere; drafts, submit, edit and
// withdraw while the round is open; the answers once given.
import { useState } from 'preact/hooks';
import {
  ConsultationInboxDocument, ConsultedVersionDocument, EditObservationDocument, MyObservationDocument, SubmitObservationDocument,
  WithdrawObservationDocument, type ObservationFieldsFragment, type ObservationKind, type ObservationTargetKind,
} from '../../../frontend-contract/generated/documents';
import { ApiError, request } from '../api';
import { nodes, Pending, Problem, useQuery } from '../data';
import { dropDraft, loadDraft, saveDraft, type Draft } from '../drafts';
import { enumLabel, formatDate, t, useLang } from '../i18n';

const kinds: ObservationKind[] = ['COMMENT', 'AMENDMENT', 'OBJECTION', 'SUPPORT', 'QUESTION'];

interface Target {
  kind: ObservationTargetKind;
  id: string | null; // null: the whole strategy
  label: string;
}

export function Round({ id }: { id: string }) {
  useLang();
  const text = useQuery(ConsultedVersionDocument, { consultationID: id });
  const inbox = useQuery(ConsultationInboxDocument, { first: 50, observationsFirst: 100 });
  const [notice, setNotice] = useState<string | null>(null);
  const round = text.data?.node?.__typename === 'Consultation' ? text.data.node : null;
  if (!round || !inbox.data) {
    return <section><h1 tabIndex={-1}>{t('consultedText')}</h1>{round ? <Pending loaded={inbox} /> : <Pending loaded={text} />}</section>;
  }
  const mine = nodes(nodes(inbox.data.consultations).find((c) => c.id === id)?.observations);
  const open = round.status === 'OPEN';
  const on = (kind: ObservationTargetKind, targetID: string | null) =>
    mine.filter((o) => o.targetKind === kind && (kind === 'STRATEGY' || o.targetID === targetID));
  const changed = (msg: string) => {
    setNotice(msg);
    inbox.reload();
  };
  const block = (target: Target) => (
    <Observations roundID={round.id} open={open} target={target} list={on(target.kind, target.id)} changed={changed} />
  );
  return (
    <section>
      <p class="crumbs"><a href="/rounds">{t('myRounds')}</a></p>
      <h1 tabIndex={-1}>{round.title}</h1>
      <p class="meta">
        <span class={`badge r-${round.status}`}>{enumLabel('round', round.status)}</span> {round.strategy.title} ·{' '}
        {t('version', { number: round.version.number, label: round.version.label })} · {t('closesAt', { date: formatDate(round.closesAt) })}
      </p>
      {!open && <p class="notice">{t('roundClosed')}</p>}
      <div aria-live="polite" class="ok">{notice}</div>
      <section class="target">
        <h2>{t('wholeStrategy')}</h2>
        {block({ kind: 'STRATEGY', id: null, label: t('wholeStrategy') })}
      </section>
      {round.version.objectives.map((o) => (
        <section key={o.id} class="target objective">
          <h2>{o.code} — {o.title}</h2>
          <p class="meta">{enumLabel('pillar', o.pillar)}</p>
          {o.description && <p>{o.description}</p>}
          {block({ kind: 'OBJECTIVE', id: o.id, label: `${o.code} ${o.title}` })}
          {o.actionItems.map((i) => (
            <article key={i.id} class="item">
              <h3><span class="code">{i.code}</span> {i.title}</h3>
              {i.description && <p>{i.description}</p>}
              <p class="meta">{t('lead')} : {i.leadAgency?.acronym} · {t('due')} : {formatDate(i.dueDate)}</p>
              {block({ kind: 'ACTION_ITEM', id: i.id, label: `${i.code} ${i.title}` })}
            </article>
          ))}
        </section>
      ))}
    </section>
  );
}

function Observations(props: {
  roundID: string; open: boolean; target: Target; list: ObservationFieldsFragment[]; changed: (msg: string) => void;
}) {
  const { roundID, open, target, list, changed } = props;
  const formID = `${roundID}:${target.id ?? 'strategy'}`;
  const [writing, setWriting] = useState(() => loadDraft(formID) !== null);
  return (
    <div class="observations">
      {list.map((o) => <Observation key={o.id} o={o} open={open} roundID={roundID} changed={changed} />)}
      {open && !writing && (
        <button type="button" class="secondary" onClick={() => setWriting(true)} aria-label={t('observeOn', { target: target.label })}>
          {t('observe')}
        </button>
      )}
      {open && writing && (
        <ObservationForm
          formID={formID}
          title={t('observeOn', { target: target.label })}
          close={() => setWriting(false)}
          send={async (d, draft) => {
            await request(SubmitObservationDocument, {
              input: {
                consultationID: roundID, targetKind: target.kind, targetID: target.id, kind: d.kind as ObservationKind,
                body: d.body, proposedText: d.proposedText || null, draft, idempotencyKey: d.key,
              },
            });
            changed(t('submitted'));
          }}
        />
      )}
    </div>
  );
}

function Observation({ o, open, roundID, changed }: { o: ObservationFieldsFragment; open: boolean; roundID: string; changed: (m: string) => void }) {
  const formID = `${roundID}:edit:${o.id}`;
  const [editing, setEditing] = useState(() => loadDraft(formID) !== null);
  const [error, setError] = useState<ApiError | null>(null);
  // The version an edit is based on: the one read, or, after a CONFLICT, the
  // other person's, which the edit is then reapplied over.
  const [base, setBase] = useState<ObservationFieldsFragment>(o);
  const [theirs, setTheirs] = useState<ObservationFieldsFragment | null>(null);
  const current = base.revision >= o.revision ? base : o;
  const changeable = open && (o.status === 'DRAFT' || o.status === 'SUBMITTED');
  async function withdraw() {
    if (!confirm(t('confirmWithdraw'))) return;
    try {
      await request(WithdrawObservationDocument, { id: o.id, revision: o.revision });
      changed(t('submitted'));
    } catch (e) {
      setError(e as ApiError);
    }
  }
  return (
    <article class={`observation o-${o.status}`}>
      <p class="meta">
        <span class={`badge o-${o.status}`}>{enumLabel('obs', o.status)}</span> {enumLabel('kind', o.kind)}
        {o.submittedAt && <> · {formatDate(o.submittedAt)}</>}
      </p>
      {editing && theirs && (
        <section class="conflict" aria-labelledby={`${o.id}-conflict`}>
          <h4 id={`${o.id}-conflict`}>{t('conflictTitle')}</h4>
          <p>{t('conflictExplain')}</p>
          <div class="side-by-side">
            <div>
              <h5>{t('theirVersion', { revision: theirs.revision })}</h5>
              <p class="meta">{enumLabel('kind', theirs.kind)} · {enumLabel('obs', theirs.status)}</p>
              <p class="body">{theirs.body}</p>
              {theirs.proposedText && <blockquote>{theirs.proposedText}</blockquote>}
            </div>
            <div>
              <h5>{t('yourVersion')}</h5>
              <p class="body">{loadDraft(formID)?.body}</p>
              {loadDraft(formID)?.proposedText && <blockquote>{loadDraft(formID)?.proposedText}</blockquote>}
            </div>
          </div>
          <p class="actions">
            <button type="button" class="secondary" onClick={() => (dropDraft(formID), setTheirs(null), setEditing(false), changed(t('keptTheirs')))}>
              {t('keepTheirs')}
            </button>
          </p>
        </section>
      )}
      {editing ? (
        <ObservationForm
          formID={formID}
          title={theirs ? t('reapply') : t('edit')}
          initial={{ kind: current.kind, body: current.body, proposedText: current.proposedText ?? '', key: '' }}
          close={() => (setTheirs(null), setEditing(false))}
          send={async (d, draft) => {
            try {
              await request(EditObservationDocument, {
                id: o.id, revision: current.revision,
                input: { kind: d.kind as ObservationKind, body: d.body, proposedText: d.proposedText || null, submit: !draft && current.status === 'DRAFT' ? true : null },
              });
            } catch (e) {
              if (e instanceof ApiError && e.code === 'CONFLICT') {
                // Someone changed it since it was read: show their version, and
                // base the next submit on it, so that submitting again reapplies
                // this edit (kept in the draft) over theirs.
                const now = await request(MyObservationDocument, { id: o.id }).catch(() => null);
                if (now?.node?.__typename === 'Observation') {
                  setBase(now.node);
                  setTheirs(now.node);
                }
              }
              throw e;
            }
            setTheirs(null);
            changed(t('submitted'));
          }}
        />
      ) : (
        <>
          <p class="body">{o.body}</p>
          {o.proposedText && <blockquote>{o.proposedText}</blockquote>}
          <div class="answer">
            <strong>{t('answer')} :</strong> {o.response ? <span>{o.response} ({formatDate(o.respondedAt)})</span> : <span class="muted">{t('noAnswerYet')}</span>}
          </div>
          {error && <Problem error={error} />}
          {changeable && (
            <p class="actions">
              <button type="button" class="secondary" onClick={() => setEditing(true)}>{t('edit')}</button>{' '}
              <button type="button" class="danger" onClick={withdraw}>{t('withdraw')}</button>
            </p>
          )}
        </>
      )}
    </article>
  );
}

function ObservationForm(props: {
  formID: string; title: string; initial?: Draft; close: () => void; send: (d: Draft, draft: boolean) => Promise<void>;
}) {
  const { formID, title, close, send } = props;
  const [d, setD] = useState<Draft>(() => loadDraft(formID) ?? props.initial ?? { kind: 'COMMENT', body: '', proposedText: '', key: crypto.randomUUID() });
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const update = (patch: Partial<Draft>) => {
    const next = { ...d, ...patch };
    setD(next);
    saveDraft(formID, next);
  };
  async function go(draft: boolean) {
    setBusy(true);
    setError(null);
    try {
      await send(d, draft);
      dropDraft(formID);
      close();
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError('INTERNAL', String(e))); // the draft stays stored
    } finally {
      setBusy(false);
    }
  }
  const ids = { kind: `${formID}-kind`, body: `${formID}-body`, proposed: `${formID}-proposed` };
  return (
    <form class="observation-form" onSubmit={(e) => (e.preventDefault(), go(false))}>
      <fieldset>
        <legend>{title}</legend>
        <label for={ids.kind}>{t('kind')}</label>
        <select id={ids.kind} value={d.kind} onChange={(e) => update({ kind: e.currentTarget.value })}>
          {kinds.map((k) => <option key={k} value={k}>{enumLabel('kind', k)}</option>)}
        </select>
        <label for={ids.body}>{t('body')}</label>
        <textarea id={ids.body} required rows={4} value={d.body} onInput={(e) => update({ body: e.currentTarget.value })} />
        <label for={ids.proposed}>{t('proposedText')}</label>
        <textarea id={ids.proposed} rows={3} value={d.proposedText} onInput={(e) => update({ proposedText: e.currentTarget.value })} />
        <p class="muted small">{t('draftKept')}</p>
        {error && <Problem error={error} />}
        <p class="actions">
          <button type="submit" disabled={busy}>{t('submit')}</button>{' '}
          {!props.initial && <button type="button" class="secondary" disabled={busy} onClick={() => go(true)}>{t('saveDraft')}</button>}{' '}
          <button type="button" class="link" onClick={() => (dropDraft(formID), close())}>{t('cancel')}</button>
        </p>
      </fieldset>
    </form>
  );
}
