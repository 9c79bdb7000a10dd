// The console's pictures, hand-written in SVG: bars, stacked bars and a
// timeline. Each row is an HTML grid (label, picture, figure) so that labels
// stack above their picture on a phone, and each chart ends with a table of
// its figures, which screen readers read instead of the drawing (the SVG is
// hidden from them) and which prints. No chart library: those draw on canvas
// (an image to a screen reader and a printer) or need React and d3.
import type { ComponentChildren } from 'preact';
import { formatDate, formatNumber, t } from '../i18n';

/** A bar's row: what it is, a value out of max, and the figure written beside it. */
export interface Bar {
  key: string;
  label: ComponentChildren;
  value: number;
  figure: string;
}

/** Figures is the table a chart is read as: visually hidden on screen, printed. */
function Figures({ caption, head, rows }: { caption: string; head: string[]; rows: { key: string; cells: ComponentChildren[] }[] }) {
  return (
    <div class="figures">
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>{head.map((h, i) => <th key={i} scope="col">{h}</th>)}</tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <th scope="row">{r.cells[0]}</th>
            {r.cells.slice(1).map((c, i) => <td key={i}>{c}</td>)}
          </tr>
        ))}
      </tbody>
    </table>
    </div>
  );
}

/** Horizontal bars out of max (100 for percentages). */
export function BarChart({ caption, head, bars, max = 100, id }: { caption: string; head: [string, string]; bars: Bar[]; max?: number; id: string }) {
  return (
    <figure class="chart" aria-labelledby={`${id}-c`}>
      <figcaption id={`${id}-c`}>{caption}</figcaption>
      <ul class="chart-rows" aria-hidden="true">
        {bars.map((b) => (
          <li key={b.key}>
            <span class="chart-label">{b.label}</span>
            <svg class="chart-bar" width="100%" height="16" focusable="false">
              <rect class="track" x="0" y="2" width="100%" height="12" rx="2" />
              <rect class="fill" x="0" y="2" width={`${Math.max(0, Math.min(1, b.value / Math.max(1, max))) * 100}%`} height="12" rx="2" />
            </svg>
            <span class="chart-figure">{b.figure}</span>
          </li>
        ))}
      </ul>
      <Figures caption={caption} head={head} rows={bars.map((b) => ({ key: b.key, cells: [b.label, b.figure] }))} />
    </figure>
  );
}

/** One stacked bar's row: a label and a count per series. */
export interface Stack {
  key: string;
  label: ComponentChildren;
  counts: number[];
}

/** Stacked horizontal bars: one row per stack, a segment per series, a legend. */
export function StackedChart({ caption, rowHead, series, stacks, id }: {
  caption: string; rowHead: string; series: { key: string; label: string }[]; stacks: Stack[]; id: string;
}) {
  const most = Math.max(1, ...stacks.map((s) => s.counts.reduce((a, b) => a + b, 0)));
  return (
    <figure class="chart" aria-labelledby={`${id}-c`}>
      <figcaption id={`${id}-c`}>{caption}</figcaption>
      <ul class="legend" aria-hidden="true">
        {series.map((s) => (
          <li key={s.key}><svg width="14" height="14" focusable="false"><rect class={`seg seg-${s.key}`} width="14" height="14" /></svg> {s.label}</li>
        ))}
      </ul>
      <ul class="chart-rows" aria-hidden="true">
        {stacks.map((st) => {
          let x = 0;
          const total = st.counts.reduce((a, b) => a + b, 0);
          return (
            <li key={st.key}>
              <span class="chart-label">{st.label}</span>
              <svg class="chart-bar" width="100%" height="16" focusable="false">
                {st.counts.map((n, i) => {
                  const w = (n / most) * 100;
                  const r = <rect key={i} class={`seg seg-${series[i].key}`} x={`${x}%`} y="2" width={`${w}%`} height="12" />;
                  x += w;
                  return n > 0 ? r : null;
                })}
              </svg>
              <span class="chart-figure">{formatNumber(total)}</span>
            </li>
          );
        })}
      </ul>
      <Figures caption={caption} head={[rowHead, ...series.map((s) => s.label), t('chartTotal')]}
        rows={stacks.map((st) => ({ key: st.key, cells: [st.label, ...st.counts.map(formatNumber), formatNumber(st.counts.reduce((a, b) => a + b, 0))] }))} />
    </figure>
  );
}

