// Administration: the accounts (administrators), each with a button that
// creates a one-time password link to hand to its owner; and one's own
// account (everyone signed in): change the password, sign out everywhere.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { AccountsDocument, CreatePasswordLinkDocument } from '../../../frontend-contract/generated/documents';
import { ApiError, post, request } from '../api';
import { nodes, Pending, Problem, useQuery } from '../data';
import { enumLabel, formatDateTime, t, useLang } from '../i18n';
import { navigate } from '../router';
import { signOut, useViewer } from '../session';

export function Accounts() {
  useLang();
  const q = useQuery(AccountsDocument, { first: 100 });
  const [link, setLink] = useState<{ name: string; url: string; expiresAt: string } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  async function createLink(id: string, name: string) {
    setError(null);
    setLink(null);
    try {
      const { createPasswordLink: l } = await request(CreatePasswordLinkDocument, { accountID: id });
      setLink({ name, url: `${location.origin}${l.path}`, expiresAt: l.expiresAt });
    } catch (err) {
      setError(err as ApiError);
    }
  }
  const list = nodes(q.data?.accounts);
  const { viewer } = useViewer();
  if (viewer && viewer.role !== 'ADMIN') {
    return <section><h1 tabIndex={-1}>{t('accountsTitle')}</h1><p role="alert">{t('err_FORBIDDEN')}</p></section>;
  }
  return (
    <section>
      <h1 tabIndex={-1}>{t('accountsTitle')}</h1>
      <div aria-live="polite">
        {link && (
          <div class="notice link-made">
            <p>{t('linkMade', { name: link.name, date: formatDateTime(link.expiresAt) })}</p>
            <label for="made-link">{t('linkToHand')}</label>
            <input id="made-link" readOnly value={link.url} onFocus={(e) => e.currentTarget.select()} />
          </div>
        )}
      </div>
      {error && <Problem error={error} />}
      {!q.data ? (
        <Pending loaded={q} />
      ) : (
        <div class="table-wrap" tabIndex={0} role="region" aria-label={t('accountsTitle')}>
          <table>
            <thead>
              <tr><th scope="col">{t('name')}</th><th scope="col">{t('email')}</th><th scope="col">{t('role')}</th><th scope="col">{t('agency')}</th><th scope="col"><span class="visually-hidden">{t('actions')}</span></th></tr>
            </thead>
            <tbody>
              {list.map((a) => (
                <tr key={a.id}>
                  <th scope="row">{a.name}{a.disabled && <> · <strong>{t('disabled')}</strong></>}</th>
                  <td>{a.email}</td>
                  <td>{enumLabel('role', a.role)}</td>
                  <td>{a.agency ? <abbr title={a.agency.name}>{a.agency.acronym}</abbr> : '—'}</td>
                  <td>
                    <button type="button" class="secondary small-button" disabled={a.disabled} onClick={() => createLink(a.id, a.name)} aria-label={t('createLinkFor', { name: a.name })}>
                      {t('createLink')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function Account() {
  useLang();
  const { viewer } = useViewer();
  const [error, setError] = useState<ApiError | null>(null);
  const [local, setLocal] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  async function change(e: Event) {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const f = new FormData(form);
    const next = String(f.get('new'));
    setError(null);
    setDone(false);
    if ([...next].length < 12) return setLocal(t('passwordTooShort'));
    if (next !== f.get('confirm')) return setLocal(t('passwordsDiffer'));
    setLocal(null);
    setBusy(true);
    try {
      await post('/auth/change-password', { current: String(f.get('current')), new: next });
      form.reset();
      setDone(true);
    } catch (err) {
      const a = err as ApiError;
      setError(a.code === 'UNAUTHENTICATED' && a.status === 401 ? new ApiError('currentPassword', a.message) : a);
    } finally {
      setBusy(false);
    }
  }
  async function everywhere() {
    setError(null);
    try {
      await signOut(true);
      navigate('/sign-in?done=everywhere');
    } catch (err) {
      setError(err as ApiError);
    }
  }
  if (!viewer) return <section><h1 tabIndex={-1}>{t('accountTitle')}</h1></section>;
  return (
    <section class="narrow">
      <h1 tabIndex={-1}>{t('accountTitle')}</h1>
      <p>{viewer.name} · {enumLabel('role', viewer.role)}{viewer.agency && <> · {viewer.agency.acronym}</>}</p>
      <h2>{t('changePassword')}</h2>
      {done && <p class="ok" role="status">{t('passwordChanged')}</p>}
      {error && <Problem error={error} />}
      {local && <p class="problem" role="alert">{local}</p>}
      <form onSubmit={change}>
        <input type="text" name="username" autocomplete="username" value={viewer.name} hidden readOnly />
        <label for="current">{t('currentPassword')}</label>
        <input id="current" name="current" type="password" autocomplete="current-password" required />
        <label for="new">{t('newPassword')}</label>
        <input id="new" name="new" type="password" autocomplete="new-password" minLength={12} required />
        <label for="confirm">{t('confirmPassword')}</label>
        <input id="confirm" name="confirm" type="password" autocomplete="new-password" minLength={12} required />
        <button type="submit" disabled={busy}>{t('changePassword')}</button>
      </form>
      <h2>{t('sessions')}</h2>
      <p>{t('everywhereHelp')}</p>
      <button type="button" class="danger" onClick={everywhere}>{t('signOutEverywhere')}</button>
    </section>
  );
}

/** RequireSignIn shows its screen to a signed-in person, and asks the public to sign in. */
export function RequireSignIn({ children }: { children: ComponentChildren }) {
  const { viewer, known } = useViewer();
  if (!known) return null;
  if (viewer) return <>{children}</>;
  return (
    <section class="narrow">
      <h1 tabIndex={-1}>{t('signInTitle')}</h1>
      <p role="alert">{t('err_UNAUTHENTICATED')}</p>
      <p><a class="button" href="/sign-in">{t('signIn')}</a></p>
    </section>
  );
}
