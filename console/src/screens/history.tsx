// The audit trail of one record (an action item, say), oldest first: who
// changed what and when, each event chained to the previous one by hash.
import { AuditTrailDocument } from '../../../frontend-contract/generated/documents';
import { nodes, Pending, useQuery } from '../data';
import { enumLabel, t, useLang } from '../i18n';

export function History({ id }: { id: string }) {
  useLang();
  const q = useQuery(AuditTrailDocument, { entityID: id, first: 100 });
  const events = nodes(q.data?.auditTrail);
  const when = (iso: string) => new Intl.DateTimeFormat(document.documentElement.lang, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
  return (
    <section>
      <p class="crumbs"><button type="button" class="link" onClick={() => history.back()}>{t('back')}</button></p>
      <h1 tabIndex={-1}>{t('historyTitle')}</h1>
      {!q.data ? (
        <Pending loaded={q} />
      ) : (
        <ol class="trail">
          {events.map((e) => (
            <li key={e.id}>
              <p class="meta">
                <strong>{when(e.at)}</strong> · {e.actor ? `${e.actor.name} (${enumLabel('role', e.actor.role)})` : t('system')} · {enumLabel('op', e.operation)}
              </p>
              <Changes json={e.changes} />
              <p class="small muted hash"><abbr title="SHA-256">#</abbr> {e.hash.slice(0, 16)}…</p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

// Changes come as JSON: { field: { before, after } } or { field: value }.
function Changes({ json }: { json: unknown }) {
  let value: unknown = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json);
    } catch {
      return <p>{json}</p>;
    }
  }
  if (!value || typeof value !== 'object') return null;
  const text = (v: unknown) => (v == null ? '—' : typeof v === 'string' ? v : JSON.stringify(v));
  return (
    <dl class="changes">
      {Object.entries(value as Record<string, unknown>).map(([field, v]) => {
        const pair = v && typeof v === 'object' && ('before' in v || 'after' in v) ? (v as { before?: unknown; after?: unknown }) : null;
        return (
          <div key={field}>
            <dt>{field}</dt>
            <dd>{pair ? <><del>{text(pair.before)}</del> → <ins>{text(pair.after)}</ins></> : text(v)}</dd>
          </div>
        );
      })}
    </dl>
  );
}
