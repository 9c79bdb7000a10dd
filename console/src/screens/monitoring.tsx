// Monitoring, read-only: the committees with their next meeting (overdue
// first) and the stale items; one committee with its members and meetings;
// one meeting with its agenda, attendance, minutes (and their SHA-256),
// decisions and follow-ups.
import {
  CommitteeDetailDocument, CommitteesDocument, MeetingDetailDocument, StaleItemsDocument,
} from '../../../frontend-contract/generated/documents';
import { nodes, Pending, useQuery } from '../data';
import { enumLabel, formatDate, formatDateTime, formatNumber, t, useLang } from '../i18n';

const day = 24 * 60 * 60 * 1000;
// One date per page load, so that the queries' variables do not change between renders.
const today = new Date(Math.floor(Date.now() / day) * day).toISOString();

const cadence = (every: number, unit: string) => t(unit === 'DAYS' ? 'everyDays' : 'everyMonths', { count: formatNumber(every) });

export function Monitoring() {
  useLang();
  const committees = useQuery(CommitteesDocument, { first: 50 });
  const stale = useQuery(StaleItemsDocument, { on: today, first: 50 });
  const list = nodes(committees.data?.committees).sort((a, b) =>
    Number(b.nextMeetingOverdue) - Number(a.nextMeetingOverdue) || Date.parse(a.nextMeetingDue) - Date.parse(b.nextMeetingDue));
  const items = nodes(stale.data?.actionItems);
  return (
    <section>
      <h1 tabIndex={-1}>{t('monitoringTitle')}</h1>
      <h2>{t('committees')}</h2>
      {!committees.data ? (
        <Pending loaded={committees} />
      ) : list.length === 0 ? (
        <p>{t('noCommittees')}</p>
      ) : (
        <ul class="cards">
          {list.map((c) => {
            const next = nodes(c.latestMeetings).filter((m) => m.status === 'SCHEDULED').sort((x, y) => Date.parse(x.scheduledAt) - Date.parse(y.scheduledAt))[0];
            const follows = c.agreement ?? c.strategy;
            return (
              <li key={c.id} class={c.nextMeetingOverdue ? 'card is-late' : 'card'}>
                <h3><a href={`/committees/${c.id}`}>{c.name}</a></h3>
                <p class="meta">
                  {enumLabel('committeeKind', c.kind)} · {cadence(c.meetingEvery, c.meetingEveryUnit)}
                  {follows && <> · {t('follows')} <a href={c.agreement ? `/agreements/${c.agreement.id}` : `/strategies/${follows.id}`}>{follows.title}</a></>}
                </p>
                <p>
                  {c.nextMeetingOverdue ? (
                    <strong class="late">{t('nextMeetingOverdue', { date: formatDate(c.nextMeetingDue) })}</strong>
                  ) : (
                    t('nextMeetingDue', { date: formatDate(c.nextMeetingDue) })
                  )}
                  {' · '}
                  {c.lastHeldMeeting ? t('lastHeld', { date: formatDate(c.lastHeldMeeting.scheduledAt) }) : t('neverMet')}
                  {next && <> · <a href={`/meetings/${next.id}`}>{t('nextScheduled', { date: formatDateTime(next.scheduledAt) })}</a></>}
                </p>
              </li>
            );
          })}
        </ul>
      )}
      <h2>{t('staleTitle')}</h2>
      <p class="meta">{t('staleHelp')}</p>
      {!stale.data ? (
        <Pending loaded={stale} />
      ) : items.length === 0 ? (
        <p>{t('noStale')}</p>
      ) : (
        <>
          <p>{t('staleCount', { count: formatNumber(stale.data.actionItems.totalCount), date: formatDate(today) })}</p>
          <div class="table-wrap" tabIndex={0} role="region" aria-label={t('staleTitle')}>
            <table>
              <thead>
                <tr><th scope="col">{t('target_ACTION_ITEM')}</th><th scope="col">{t('lead')}</th><th scope="col">{t('status')}</th><th scope="col">{t('lastReport')}</th><th scope="col">{t('due')}</th></tr>
              </thead>
              <tbody>
                {items.map((i) => (
                  <tr key={i.id}>
                    <th scope="row"><span class="code">{i.code}</span> {i.title}<br /><span class="meta small">{i.strategy?.title ?? i.agreement?.title}</span></th>
                    <td><abbr title={i.leadAgency?.name}>{i.leadAgency?.acronym}</abbr></td>
                    <td><span class={`badge i-${i.status}`}>{enumLabel('item', i.status)}</span> {formatNumber(i.progress)} %</td>
                    <td>{i.lastReportedAt ? formatDate(i.lastReportedAt) : t('never')}</td>
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

export function Committee({ id }: { id: string }) {
  useLang();
  const q = useQuery(CommitteeDetailDocument, { id, first: 50 });
  const c = q.data?.node && 'mandate' in q.data.node ? q.data.node : null;
  if (!c) return <section><h1 tabIndex={-1}>{t('committee')}</h1><Pending loaded={q} /></section>;
  const r = c.progressRollup;
  return (
    <section>
      <p class="crumbs"><a href="/monitoring">{t('monitoringTitle')}</a></p>
      <h1 tabIndex={-1}>{c.name}</h1>
      <p class="meta">
        {enumLabel('committeeKind', c.kind)} · {cadence(c.meetingEvery, c.meetingEveryUnit)}
        {c.agreement && <> · {t('follows')} <a href={`/agreements/${c.agreement.id}`}>{c.agreement.title}</a></>}
        {c.strategy && <> · {t('follows')} <a href={`/strategies/${c.strategy.id}`}>{c.strategy.title}</a></>}
      </p>
      <p>{c.mandate}</p>
      <p>
        {c.nextMeetingOverdue ? <strong class="late">{t('nextMeetingOverdue', { date: formatDate(c.nextMeetingDue) })}</strong> : t('nextMeetingDue', { date: formatDate(c.nextMeetingDue) })}
        {' · '}
        {c.lastHeldMeeting ? t('lastHeld', { date: formatDate(c.lastHeldMeeting.scheduledAt) }) : t('neverMet')}
      </p>
      <p>{t('rollup', { total: formatNumber(r.total), overdue: formatNumber(r.overdue), stale: formatNumber(r.stale), mean: r.meanProgress === null ? '—' : formatNumber(Math.round(r.meanProgress)) })}</p>
      <p class="actions no-print"><button type="button" onClick={() => print()}>{t('print')}</button></p>
      <h2>{t('members')}</h2>
      <ul>
        {(c.members ?? []).map((m) => (
          <li key={m.id}>{m.agency.name} ({m.agency.acronym}{m.agency.country && <>, {m.agency.country}</>}) — {enumLabel('member', m.role)}</li>
        ))}
      </ul>
      <h2>{t('meetings')}</h2>
      {c.meetings.totalCount === 0 ? (
        <p>{t('noMeetings')}</p>
      ) : (
        <div class="table-wrap" tabIndex={0} role="region" aria-label={t('meetings')}>
          <table>
            <thead><tr><th scope="col">{t('when')}</th><th scope="col">{t('status')}</th><th scope="col">{t('place')}</th><th scope="col">{t('minutes')}</th></tr></thead>
            <tbody>
              {nodes(c.meetings).map((m) => (
                <tr key={m.id}>
                  <th scope="row"><a href={`/meetings/${m.id}`}>{formatDateTime(m.scheduledAt)}</a></th>
                  <td><span class={`badge m-${m.status}`}>{enumLabel('meeting', m.status)}</span></td>
                  <td>{[m.place, m.online ? t('online') : ''].filter(Boolean).join(' · ') || '—'}</td>
                  <td>{m.approvedMinutes ? t('minutesApproved', { number: m.approvedMinutes.number }) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function Meeting({ id }: { id: string }) {
  useLang();
  const q = useQuery(MeetingDetailDocument, { id, on: today, first: 50 });
  const m = q.data?.node && 'agenda' in q.data.node ? q.data.node : null;
  if (!m) return <section><h1 tabIndex={-1}>{t('meeting')}</h1><Pending loaded={q} /></section>;
  const followUps = nodes(m.followUps);
  return (
    <section>
      <p class="crumbs"><a href={`/committees/${m.committee.id}`}>{m.committee.name}</a></p>
      <h1 tabIndex={-1}>{t('meetingOf', { date: formatDateTime(m.scheduledAt) })}</h1>
      <p class="meta">
        <span class={`badge m-${m.status}`}>{enumLabel('meeting', m.status)}</span>
        {m.place && <> · {m.place}</>}{m.online && <> · {t('online')}</>}
      </p>
      <p class="actions no-print"><button type="button" onClick={() => print()}>{t('print')}</button></p>
      <h2>{t('agenda')}</h2>
      {m.agenda ? <p class="pre">{m.agenda}</p> : <p class="muted">—</p>}
      <h2>{t('attendance')}</h2>
      {m.attendees && m.attendees.length > 0 ? (
        <ul>{m.attendees.map((a) => <li key={a.id}>{a.name} ({a.acronym})</li>)}</ul>
      ) : (
        <p class="muted">{t('noAttendance')}</p>
      )}
      <h2>{t('minutes')}</h2>
      {!m.minutes || m.minutes.length === 0 ? (
        <p class="muted">{t('noMinutes')}</p>
      ) : (
        m.minutes.map((mn) => (
          <article key={mn.id} class="target">
            <h3>{t('minutesVersion', { number: mn.number })} — <span class={`badge mn-${mn.status}`}>{enumLabel('minutesStatus', mn.status)}</span></h3>
            {mn.approvedAt && <p class="meta">{t('approvedOn', { date: formatDateTime(mn.approvedAt) })}</p>}
            {mn.sha256 && <p class="small">SHA-256 : <code class="hash">{mn.sha256}</code></p>}
            <p class="pre">{mn.text}</p>
          </article>
        ))
      )}
      <h2>{t('decisions')}</h2>
      {!m.decisions || m.decisions.length === 0 ? (
        <p class="muted">{t('noDecisions')}</p>
      ) : (
        <ul>
          {m.decisions.map((d) => (
            <li key={d.id}>
              <strong>{d.question}</strong> — <span class="badge">{enumLabel('decision', d.status)}</span>
              {d.outcome && <> : {d.outcome}</>}
              {d.decidedOn && <> ({formatDate(d.decidedOn)})</>}
            </li>
          ))}
        </ul>
      )}
      <h2>{t('followUps')}</h2>
      {followUps.length === 0 ? (
        <p class="muted">{t('noFollowUps')}</p>
      ) : (
        <div class="table-wrap" tabIndex={0} role="region" aria-label={t('followUps')}>
          <table>
            <thead><tr><th scope="col">{t('target_ACTION_ITEM')}</th><th scope="col">{t('lead')}</th><th scope="col">{t('status')}</th><th scope="col">{t('due')}</th></tr></thead>
            <tbody>
              {followUps.map((i) => (
                <tr key={i.id} class={i.overdue ? 'is-late' : undefined}>
                  <th scope="row"><span class="code">{i.code}</span> {i.title}</th>
                  <td><abbr title={i.leadAgency?.name}>{i.leadAgency?.acronym}</abbr></td>
                  <td><span class={`badge i-${i.status}`}>{enumLabel('item', i.status)}</span> {formatNumber(i.progress)} %</td>
                  <td>{formatDate(i.dueDate)}{i.overdue && <> — <strong class="late">{t('overdueShort')}</strong></>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
