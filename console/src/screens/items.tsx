// The items an agency leads, soonest due first, with their progress; the
// agency reports progress on each (an immutable, dated report that sets the
// item's progress and status). The form's text is kept as it is typed.
import { useState } from 'preact/hooks';
import {
  ActionPlanLedByAgencyDocument, FileProgressReportDocument, type ActionItemStatus, type ActionItemSummaryFragment,
} from '../../../frontend-contract/generated/documents';
import { ApiError, request } from '../api';
import { nodes, Pending, Problem, useQuery } from '../data';
import { dropDraft, loadDraft, saveDraft } from '../drafts';
import { enumLabel, formatDate, formatNumber, t, useLang } from '../i18n';
import { useViewer } from '../session';

const statuses: ActionItemStatus[] = ['NOT_STARTED', 'IN_PROGRESS', 'COMPLETED', 'DELAYED', 'CANCELLED'];

export function Items() {
  useLang();
  const { viewer } = useViewer();
  if (!viewer?.agency) return <p class="muted" aria-live="polite">{t('loading')}</p>;
  return <ItemsOf agency={viewer.agency} />;
}

function ItemsOf({ agency }: { agency: { id: string; acronym: string } }) {
  const q = useQuery(ActionPlanLedByAgencyDocument, { agencyID: agency.id, first: 100 });
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <section>
      <h1 tabIndex={-1}>{t('itemsTitle', { agency: agency.acronym })}</h1>
      <div aria-live="polite" class="ok">{notice}</div>
      {!q.data ? (
        <Pending loaded={q} />
      ) : nodes(q.data.actionItems).length === 0 ? (
        <p>{t('noItems')}</p>
      ) : (
        nodes(q.data.actionItems).map((i) => <Item key={i.id} item={i} reported={() => (setNotice(t('reported')), q.reload())} />)
      )}
    </section>
  );
}

interface Report {
  progress: number;
  status: ActionItemStatus;
  narrative: string;
  difficulties: string;
  nextSteps: string;
  key: string;
}

function Item({ item, reported }: { item: ActionItemSummaryFragment; reported: () => void }) {
  const formID = `report:${item.id}`;
  const [open, setOpen] = useState(() => loadDraft(formID) !== null);
  return (
    <article class="card item-card">
      <h2><span class="code">{item.code}</span> {item.title}</h2>
      <p class="meta">
        {item.strategy?.title ?? item.agreement?.title} · <span class={`badge i-${item.status}`}>{enumLabel('item', item.status)}</span> ·{' '}
        {t('due')} : {formatDate(item.dueDate)}
      </p>
      <p>
        <progress max={100} value={item.progress} aria-label={t('progressOf', { code: item.code, value: item.progress })} /> {formatNumber(item.progress)} %
      </p>
      {open ? (
        <ReportForm item={item} formID={formID} close={() => setOpen(false)} reported={reported} />
      ) : (
        <button type="button" class="secondary" onClick={() => setOpen(true)} aria-label={t('reportOn', { code: item.code })}>
          {t('reportOn', { code: item.code })}
        </button>
      )}
    </article>
  );
}

function ReportForm({ item, formID, close, reported }: { item: ActionItemSummaryFragment; formID: string; close: () => void; reported: () => void }) {
  const [r, setR] = useState<Report>(() => loadDraft<Report>(formID) ?? {
    progress: item.progress, status: item.status, narrative: '', difficulties: '', nextSteps: '', key: crypto.randomUUID(),
  });
  const [error, setError] = useState<ApiError | null>(null);
  const update = (patch: Partial<Report>) => {
    const next = { ...r, ...patch };
    setR(next);
    saveDraft(formID, next);
  };
  async function submit(e: Event) {
    e.preventDefault();
    setError(null);
    try {
      await request(FileProgressReportDocument, {
        input: {
          actionItemID: item.id, asOf: new Date().toISOString(), progress: r.progress, status: r.status, narrative: r.narrative,
          difficulties: r.difficulties || null, nextSteps: r.nextSteps || null, idempotencyKey: r.key,
        },
      });
      dropDraft(formID);
      close();
      reported();
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError('INTERNAL', String(err)));
    }
  }
  const id = (f: string) => `${item.id}-${f}`;
  return (
    <form onSubmit={submit}>
      <fieldset>
        <legend>{t('reportOn', { code: item.code })}</legend>
        <label for={id('progress')}>{t('progress')} (%)</label>
        <input id={id('progress')} type="number" min={0} max={100} step={1} required value={r.progress}
          onInput={(e) => update({ progress: Number(e.currentTarget.value) })} />
        <label for={id('status')}>{t('status')}</label>
        <select id={id('status')} value={r.status} onChange={(e) => update({ status: e.currentTarget.value as ActionItemStatus })}>
          {statuses.map((s) => <option key={s} value={s}>{enumLabel('item', s)}</option>)}
        </select>
        <label for={id('narrative')}>{t('narrative')}</label>
        <textarea id={id('narrative')} rows={3} required value={r.narrative} onInput={(e) => update({ narrative: e.currentTarget.value })} />
        <label for={id('difficulties')}>{t('difficulties')}</label>
        <textarea id={id('difficulties')} rows={2} value={r.difficulties} onInput={(e) => update({ difficulties: e.currentTarget.value })} />
        <label for={id('next')}>{t('nextSteps')}</label>
        <textarea id={id('next')} rows={2} value={r.nextSteps} onInput={(e) => update({ nextSteps: e.currentTarget.value })} />
        {error && <Problem error={error} />}
        <p class="actions">
          <button type="submit">{t('fileReport')}</button>{' '}
          <button type="button" class="link" onClick={() => (dropDraft(formID), close())}>{t('cancel')}</button>
        </p>
      </fieldset>
    </form>
  );
}
