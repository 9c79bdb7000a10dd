// Cooperation agreements, read-only: the list the caller may read, and one
// agreement with its parties, its committees, and its commitments with the
// items that carry each out. Printable, and downloadable as the server's CSV.
import { AgreementDetailDocument, AgreementsDocument } from '../../../frontend-contract/generated/documents';
import { nodes, Pending, useQuery } from '../data';
import { enumLabel, formatDate, formatNumber, t, useLang } from '../i18n';

export function Agreements() {
  useLang();
  const q = useQuery(AgreementsDocument, { first: 50 });
  const list = nodes(q.data?.agreements);
  return (
    <section>
      <h1 tabIndex={-1}>{t('agreementsTitle')}</h1>
      {!q.data ? (
        <Pending loaded={q} />
      ) : list.length === 0 ? (
        <p>{t('noAgreements')}</p>
      ) : (
        <ul class="cards">
          {list.map((a) => (
            <li key={a.id} class="card">
              <h2><a href={`/agreements/${a.id}`}>{a.title}</a></h2>
              <p class="meta">
                <span class={`badge a-${a.status}`}>{enumLabel('agreement', a.status)}</span> {enumLabel('agreementKind', a.kind)}
                {a.reference && <> · {a.reference}</>}
                {a.signedOn && <> · {t('signedOn', { date: formatDate(a.signedOn) })}</>}
                {a.confidential && <> · <strong>{t('confidential')}</strong></>}
              </p>
              {a.domains && a.domains.length > 0 && <p class="meta small">{a.domains.map((d) => d.name).join(' · ')}</p>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function Agreement({ id }: { id: string }) {
  useLang();
  const q = useQuery(AgreementDetailDocument, { id, first: 50 });
  const a = q.data?.node && 'commitments' in q.data.node ? q.data.node : null;
  if (!a) return <section><h1 tabIndex={-1}>{t('agreementsTitle')}</h1><Pending loaded={q} /></section>;
  const r = a.progressRollup;
  return (
    <section>
      <p class="crumbs"><a href="/agreements">{t('agreementsTitle')}</a></p>
      <h1 tabIndex={-1}>{a.title}</h1>
      <p class="meta">
        <span class={`badge a-${a.status}`}>{enumLabel('agreement', a.status)}</span> {enumLabel('agreementKind', a.kind)}
        {a.reference && <> · {a.reference}</>}
        {a.confidential && <> · <strong>{t('confidential')}</strong></>}
      </p>
      <dl class="facts">
        {a.signedOn && <div><dt>{t('signed')}</dt><dd>{formatDate(a.signedOn)}{a.signingPlace && <>, {a.signingPlace}</>}</dd></div>}
        {a.entryIntoForceOn && <div><dt>{t('inForceFrom')}</dt><dd>{formatDate(a.entryIntoForceOn)}</dd></div>}
        {a.endsOn && <div><dt>{t('endsOn')}</dt><dd>{formatDate(a.endsOn)}{a.tacitRenewal && <> ({t('tacitRenewal')})</>}</dd></div>}
        {a.reportingCadenceDays && <div><dt>{t('reportingCadence')}</dt><dd>{t('everyDays', { count: formatNumber(a.reportingCadenceDays) })}</dd></div>}
        {a.domains && a.domains.length > 0 && <div><dt>{t('domains')}</dt><dd>{a.domains.map((d) => d.name).join(' · ')}</dd></div>}
      </dl>
      {a.summary && <p>{a.summary}</p>}
      <p class="actions no-print">
        <a class="button" href={`/agreements/${a.id}/action-plan.csv`} download>{t('downloadCsv')}</a>{' '}
        <button type="button" onClick={() => print()}>{t('print')}</button>
      </p>
      <p>{t('rollup', { total: formatNumber(r.total), overdue: formatNumber(r.overdue), stale: formatNumber(r.stale), mean: r.meanProgress === null ? '—' : formatNumber(Math.round(r.meanProgress)) })}</p>

      <h2>{t('parties')}</h2>
      <div class="table-wrap" tabIndex={0} role="region" aria-label={t('parties')}>
        <table>
          <thead><tr><th scope="col">{t('agency')}</th><th scope="col">{t('partyRole')}</th><th scope="col">{t('signatory')}</th></tr></thead>
          <tbody>
            {(a.parties ?? []).map((p) => (
              <tr key={p.id}>
                <th scope="row">{p.agency.name} ({p.agency.acronym}){p.agency.country && <>, {p.agency.country}</>}</th>
                <td>{enumLabel('party', p.role)}</td>
                <td>{[p.signatoryName, p.signatoryTitle].filter(Boolean).join(', ') || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {a.committees && a.committees.length > 0 && (
        <>
          <h2>{t('committees')}</h2>
          <ul>
            {a.committees.map((c) => (
              <li key={c.id}>
                <a href={`/committees/${c.id}`}>{c.name}</a> · {enumLabel('committeeKind', c.kind)}
                {c.nextMeetingOverdue && <> · <strong class="late">{t('meetingOverdue')}</strong></>}
              </li>
            ))}
          </ul>
        </>
      )}

      <h2>{t('commitments')}</h2>
      {nodes(a.commitments).map((c) => (
        <section key={c.id} class="objective">
          <h3>{c.code} — {c.title}</h3>
          <p class="meta">
            {enumLabel('commitmentKind', c.kind)}
            {c.dueDate && <> · {t('dueOn', { date: formatDate(c.dueDate) })}</>}
            {c.responsibleParties && c.responsibleParties.length > 0 && <> · {t('responsible', { agencies: c.responsibleParties.map((p) => p.acronym).join(', ') })}</>}
          </p>
          {c.implementedBy && c.implementedBy.length > 0 && (
            <p class="small">{t('implementedBy')} {c.implementedBy.map((i, n) => (
              <span key={i.id}>{n > 0 && ', '}{i.strategy ? <a href={`/strategies/${i.strategy.id}`}>{i.code}</a> : i.code} {i.title}</span>
            ))}</p>
          )}
          {c.actionItems.totalCount > 0 && (
            <div class="table-wrap" tabIndex={0} role="region" aria-label={`${c.code} — ${t('actionPlan')}`}>
              <table>
                <thead>
                  <tr><th scope="col">{t('target_ACTION_ITEM')}</th><th scope="col">{t('lead')}</th><th scope="col">{t('status')}</th><th scope="col">{t('progress')}</th><th scope="col">{t('due')}</th></tr>
                </thead>
                <tbody>
                  {nodes(c.actionItems).map((i) => (
                    <tr key={i.id}>
                      <th scope="row"><span class="code">{i.code}</span> {i.title}</th>
                      <td><abbr title={i.leadAgency?.name}>{i.leadAgency?.acronym}</abbr></td>
                      <td><span class={`badge i-${i.status}`}>{enumLabel('item', i.status)}</span>{i.overdue && <> <strong class="late">{t('overdueShort')}</strong></>}</td>
                      <td><progress max={100} value={i.progress} aria-label={t('progressOf', { code: i.code, value: i.progress })} /> {formatNumber(i.progress)} %</td>
                      <td>{formatDate(i.dueDate)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ))}
    </section>
  );
}
