// The reviewer's (and the secretariat's) overdue items: due before today and
// neither completed nor cancelled, most overdue first, with how late each is
// drawn as a bar, its progress and what its latest report says stands in the way.
import { OverdueItemsDocument } from '../../../frontend-contract/generated/documents';
import { nodes, Pending, useQuery } from '../data';
import { enumLabel, formatDate, formatNumber, t, useLang } from '../i18n';

const day = 24 * 60 * 60 * 1000;
// One date per page load, so that the query's variables do not change between renders.
const today = new Date(Math.floor(Date.now() / day) * day).toISOString();

export function Overdue() {
  useLang();
  const q = useQuery(OverdueItemsDocument, { on: today, first: 100 });
  const items = nodes(q.data?.actionItems);
  const late = (due: string | null | undefined) => (due ? Math.max(0, Math.round((Date.parse(today) - Date.parse(due)) / day)) : 0);
  const most = Math.max(1, ...items.map((i) => late(i.dueDate)));
  return (
    <section>
      <h1 tabIndex={-1}>{t('overdueTitle')}</h1>
      {!q.data ? (
        <Pending loaded={q} />
      ) : items.length === 0 ? (
        <p>{t('noOverdue')}</p>
      ) : (
        <>
          <p>{t('overdueCount', { count: formatNumber(q.data.actionItems.totalCount), date: formatDate(today) })}</p>
          <div class="table-wrap" tabIndex={0} role="region" aria-label={t('overdueTitle')}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('target_ACTION_ITEM')}</th><th scope="col">{t('lead')}</th><th scope="col">{t('due')}</th>
                  <th scope="col">{t('daysLate')}</th><th scope="col">{t('progress')}</th><th scope="col">{t('difficultiesShort')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((i) => {
                  const report = nodes(i.progressReports)[0];
                  return (
                    <tr key={i.id}>
                      <th scope="row"><span class="code">{i.code}</span> {i.title}<br /><span class="meta small">{i.strategy?.title ?? i.agreement?.title}</span></th>
                      <td><abbr title={i.leadAgency?.name}>{i.leadAgency?.acronym}</abbr></td>
                      <td>{formatDate(i.dueDate)}</td>
                      <td class="late">
                        <span class="hbar late-bar" style={{ width: `${(late(i.dueDate) / most) * 100}%` }} aria-hidden="true" />
                        {t('days', { count: formatNumber(late(i.dueDate)) })}
                      </td>
                      <td>
                        <progress max={100} value={i.progress} aria-label={t('progressOf', { code: i.code, value: i.progress })} /> {formatNumber(i.progress)} %
                        <br /><span class={`badge i-${i.status}`}>{enumLabel('item', i.status)}</span>
                      </td>
                      <td>{report?.difficulties ?? <span class="muted">—</span>}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
