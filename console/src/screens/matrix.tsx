// A round's response matrix: every observation grouped by what it concerns,
// in the order of the text, with its answer; the secretariat answers in
// place. Counts by agency drawn as bars; printable; downloadable as CSV.
import { useState } from 'preact/hooks';
import {
  AnswerObservationDocument, ResponseMatrixDocument, type Disposition, type ObservationFieldsFragment,
} from '../../../frontend-contract/generated/documents';
import { ApiError, request } from '../api';
import { Pending, Problem, useQuery } from '../data';
import { enumLabel, formatDate, formatNumber, t, useLang } from '../i18n';
import { useViewer } from '../session';
import { StackedChart } from '../charts/charts';

const dispositions: Disposition[] = ['ACCEPTED', 'PARTIALLY_ACCEPTED', 'REJECTED', 'OUT_OF_SCOPE'];

export function Matrix({ id }: { id: string }) {
  useLang();
  const { viewer } = useViewer();
  const q = useQuery(ResponseMatrixDocument, { consultationID: id });
  const [notice, setNotice] = useState<string | null>(null);
  const round = q.data?.node?.__typename === 'Consultation' ? q.data.node : null;
  if (!round) return <section><h1 tabIndex={-1}>{t('matrixTitle')}</h1><Pending loaded={q} /></section>;
  const m = round.responseMatrix;
  const answering = viewer?.role === 'SECRETARIAT';
  return (
    <section>
      <p class="crumbs"><a href="/rounds">{t('rounds')}</a></p>
      <h1 tabIndex={-1}>{t('matrixTitle')} — {round.title}</h1>
      <p class="meta">
        <span class={`badge r-${round.status}`}>{enumLabel('round', round.status)}</span> {round.strategy.title} ·{' '}
        {t('version', { number: round.version.number, label: round.version.label })}
      </p>
      <p>{t('total', { total: formatNumber(m.total), unanswered: formatNumber(m.unanswered) })}</p>
      <p class="actions no-print">
        <a class="button" href={`/consultations/${round.id}/response-matrix.csv`} download>{t('downloadCsv')}</a>{' '}
        <button type="button" onClick={() => print()}>{t('print')}</button>
      </p>
      <h2>{t('byAgency')}</h2>
      <AgencyDispositions groups={m.groups} agencies={m.byAgency.map((a) => a.agency)} />
      <h2>{t('byDisposition')}</h2>
      <ul class="bars">
        {m.byStatus.filter((b) => b.count > 0).map((b) => (
          <li key={b.status}>
            <span class="bar-label">{enumLabel('obs', b.status)}</span>
            <span class={`hbar o-${b.status}`} style={{ width: `${(b.count / Math.max(1, m.total)) * 100}%` }} aria-hidden="true" />
            <span class="bar-value">{formatNumber(b.count)}</span>
          </li>
        ))}
      </ul>
      <div aria-live="polite" class="ok">{notice}</div>
      {m.groups.map((g) => (
        <section key={`${g.targetKind}:${g.targetID ?? ''}`} class="target">
          <h2>{g.targetCode ? `${g.targetCode} — ` : ''}{g.targetTitle ?? t('wholeStrategy')}</h2>
          {g.observations.map((o) => (
            <Row key={o.id} o={o} answering={answering && o.status === 'SUBMITTED'} answered={() => (setNotice(t('answered')), q.reload())} />
          ))}
        </section>
      ))}
    </section>
  );
}

function Row({ o, answering, answered }: { o: ObservationFieldsFragment; answering: boolean; answered: () => void }) {
  const [disposition, setDisposition] = useState<Disposition>('ACCEPTED');
  const [response, setResponse] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const idp = `answer-${o.id}`;
  async function answer(e: Event) {
    e.preventDefault();
    setError(null);
    try {
      await request(AnswerObservationDocument, { input: { observationID: o.id, revision: o.revision, disposition, response: response || null } });
      answered();
    } catch (err) {
      setError(err as ApiError);
    }
  }
  return (
    <article class={`observation o-${o.status}`}>
      <p class="meta">
        <strong>{o.agency.acronym}</strong> · {enumLabel('kind', o.kind)} · <span class={`badge o-${o.status}`}>{enumLabel('obs', o.status)}</span>
        {o.submittedAt && <> · {formatDate(o.submittedAt)}</>}
      </p>
      <p class="body">{o.body}</p>
      {o.proposedText && <blockquote>{o.proposedText}</blockquote>}
      {o.response && <div class="answer"><strong>{t('answer')} :</strong> {o.response}</div>}
      {answering && (
        <form class="answer-form no-print" onSubmit={answer}>
          <fieldset>
            <legend>{t('answerAction')} — {o.agency.acronym}</legend>
            <label for={`${idp}-d`}>{t('disposition')}</label>
            <select id={`${idp}-d`} value={disposition} onChange={(e) => setDisposition(e.currentTarget.value as Disposition)}>
              {dispositions.map((d) => <option key={d} value={d}>{enumLabel('obs', d)}</option>)}
            </select>
            <label for={`${idp}-r`}>{t('reason')}</label>
            <textarea id={`${idp}-r`} rows={3} value={response} onInput={(e) => setResponse(e.currentTarget.value)} />
            {error && <Problem error={error} />}
            <button type="submit">{t('answerAction')}</button>
          </fieldset>
        </form>
      )}
    </article>
  );
}

// The observations of each agency by what became of them: a stacked bar per
// agency, a segment per disposition (unanswered and withdrawn included).
const counted = ['ACCEPTED', 'PARTIALLY_ACCEPTED', 'REJECTED', 'OUT_OF_SCOPE', 'SUBMITTED', 'WITHDRAWN'] as const;

function AgencyDispositions({ groups, agencies }: {
  groups: { observations: ObservationFieldsFragment[] }[]; agencies: { id: string; acronym: string; name: string }[];
}) {
  const all = groups.flatMap((g) => g.observations);
  const series = counted.filter((st) => st !== 'WITHDRAWN' || all.some((o) => o.status === st));
  return (
    <StackedChart id="agency-dispositions" caption={t('byAgencyAndDisposition')} rowHead={t('agency')}
      series={series.map((st) => ({ key: st, label: st === 'SUBMITTED' ? t('unanswered') : enumLabel('obs', st) }))}
      stacks={agencies.map((a) => ({
        key: a.id,
        label: <abbr title={a.name}>{a.acronym}</abbr>,
        counts: series.map((st) => all.filter((o) => o.agency.id === a.id && o.status === st).length),
      }))} />
  );
}
