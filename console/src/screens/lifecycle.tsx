// The secretariat moves a strategy through its lifecycle: only the moves the
// lifecycle allows from where it stands are offered; a guard that does not
// hold (unanswered observations, no round…) is refused with the server's
// reason. Adoption records the adopting act, which this screen does not take
// yet, so it is not offered here.
import { useState } from 'preact/hooks';
import { MoveStrategyDocument, type StrategyStatus } from '../../../frontend-contract/generated/documents';
import { ApiError, request } from '../api';
import { Problem } from '../data';
import { enumLabel, t } from '../i18n';

export function Lifecycle(props: { id: string; revision: number; status: StrategyStatus; allowedMoves: StrategyStatus[]; moved: () => void }) {
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
  if (moves.length === 0) return null;
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
    </section>
  );
}
