// The rounds a signed-in person deals with: for an agency, those it is
// invited to (its consultation inbox); for the secretariat and reviewers,
// every round, each a click from its response matrix.
import { ConsultationInboxDocument } from '../../../frontend-contract/generated/documents';
import { nodes, Pending, useQuery } from '../data';
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
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
