// A plan in pictures: mean progress by objective and by pillar, and a
// timeline of its items from planned start to due, today marked and overdue
// items hatched and written out. Every picture is also a table of its figures.
import { StrategyDetailDocument } from '../../../frontend-contract/generated/documents';
import { BarChart, Timeline } from '../charts/charts';
import { nodes, Pending, useQuery } from '../data';
import { enumLabel, formatNumber, t, useLang } from '../i18n';

const day = 24 * 60 * 60 * 1000;
// One date per page load, so that the pictures do not move between renders.
const today = Math.floor(Date.now() / day) * day;

const mean = (xs: number[]) => (xs.length ? Math.round(xs.reduce((a, b) => a + b, 0) / xs.length) : 0);

export function Pictures({ id }: { id: string }) {
  useLang();
  const q = useQuery(StrategyDetailDocument, { id, objectivesFirst: 50, itemsFirst: 50 });
  const s = q.data?.node?.__typename === 'Strategy' ? q.data.node : null;
  if (!s) return <section><h1 tabIndex={-1}>{t('picturesTitle')}</h1><Pending loaded={q} /></section>;
  const objectives = nodes(s.objectives);
  const items = objectives.flatMap((o) => nodes(o.actionItems).map((i) => ({ ...i, pillar: o.pillar })));
  const pillars = [...new Set(objectives.map((o) => o.pillar))];
  const live = items.filter((i) => i.status !== 'CANCELLED');
  const late = live.filter((i) => i.status !== 'COMPLETED' && i.dueDate && Date.parse(i.dueDate) < today);
  return (
    <section>
      <p class="crumbs"><a href={`/strategies/${s.id}`}>{s.title}</a></p>
      <h1 tabIndex={-1}>{t('picturesTitle')} — {s.title}</h1>
      <p>{t('picturesSummary', { items: formatNumber(live.length), late: formatNumber(late.length) })}</p>
      <p class="actions no-print">
        <button type="button" onClick={() => print()}>{t('print')}</button>
      </p>
      <h2>{t('progressByObjective')}</h2>
      <BarChart id="by-objective" caption={t('progressByObjective')} head={[t('target_OBJECTIVE'), t('meanProgress')]}
        bars={objectives.map((o) => {
          const value = mean(nodes(o.actionItems).filter((i) => i.status !== 'CANCELLED').map((i) => i.progress));
          return { key: o.id, label: <>{o.code} · {o.title}</>, value, figure: `${formatNumber(value)} %` };
        })} />
      <h2>{t('progressByPillar')}</h2>
      <BarChart id="by-pillar" caption={t('progressByPillar')} head={[t('pillar'), t('meanProgress')]}
        bars={pillars.map((p) => {
          const value = mean(live.filter((i) => i.pillar === p).map((i) => i.progress));
          return { key: p, label: enumLabel('pillar', p), value, figure: `${formatNumber(value)} %` };
        })} />
      <h2>{t('timelineTitle')}</h2>
      <p class="meta">{t('timelineHelp')}</p>
      <Timeline id="timeline" caption={t('timelineTitle')} today={today}
        spans={live.map((i) => ({ key: i.id, label: <><span class="code">{i.code}</span> {i.title}</>, start: i.startDate, due: i.dueDate, done: i.status === 'COMPLETED' }))} />
    </section>
  );
}
