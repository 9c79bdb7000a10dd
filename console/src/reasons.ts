// The params of a refusal's reason as a sentence says them: dates and times in
// the user's locale, states by their label.
import { enumLabel, formatDate } from './i18n';

const day = /^\d{4}-\d{2}-\d{2}$/;
const instant = /^\d{4}-\d{2}-\d{2}T/;

/** The params of a reason, ready for its why_<REASON> sentence. */
export function reasonParams(reason: string, params: Record<string, string>): Record<string, string> {
  const states = reason === 'ILLEGAL_MOVE' || reason === 'LIFECYCLE_ENDED' ? 'strategy'
    : reason.startsWith('OBSERVATION_') ? 'obs'
    : 'round';
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) {
    if (instant.test(v)) out[k] = formatDateTime(v);
    else if (day.test(v)) out[k] = formatDate(`${v}T00:00:00Z`);
    else if (k === 'from' || k === 'to' || k === 'allowed' || k === 'status') out[k] = v.split(', ').map((s) => enumLabel(states, s)).join(', ');
    else if (k === 'disposition') out[k] = enumLabel('obs', v);
    else if (k === 'kind') out[k] = enumLabel('target', v);
    else out[k] = v;
  }
  return out;
}

function formatDateTime(iso: string): string {
  return new Intl.DateTimeFormat(document.documentElement.lang === 'en' ? 'en-GB' : 'fr-FR', { dateStyle: 'long', timeStyle: 'short' }).format(new Date(iso));
}
