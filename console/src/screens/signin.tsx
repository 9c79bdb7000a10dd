// Signing in with an e-mail and a password, and setting a password with the
// one-time link an administrator handed over (/set-password#<secret>).
import { useState } from 'preact/hooks';
import { ApiError, post } from '../api';
import { Problem } from '../data';
import { t, useLang } from '../i18n';
import { navigate } from '../router';
import { signIn } from '../session';

export function SignIn() {
  useLang();
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const notice = new URLSearchParams(location.search).get('done');
  async function submit(e: Event) {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    setBusy(true);
    setError(null);
    try {
      await signIn(String(form.get('email')), String(form.get('password')));
      navigate('/rounds');
    } catch (err) {
      const a = err as ApiError;
      setError(a.code === 'UNAUTHENTICATED' ? new ApiError('signIn', a.message) : a);
    } finally {
      setBusy(false);
    }
  }
  return (
    <section class="narrow">
      <h1 tabIndex={-1}>{t('signInTitle')}</h1>
      {notice === 'password' && <p class="ok" role="status">{t('passwordSet')}</p>}
      {notice === 'everywhere' && <p class="ok" role="status">{t('signedOutEverywhere')}</p>}
      {error && <Problem error={error} />}
      <form onSubmit={submit}>
        <label for="email">{t('email')}</label>
        <input id="email" name="email" type="email" autocomplete="username" required />
        <label for="password">{t('password')}</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required />
        <button type="submit" disabled={busy}>{busy ? t('signingIn') : t('signIn')}</button>
      </form>
    </section>
  );
}

export function SetPassword() {
  useLang();
  const secret = location.hash.slice(1);
  const [error, setError] = useState<ApiError | null>(null);
  const [local, setLocal] = useState<string | null>(null);
  async function submit(e: Event) {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    const password = String(form.get('password'));
    setError(null);
    if ([...password].length < 12) return setLocal(t('passwordTooShort'));
    if (password !== form.get('confirm')) return setLocal(t('passwordsDiffer'));
    setLocal(null);
    try {
      await post('/auth/set-password', { secret, password });
      history.replaceState(null, '', '/set-password'); // the secret is spent: keep it out of the history
      navigate('/sign-in?done=password');
    } catch (err) {
      const a = err as ApiError;
      setError(a.code === 'UNAUTHENTICATED' ? new ApiError('link', a.message) : a);
    }
  }
  return (
    <section class="narrow">
      <h1 tabIndex={-1}>{t('setPasswordTitle')}</h1>
      {!secret ? (
        <p role="alert">{t('noSecret')}</p>
      ) : (
        <>
          <p>{t('setPasswordIntro')}</p>
          {error && <Problem error={error} />}
          {local && <p class="problem" role="alert">{local}</p>}
          <form onSubmit={submit}>
            <label for="password">{t('newPassword')}</label>
            <input id="password" name="password" type="password" autocomplete="new-password" minLength={12} required />
            <label for="confirm">{t('confirmPassword')}</label>
            <input id="confirm" name="confirm" type="password" autocomplete="new-password" minLength={12} required />
            <button type="submit">{t('setPassword')}</button>
          </form>
        </>
      )}
    </section>
  );
}
