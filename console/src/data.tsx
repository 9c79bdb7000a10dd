// Loading a screen's data, and saying what went wrong in words with a next step.
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { PersistedDocumentNode } from '../../frontend-contract/src/persisted';
import { ApiError, request } from './api';
import { hasKey, t } from './i18n';
import { reasonParams } from './reasons';

export interface Loaded<R> {
  data: R | null;
  error: ApiError | null;
  reload: () => void;
}

/** Runs a query when the screen shows and whenever its variables change. */
export function useQuery<R, V>(doc: PersistedDocumentNode<R, V>, variables: V): Loaded<R> {
  const [data, setData] = useState<R | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [tick, setTick] = useState(0);
  const key = JSON.stringify(variables);
  useEffect(() => {
    let live = true;
    setError(null);
    request(doc, variables).then(
      (d) => live && setData(d),
      (e: unknown) => live && setError(e instanceof ApiError ? e : new ApiError('INTERNAL', String(e))),
    );
    return () => {
      live = false;
    };
  }, [doc, key, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, error, reload };
}

/** The message of an error for a person: what happened and what to do next,
 * from its reason when it has one the console knows, from its code otherwise. */
export function explain(err: ApiError): string {
  const why = `why_${err.reason}`;
  if (err.reason && hasKey(why)) return t(why, reasonParams(err.reason, err.params));
  const key = `err_${err.code}`;
  return hasKey(key) ? t(key, { message: err.message }) : t('err_INTERNAL');
}

/** An error as the screens show it: announced to screen readers, with a retry when one helps. */
export function Problem({ error, retry }: { error: ApiError; retry?: () => void }) {
  return (
    <div class="problem" role="alert">
      <p>{explain(error)}</p>
      {retry && (
        <button type="button" onClick={retry}>
          {t('retry')}
        </button>
      )}
    </div>
  );
}

/** What a screen shows while it waits, or when it failed. */
export function Pending<R>({ loaded }: { loaded: Loaded<R> }) {
  if (loaded.error) return <Problem error={loaded.error} retry={loaded.reload} />;
  return (
    <p class="muted" aria-live="polite">
      {t('loading')}
    </p>
  );
}

/** The nodes of a connection's edges. */
export function nodes<N>(conn: { edges?: ({ node?: N | null } | null)[] | null } | null | undefined): N[] {
  return (conn?.edges ?? []).flatMap((e) => (e?.node ? [e.node] : []));
}
