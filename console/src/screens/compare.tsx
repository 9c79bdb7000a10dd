// Two published versions of a strategy side by side: what changed in the
// strategy itself, and which objectives and items were added, removed or
// changed, field by field (before | after).
import { VersionComparisonDocument, type FieldChangeFieldsFragment, type EntityChangesFieldsFragment } from '../../../frontend-contract/generated/documents';
import { Pending, useQuery } from '../data';
import { t, useLang } from '../i18n';

export function Compare({ strategyID }: { strategyID: string }) {
  useLang();
  const params = new URLSearchParams(location.search);
  const q = useQuery(VersionComparisonDocument, { from: params.get('from') ?? '', to: params.get('to') ?? '' });
  const c = q.data?.compareVersions;
  return (
    <section>
      <p class="crumbs"><a href={`/strategies/${strategyID}`}>{t('actionPlan')}</a></p>
      <h1 tabIndex={-1}>{t('compareTitle')}</h1>
      {!c ? (
        <Pending loaded={q} />
      ) : (
        <>
          <p class="meta">
            {t('version', { number: c.from.number, label: c.from.label })} → {t('version', { number: c.to.number, label: c.to.label })}
          </p>
          <h2>{t('wholeStrategy')}</h2>
          <Fields fields={c.strategy} />
          <Entities title={t('objectives')} changes={c.objectives} />
          <Entities title={t('actionPlan')} changes={c.actionItems} />
        </>
      )}
    </section>
  );
}

function Entities({ title, changes }: { title: string; changes: EntityChangesFieldsFragment }) {
  return (
    <>
      <h2>{title}</h2>
      {changes.added.length + changes.removed.length + changes.changed.length === 0 && <p class="muted">{t('noChange')}</p>}
      {changes.added.length > 0 && (
        <p><strong>{t('added')} :</strong> {changes.added.map((e) => `${e.code} ${e.title}`).join(' ; ')}</p>
      )}
      {changes.removed.length > 0 && (
        <p><strong>{t('removed')} :</strong> {changes.removed.map((e) => `${e.code} ${e.title}`).join(' ; ')}</p>
      )}
      {changes.changed.map((e) => (
        <section key={e.id}>
          <h3><span class="code">{e.code}</span> {e.title}</h3>
          <Fields fields={e.fields} />
        </section>
      ))}
    </>
  );
}

// Values come as JSON text: strings are shown as text, anything else as JSON.
const show = (v: string | null | undefined) => {
  if (v == null) return '—';
  try {
    const parsed: unknown = JSON.parse(v);
    return typeof parsed === 'string' ? parsed : JSON.stringify(parsed);
  } catch {
    return v;
  }
};

function Fields({ fields }: { fields: FieldChangeFieldsFragment[] }) {
  if (fields.length === 0) return <p class="muted">{t('noChange')}</p>;
  return (
    <div class="table-wrap" tabIndex={0} role="region" aria-label={t('compareTitle')}>
      <table class="diff">
        <thead><tr><th scope="col">{t('field')}</th><th scope="col">{t('before')}</th><th scope="col">{t('after')}</th></tr></thead>
        <tbody>
          {fields.map((f) => (
            <tr key={f.field}><th scope="row">{f.field}</th><td class="before">{show(f.before)}</td><td class="after">{show(f.after)}</td></tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
