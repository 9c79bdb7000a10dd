// The secretariat moves a strategy through its lifecycle: only the moves the
// lifecycle allows from where it stands are offered; a guard that does not
// hold (unanswered observations, no round…) is refused with the server's
// reason. Adoption records the adopting act: a form takes the version
// adopted, the act's reference and its date.
import { useState } from 'preact/hooks';
import { MoveStrategyDocument, type StrategyStatus } from '../../../frontend-contract/generated/documents';
import { ApiError, request } from '../api';
import { Problem } from '../data';
import { enumLabel, t } from '../i18n';
import { Field, isoDay, useDraft, useSubmit } from './forms';

export function Lifecycle(props: { id: string; revision: number; status: StrategyStatus; allowedMoves: StrategyStatus[]; moved: () => void; versions?: { id: string; number: number; label: string }[] }) {
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const moves = props.allowedMoves.filter((m) => m !== 'ADOPTED');
  async function move(to: StrategyStatus) {
    setBusy(true);
    setError(null);
    try {
      await request(MoveStrategyDocument, { input: { strategyID: props.id, revision: props.revision, to } });
      props.moved();
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError('INTERNAL', String(e)));
    } finally {
      setBusy(false);
    }
  }
  const adoptable = props.allowedMoves.includes('ADOPTED') && (props.versions ?? []).length > 0;
  if (moves.length === 0 && !adoptable) return null;
  return (
    <section class="lifecycle no-print" aria-labelledby="lifecycle-title">
      <h2 id="lifecycle-title">{t('lifecycle')}</h2>
      <p>{t('lifecycleNow', { status: enumLabel('strategy', props.status) })}</p>
      {error && <Problem error={error} />}
      <p class="actions">
        {moves.map((m) => (
          <button key={m} type="button" class="secondary" disabled={busy} onClick={() => move(m)}>
            {t('moveTo', { status: enumLabel('strategy', m) })}
          </button>
        ))}
      </p>
      {adoptable && <Adoption id={props.id} revision={props.revision} versions={props.versions!} adopted={props.moved} />}
    </section>
  );
}

function Adoption(props: { id: string; revision: number; versions: { id: string; number: number; label: string }[]; adopted: () => void }) {
  const draft = useDraft(`adoption:${props.id}`, () => ({ versionID: props.versions[0].id, actReference: '', actDate: '' }));
  const submit = useSubmit();
  async function onSubmit(e: Event) {
    e.preventDefault();
    const v = draft.values;
    const adoption = { versionID: v.versionID, actReference: v.actReference, actDate: isoDay(v.actDate) ?? '' };
    if (await submit.run(() => request(MoveStrategyDocument, { input: { strategyID: props.id, revision: props.revision, to: 'ADOPTED', adoption } }))) {
      draft.drop();
      props.adopted();
    }
  }
  return (
    <form onSubmit={onSubmit} noValidate>
      <fieldset>
        <legend>{t('adoptTitle')}</legend>
        <p>{t('adoptIntro')}</p>
        <Field id="adoption" spec={{ name: 'versionID', label: 'adoptedVersion', kind: 'select', options: props.versions.map((x) => ({ value: x.id, label: t('version', { number: x.number, label: x.label }) })) }} value={draft.values.versionID} set={(x) => draft.set({ versionID: x })} />
        <Field id="adoption" spec={{ name: 'actReference', label: 'actReference' }} value={draft.values.actReference} set={(x) => draft.set({ actReference: x })} />
        <Field id="adoption" spec={{ name: 'actDate', label: 'actDate', kind: 'date' }} value={draft.values.actDate} set={(x) => draft.set({ actDate: x })} />
        {submit.error && <Problem error={submit.error} />}
        <button type="submit" disabled={submit.busy}>{t('adopt')}</button>
      </fieldset>
    </form>
  );
}
