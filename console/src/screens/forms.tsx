// What the secretariat's forms share: what is typed is kept in the browser's
// storage as it is typed (a reload or a refused submit loses nothing), a
// submit that says what went wrong in the user's language, and the handling
// of a stale revision: the record is read again, the saved version is shown
// beside the user's, and « Réappliquer » sends the user's on the new revision.
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api';
import { Problem } from '../data';
import { dropDraft, loadDraft, saveDraft } from '../drafts';
import { t, type Key } from '../i18n';

export type Values = Record<string, string>;

/** A form's values, kept as draft `formID` while they are typed. */
export function useDraft<V extends Values>(formID: string, initial: () => V) {
  const [values, setValues] = useState<V>(() => ({ ...initial(), ...(loadDraft<Partial<V>>(formID) ?? {}) }));
  const set = (patch: Partial<V>) => {
    const next = { ...values, ...patch } as V;
    setValues(next);
    saveDraft(formID, next);
  };
  const drop = (next?: V) => {
    dropDraft(formID);
    setValues(next ?? initial());
  };
  return { values, set, drop, kept: loadDraft(formID) !== null };
}

/** Runs a submit, keeping its refusal for the form to show. */
export function useSubmit() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  async function run(action: () => Promise<unknown>): Promise<boolean> {
    setBusy(true);
    setError(null);
    try {
      await action();
      return true;
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError('INTERNAL', String(e)));
      return false;
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, run, clear: () => setError(null) };
}

export interface FieldSpec {
  name: string;
  label: Key;
  kind?: 'text' | 'textarea' | 'date' | 'datetime' | 'select';
  required?: boolean;
  options?: { value: string; label: string }[];
}

/** One labelled field of a form. */
export function Field({ id, spec, value, set }: { id: string; spec: FieldSpec; value: string; set: (v: string) => void }) {
  const fid = `${id}-${spec.name}`;
  const onInput = (e: Event) => set((e.currentTarget as HTMLInputElement).value);
  return (
    <>
      <label for={fid}>{t(spec.label)}</label>
      {spec.kind === 'textarea' ? (
        <textarea id={fid} name={spec.name} rows={3} required={spec.required} value={value} onInput={onInput} />
      ) : spec.kind === 'select' ? (
        <select id={fid} name={spec.name} required={spec.required} value={value} onChange={onInput}>
          {spec.options?.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
        </select>
      ) : (
        <input id={fid} name={spec.name} required={spec.required} value={value} onInput={onInput}
          type={spec.kind === 'date' ? 'date' : spec.kind === 'datetime' ? 'datetime-local' : 'text'} />
      )}
    </>
  );
}

/** A record as an edit form sees it: its revision and its fields' values. */
export interface Saved {
  revision: number;
  values: Values;
}

/**
 * The form that edits one record. save sends the values on a revision;
 * reread reads the record again. A stale revision shows the saved version
 * beside the user's, with « Réappliquer ».
 */
export function EditRecord(props: {
  formID: string;
  legend: string;
  code: string;
  fields: FieldSpec[];
  record: Saved;
  save: (values: Values, revision: number) => Promise<unknown>;
  reread: () => Promise<Saved | null>;
  done: () => void;
  children?: ComponentChildren;
}) {
  const draft = useDraft<Values & { _revision: string }>(props.formID, () => ({ ...props.record.values, _revision: String(props.record.revision) }));
  const submit = useSubmit();
  const [theirs, setTheirs] = useState<Saved | null>(null);
  const { _revision, ...yours } = draft.values;
  async function send(revision: number) {
    const ok = await submit.run(() => props.save(yours, revision));
    if (ok) {
      setTheirs(null);
      dropDraft(props.formID);
      props.done();
    }
    return ok;
  }
  async function onSubmit(e: Event) {
    e.preventDefault();
    await send(Number(_revision));
  }
  // A stale revision: read the record again to show what was saved.
  const stale = submit.error?.code === 'CONFLICT' && submit.error.reason === 'STALE_REVISION';
  useEffect(() => {
    if (stale) void props.reread().then((saved) => saved && setTheirs(saved));
  }, [submit.error]);
  const id = props.formID.replace(/[^\w-]/g, '-');
  return (
    <form class="edit-record" onSubmit={onSubmit}>
      <fieldset>
        <legend>{props.legend}</legend>
        {props.fields.map((f) => <Field key={f.name} id={id} spec={f} value={yours[f.name] ?? ''} set={(v) => draft.set({ [f.name]: v } as Partial<Values & { _revision: string }>)} />)}
        {submit.error && !(stale && theirs) && <Problem error={submit.error} />}
        {stale && theirs && (
          <div class="conflict" role="alert">
            <p>{t('conflictOther', { code: props.code })}</p>
            <div class="table-wrap" tabIndex={0} role="region" aria-label={t('conflictSaved', { revision: theirs.revision })}>
              <table>
                <thead><tr><th scope="col">{t('field')}</th><th scope="col">{t('conflictSaved', { revision: theirs.revision })}</th><th scope="col">{t('yourVersion')}</th></tr></thead>
                <tbody>
                  {props.fields.map((f) => (
                    <tr key={f.name} class={(theirs.values[f.name] ?? '') !== (yours[f.name] ?? '') ? 'differs' : undefined}>
                      <th scope="row">{t(f.label)}</th>
                      <td>{label(f, theirs.values[f.name])}</td>
                      <td>{label(f, yours[f.name])}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <p class="actions">
              <button type="button" disabled={submit.busy} onClick={() => send(theirs.revision)}>{t('reapplyShort')}</button>
              <button type="button" class="secondary" onClick={() => { draft.drop({ ...theirs.values, _revision: String(theirs.revision) }); setTheirs(null); submit.clear(); }}>{t('keepSaved')}</button>
            </p>
          </div>
        )}
        <p class="actions">
          <button type="submit" disabled={submit.busy}>{t('save')}</button>
          <button type="button" class="link" onClick={() => { dropDraft(props.formID); props.done(); }}>{t('cancel')}</button>
        </p>
        {props.children}
      </fieldset>
    </form>
  );
}

function label(f: FieldSpec, value: string | undefined): string {
  if (f.kind === 'select') return f.options?.find((o) => o.value === value)?.label ?? value ?? '';
  return value ?? '';
}

/** An ISO time as a date field holds it (2027-06-30), or ''. */
export const dayOf = (iso: string | null | undefined) => (iso ? iso.slice(0, 10) : '');
/** A date field's value as the API takes it, or null when empty. */
export const isoDay = (day: string) => (day ? `${day}T00:00:00Z` : null);
/** A datetime-local field's value (in the browser's zone) as the API takes it. */
export const isoInstant = (local: string) => (local ? new Date(local).toISOString() : '');
/** An ISO time as a datetime-local field holds it, in the browser's zone. */
export function localOf(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
