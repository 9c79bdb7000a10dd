// A strategy's action plan: its objectives in order, each with its items,
// their status and progress, and the mean progress of each objective drawn
// as a bar. Printable, and downloadable as the server's CSV.
import { StrategyDetailDocument } from '../../../frontend-contract/generated/documents';
import { nodes, Pending, useQuery } from '../data';
import { navigate } from '../router';
import { useViewer } from '../session';
import { Lifecycle } from './lifecycle';
import { enumLabel, formatDate, formatNumber, t, useLang } from '../i18n';

export function Plan({ id }: { id: string }) {
  useLang();
  const q = useQuery(StrategyDetailDocument, { id, objectivesFirst: 50, itemsFirst: 50 });
  const { viewer } = useViewer();
  const canAudit = viewer?.role === 'SECRETARIAT' || viewer?.role === 'REVIEWER' || viewer?.role === 'ADMIN';
  const s = q.data?.node?.__typename === 'Strategy' ? q.data.node : null;
  if (!s) return <section><h1 tabIndex={-1}>{t('actionPlan')}</h1><Pending loaded={q} /></section>;
  const objectives = nodes(s.objectives);
  const mean = (xs: number[]) => (xs.length ? Math.round(xs.reduce((a, b) => a + b, 0) / xs.length) : 0);
  return (
    <section>
      <p class="crumbs"><a href="/">{t('home')}</a></p>
      <h1 tabIndex={-1}>{s.title}</h1>
      <p class="meta">
        <span class={`badge s-${s.status}`}>{enumLabel('strategy', s.status)}</span>{' '}
        {t('period', { start: s.startYear, end: s.endYear })}
        {s.adoptedOn && <> · {t('adoptedOn', { date: formatDate(s.adoptedOn) })}</>}
      </p>
      {s.summary && <p>{s.summary}</p>}
      <p class="actions no-print">
        <a class="button" href={`/strategies/${s.id}/action-plan.csv`} download>{t('downloadCsv')}</a>{' '}
        <button type="button" onClick={() => print()}>{t('print')}</button>{' '}
        <a class="button" href={`/strategies/${s.id}/pictures`} aria-label={t('picturesOf', { title: s.title })}>{t('pictures')}</a>
      </p>
      {viewer?.role === 'SECRETARIAT' && (
        <Lifecycle id={s.id} revision={s.revision} status={s.status} allowedMoves={s.allowedMoves} moved={q.reload} versions={nodes(s.versions)} />
      )}
      {viewer?.role === 'SECRETARIAT' && (
        <p class="actions no-print">
          <a class="button secondary" href={`/strategies/${s.id}/edit`}>{t('editPlan')}</a>
          <a class="button secondary" href={`/strategies/${s.id}/rounds`}>{t('planRound')}</a>
          <a class="button secondary" href={`/strategies/${s.id}/decisions`}>{t('decisions')}</a>
        </p>
      )}
      {s.versions.totalCount >= 2 && <CompareForm strategyID={s.id} versions={nodes(s.versions)} />}
      <h2>{t('meanProgress')}</h2>
      <ul class="bars">
        {objectives.map((o) => {
          const value = mean(nodes(o.actionItems).map((i) => i.progress));
          return (
            <li key={o.id}>
              <span class="bar-label">{o.code} · {enumLabel('pillar', o.pillar)}</span>
              <progress max={100} value={value} aria-label={t('progressOf', { code: o.code, value })} />
              <span class="bar-value">{formatNumber(value)} %</span>
            </li>
          );
        })}
      </ul>
      <h2>{t('actionPlan')}</h2>
      {objectives.map((o) => (
        <section key={o.id} class="objective">
          <h3>{o.code} — {o.title}</h3>
          <p class="meta">{enumLabel('pillar', o.pillar)} · {t('items', { count: o.actionItems.totalCount })}</p>
          <div class="table-wrap" tabIndex={0} role="region" aria-label={`${o.code} — ${t('actionPlan')}`}>
            <table>
              <thead>
                <tr><th scope="col">{t('target_ACTION_ITEM')}</th><th scope="col">{t('lead')}</th><th scope="col">{t('status')}</th><th scope="col">{t('progress')}</th><th scope="col">{t('due')}</th></tr>
              </thead>
              <tbody>
                {nodes(o.actionItems).map((i) => (
                  <tr key={i.id}>
                    <th scope="row">
                      <span class="code">{i.code}</span> {i.title}
                      {canAudit && <> · <a class="small no-print" href={`/history/${i.id}`} aria-label={t('historyOf', { code: i.code })}>{t('history')}</a></>}
                    </th>
                    <td>
                      {canAudit && i.leadAgency ? (
                        <a href={`/agencies/${i.leadAgency.id}`} aria-label={t('agencyPlanOf', { agency: i.leadAgency.acronym })}><abbr title={i.leadAgency.name}>{i.leadAgency.acronym}</abbr></a>
                      ) : (
                        <abbr title={i.leadAgency?.name}>{i.leadAgency?.acronym}</abbr>
                      )}
                    </td>
                    <td><span class={`badge i-${i.status}`}>{enumLabel('item', i.status)}</span></td>
                    <td><progress max={100} value={i.progress} aria-label={t('progressOf', { code: i.code, value: i.progress })} /> {formatNumber(i.progress)} %</td>
                    <td>{formatDate(i.dueDate)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </section>
  );
}

// CompareForm picks two published versions to compare (the latest two first).
function CompareForm({ strategyID, versions }: { strategyID: string; versions: { id: string; number: number; label: string }[] }) {
  const option = (v: { id: string; number: number; label: string }) => <option key={v.id} value={v.id}>{t('version', { number: v.number, label: v.label })}</option>;
  return (
    <form class="compare no-print" onSubmit={(e) => {
      e.preventDefault();
      const f = new FormData(e.currentTarget);
      navigate(`/strategies/${strategyID}/compare?from=${encodeURIComponent(String(f.get('from')))}&to=${encodeURIComponent(String(f.get('to')))}`);
    }}>
      <fieldset>
        <legend>{t('compareTitle')}</legend>
        <label for="compare-from">{t('fromVersion')}</label>
        <select id="compare-from" name="from" defaultValue={versions[1].id}>{versions.map(option)}</select>
        <label for="compare-to">{t('toVersion')}</label>
        <select id="compare-to" name="to" defaultValue={versions[0].id}>{versions.map(option)}</select>
        <button type="submit">{t('compare')}</button>
      </fieldset>
    </form>
  );
}
