// One agency's whole action plan, the items it leads or supports, soonest due
// first, filtered by status: the reviewer's view of what an agency carries.
import { useState } from 'preact/hooks';
import { ActionPlanByAgencyDocument, type ActionItemStatus } from '../../../frontend-contract/generated/documents';
import { nodes, Pending, useQuery } from '../data';
import { enumLabel, formatDate, formatNumber, t, useLang } from '../i18n';

const statuses: ActionItemStatus[] = ['NOT_STARTED', 'IN_PROGRESS', 'COMPLETED', 'DELAYED', 'CANCELLED'];

export function AgencyPlan({ id }: { id: string }) {
  useLang();
  const [status, setStatus] = useState<ActionItemStatus | ''>('');
  const q = useQuery(ActionPlanByAgencyDocument, { agencyID: id, first: 100, status: status ? [status] : null });
  const agency = q.data?.agency && 'acronym' in q.data.agency ? q.data.agency : null;
  return (
    <section>
      <h1 tabIndex={-1}>{t('agencyPlanTitle', { agency: agency ? `${agency.name} (${agency.acronym})` : '' })}</h1>
      <label for="status-filter">{t('status')}</label>
      <select id="status-filter" class="filter" value={status} onChange={(e) => setStatus(e.currentTarget.value as ActionItemStatus | '')}>
        <option value="">{t('allStatuses')}</option>
        {statuses.map((s) => <option key={s} value={s}>{enumLabel('item', s)}</option>)}
      </select>
      {!q.data ? (
        <Pending loaded={q} />
      ) : (
        <>
          <p aria-live="polite">{t('items', { count: formatNumber(q.data.actionItems.totalCount) })}</p>
          <div class="table-wrap" tabIndex={0} role="region" aria-label={t('actionPlan')}>
            <table>
              <thead>
                <tr><th scope="col">{t('target_ACTION_ITEM')}</th><th scope="col">{t('lead')}</th><th scope="col">{t('status')}</th><th scope="col">{t('progress')}</th><th scope="col">{t('due')}</th></tr>
              </thead>
              <tbody>
                {nodes(q.data.actionItems).map((i) => (
                  <tr key={i.id}>
                    <th scope="row"><span class="code">{i.code}</span> {i.title}<br /><span class="meta small">{i.strategy?.title ?? i.agreement?.title}</span></th>
                    <td><abbr title={i.leadAgency?.name}>{i.leadAgency?.acronym}</abbr></td>
                    <td><span class={`badge i-${i.status}`}>{enumLabel('item', i.status)}</span></td>
                    <td><progress max={100} value={i.progress} aria-label={t('progressOf', { code: i.code, value: i.progress })} /> {formatNumber(i.progress)} %</td>
                    <td>{formatDate(i.dueDate)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
