// The rounds a signed-in person deals with: for an agency, those it is
// invited to (its consultation inbox); for the secretariat and reviewers,
// every round, each a click from its response matrix.
import { useState } from 'preact/hooks';
import {
  CloseConsultationDocument, ConsolidateConsultationDocument, ConsultationInboxDocument, OpenConsultationDocument,
  type ConsultationStatus,
} from '../../../frontend-contract/generated/documents';
import { ApiError, request } from '../api';
import { nodes, Pending, Problem, useQuery } from '../data';
import { enumLabel, formatDate, t, useLang } from '../i18n';
import { useViewer } from '../session';

export function Rounds() {
  useLang();
  const { viewer } = useViewer();
  const q = useQuery(ConsultationInboxDocument, { first: 50, observationsFirst: 50 });
  const agency = viewer?.role === 'AGENCY';
  return (
    <section>
      <h1 tabIndex={-1}>{agency ? t('inboxTitle') : t('roundsTitle')}</h1>
      {!q.data ? (
        <Pending loaded={q} />
      ) : nodes(q.data.consultations).length === 0 ? (
        <p>{t('noRounds')}</p>
      ) : (
        <ul class="cards">
          {nodes(q.data.consultations).map((c) => (
            <li key={c.id} class="card">
              <h2>
                <a href={agency ? `/rounds/${c.id}` : `/rounds/${c.id}/matrix`} aria-label={agency ? t('openRound', { title: c.title }) : t('openMatrix', { title: c.title })}>
                  {c.title}
                </a>
              </h2>
              <p class="meta">
                <span class={`badge r-${c.status}`}>{enumLabel('round', c.status)}</span> {c.strategy.title} ·{' '}
                {t('version', { number: c.version.number, label: c.version.label })} · {t('closesAt', { date: formatDate(c.closesAt) })}
              </p>
              {agency && <p class="meta">{t('myObservations', { count: c.observations.totalCount })}</p>}
              {viewer?.role === 'SECRETARIAT' && <RoundMoves id={c.id} title={c.title} revision={c.revision} status={c.status} moved={q.reload} />}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

// The secretariat's move of a round from where it stands: open a planned one,
// close an open one, consolidate a closed one (refused, with the reason, while
// observations are unanswered).
const next: Partial<Record<ConsultationStatus, { label: 'openAction' | 'closeAction' | 'consolidateAction'; doc: typeof OpenConsultationDocument | typeof CloseConsultationDocument | typeof ConsolidateConsultationDocument }>> = {
  PLANNED: { label: 'openAction', doc: OpenConsultationDocument },
  OPEN: { label: 'closeAction', doc: CloseConsultationDocument },
  CLOSED: { label: 'consolidateAction', doc: ConsolidateConsultationDocument },
};

export function RoundMoves({ id, title, revision, status, moved }: { id: string; title: string; revision: number; status: ConsultationStatus; moved: () => void }) {
  const [error, setError] = useState<ApiError | null>(null);
  const move = next[status];
  if (!move) return null;
  async function go() {
    setError(null);
    try {
      await request(move!.doc as typeof CloseConsultationDocument, { id, revision });
      moved();
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError('INTERNAL', String(e)));
    }
  }
  return (
    <>
      {error && <Problem error={error} />}
      <button type="button" class="secondary" onClick={go} aria-label={t('roundMove', { action: t(move.label), title })}>{t(move.label)}</button>
    </>
  );
}
