// Every strategy the signed-in person may read, whatever its state: the
// secretariat's and reviewers' way to a plan that is not adopted yet.
import { StrategiesDocument } from '../../../frontend-contract/generated/documents';
import { nodes, Pending, useQuery } from '../data';
import { enumLabel, t, useLang } from '../i18n';

export function Strategies() {
  useLang();
  const q = useQuery(StrategiesDocument, {});
  return (
    <section>
      <h1 tabIndex={-1}>{t('strategiesTitle')}</h1>
      {!q.data ? (
        <Pending loaded={q} />
      ) : (
        <ul class="cards">
          {nodes(q.data.strategies).map((s) => (
            <li key={s.id} class="card">
              <h2><a href={`/strategies/${s.id}`}>{s.title}</a></h2>
              <p class="meta">
                <span class={`badge s-${s.status}`}>{enumLabel('strategy', s.status)}</span> {t('period', { start: s.startYear, end: s.endYear })}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
