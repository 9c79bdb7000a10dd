// The public landing page: the adopted strategies, each a click from its plan.
import { AdoptedStrategiesDocument } from '../../../frontend-contract/generated/documents';
import { nodes, Pending, useQuery } from '../data';
import { enumLabel, formatDate, t, useLang } from '../i18n';

export function Landing() {
  useLang();
  const q = useQuery(AdoptedStrategiesDocument, {});
  const list = nodes(q.data?.strategies);
  return (
    <section>
      <h1 tabIndex={-1}>{t('landingTitle')}</h1>
      <p class="lead">{t('landingIntro')}</p>
      {!q.data ? (
        <Pending loaded={q} />
      ) : list.length === 0 ? (
        <p>{t('noStrategies')}</p>
      ) : (
        <ul class="cards">
          {list.map((s) => (
            <li key={s.id} class="card">
              <h2>
                <a href={`/strategies/${s.id}`} aria-label={t('seePlan', { title: s.title })}>
                  {s.title}
                </a>
              </h2>
              <p class="meta">
                <span class={`badge s-${s.status}`}>{enumLabel('strategy', s.status)}</span>{' '}
                {t('period', { start: s.startYear, end: s.endYear })}
                {s.adoptedOn && <> · {t('adoptedOn', { date: formatDate(s.adoptedOn) })}</>}
              </p>
              {s.summary && <p>{s.summary}</p>}
              {s.implementingAgency && <p class="meta">{t('implementingAgency', { agency: s.implementingAgency.name })}</p>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