/** A timeline's row: from start (or due alone) to due; overdue when not done by due. */
export interface Span {
  key: string;
  label: ComponentChildren;
  start: string | null | undefined;
  due: string | null | undefined;
  done: boolean;
}

const day = 24 * 60 * 60 * 1000;

/** Days between two instants, counted in whole days. */
export const daysBetween = (from: number, to: number) => Math.round((to - from) / day);

/**
 * A timeline of spans from planned start to due, with today marked; the part
 * of an unfinished span past its due date is hatched and written out.
 */
export function Timeline({ caption, spans, today, id }: { caption: string; spans: Span[]; today: number; id: string }) {
  const times = spans.flatMap((s) => [s.start, s.due].filter((d): d is string => !!d).map((d) => Date.parse(d)));
  const from = Math.min(today, ...times);
  const to = Math.max(today, ...times) + day;
  const at = (ms: number) => ((ms - from) / (to - from)) * 100;
  const years: number[] = [];
  for (let y = new Date(from).getUTCFullYear() + 1; Date.UTC(y, 0, 1) < to; y++) years.push(y);
  const late = (s: Span) => (!s.done && s.due && Date.parse(s.due) < today ? daysBetween(Date.parse(s.due), today) : 0);
  const when = (s: Span) => {
    const range = s.start ? t('fromTo', { start: formatDate(s.start), end: formatDate(s.due) }) : s.due ? t('dueOn', { date: formatDate(s.due) }) : t('noDates');
    const n = late(s);
    return n > 0 ? `${range} — ${t('lateBy', { count: formatNumber(n) })}` : range;
  };
  return (
    <figure class="chart timeline" aria-labelledby={`${id}-c`}>
      <figcaption id={`${id}-c`}>{caption}</figcaption>
      <svg width="0" height="0" class="defs" aria-hidden="true" focusable="false">
        <defs>
          <pattern id={`${id}-hatch`} patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">
            <rect width="6" height="6" class="hatch-bg" />
            <rect width="3" height="6" class="hatch-line" />
          </pattern>
        </defs>
      </svg>
      <ul class="chart-rows" aria-hidden="true">
        <li class="axis">
          <span class="chart-label" />
          <svg class="chart-bar" width="100%" height="20" focusable="false">
            {years.map((y) => (
              <g key={y}>
                <line x1={`${at(Date.UTC(y, 0, 1))}%`} x2={`${at(Date.UTC(y, 0, 1))}%`} y1="12" y2="20" class="tick" />
                <text x={`${at(Date.UTC(y, 0, 1))}%`} y="10" class="tick-label" text-anchor="middle">{y}</text>
              </g>
            ))}
          </svg>
          <span class="chart-figure">{t('todayIs', { date: formatDate(new Date(today).toISOString()) })}</span>
        </li>
        {spans.map((s) => {
          const dueMs = s.due ? Date.parse(s.due) : null;
          const startMs = s.start ? Date.parse(s.start) : dueMs;
          const n = late(s);
          return (
            <li key={s.key} class={n > 0 ? 'is-late' : undefined}>
              <span class="chart-label">{s.label}</span>
              <svg class="chart-bar" width="100%" height="16" focusable="false">
                {startMs !== null && dueMs !== null && (
                  <rect class={s.done ? 'span done' : 'span'} x={`${at(startMs)}%`} y="3" width={`${Math.max(0.4, at(dueMs + day) - at(startMs))}%`} height="10" rx="2" />
                )}
                {n > 0 && dueMs !== null && (
                  <rect class="overdue" x={`${at(dueMs + day)}%`} y="3" width={`${at(today) - at(dueMs + day)}%`} height="10" fill={`url(#${id}-hatch)`} />
                )}
                <line class="today" x1={`${at(today)}%`} x2={`${at(today)}%`} y1="0" y2="16" />
              </svg>
              <span class={n > 0 ? 'chart-figure late' : 'chart-figure'}>{when(s)}</span>
            </li>
          );
        })}
      </ul>
      <Figures caption={caption} head={[t('target_ACTION_ITEM'), t('plannedStart'), t('due'), t('daysLate')]}
        rows={spans.map((s) => ({
          key: s.key,
          cells: [s.label, s.start ? formatDate(s.start) : '—', s.due ? formatDate(s.due) : '—', late(s) > 0 ? t('lateBy', { count: formatNumber(late(s)) }) : '—'],
        }))} />
    </figure>
  );
}
