// The console's frame: a skip link, the header (navigation by role, language,
// sign-in state) and the screen the path names.
import { useEffect } from 'preact/hooks';
import { setLang, t, useLang, enumLabel } from './i18n';
import { match, navigate, usePath } from './router';
import { refreshViewer, signOut, useViewer } from './session';
import { Landing } from './screens/landing';
import { Plan } from './screens/plan';
import { SignIn, SetPassword } from './screens/signin';
import { Rounds } from './screens/rounds';
import { Round } from './screens/round';
import { Matrix } from './screens/matrix';
import { Items } from './screens/items';
import { Overdue } from './screens/overdue';
import { Compare } from './screens/compare';
import { History } from './screens/history';
import { Strategies } from './screens/strategies';
import { AgencyPlan } from './screens/agencyplan';
// The secretariat's authoring screens.
import { EditPlan } from './screens/editplan';
import { PlanRound } from './screens/planround';
import { Decisions } from './screens/decisions';
import { Pictures } from './screens/pictures';
import { Agreement, Agreements } from './screens/agreements';
import { Committee, Meeting, Monitoring } from './screens/monitoring';
import { Account, Accounts, RequireSignIn } from './screens/accounts';

export function App() {
  const lang = useLang();
  const path = usePath();
  const { viewer, known } = useViewer();
  useEffect(() => {
    refreshViewer();
  }, []);
  useEffect(() => {
    document.title = `${title(path)} — Palabre`;
    // Moving focus to the new screen's heading tells screen readers the screen changed.
    document.querySelector<HTMLElement>('main h1')?.focus();
  });
  const roundsLabel = viewer?.role === 'AGENCY' ? t('myRounds') : t('rounds');
  return (
    <>
      <a class="skip" href="#main">
        {t('skip')}
      </a>
      <header class="top">
        <a class="brand" href="/">
          {t('appName')}
        </a>
        <nav aria-label={t('nav')}>
          <a href="/" aria-current={path === '/' ? 'page' : undefined}>
            {t('home')}
          </a>
          {viewer && viewer.role !== 'ADMIN' && (
            <a href="/rounds" aria-current={path.startsWith('/rounds') ? 'page' : undefined}>
              {roundsLabel}
            </a>
          )}
          {(viewer?.role === 'REVIEWER' || viewer?.role === 'SECRETARIAT') && (
            <a href="/strategies" aria-current={path === '/strategies' ? 'page' : undefined}>
              {t('strategies')}
            </a>
          )}
          {(viewer?.role === 'REVIEWER' || viewer?.role === 'SECRETARIAT') && (
            <a href="/overdue" aria-current={path === '/overdue' ? 'page' : undefined}>
              {t('overdue')}
            </a>
          )}
          {viewer?.role === 'AGENCY' && (
            <a href="/items" aria-current={path === '/items' ? 'page' : undefined}>
              {t('myItems')}
            </a>
          )}
          {viewer?.role !== 'ADMIN' && (
            <a href="/agreements" aria-current={path.startsWith('/agreements') ? 'page' : undefined}>
              {t('agreements')}
            </a>
          )}
          {viewer?.role !== 'ADMIN' && (
            <a href="/monitoring" aria-current={path === '/monitoring' || path.startsWith('/committees') || path.startsWith('/meetings') ? 'page' : undefined}>
              {t('monitoring')}
            </a>
          )}
          {viewer?.role === 'ADMIN' && (
            <a href="/accounts" aria-current={path === '/accounts' ? 'page' : undefined}>
              {t('accounts')}
            </a>
          )}
          {viewer && (
            <a href="/account" aria-current={path === '/account' ? 'page' : undefined}>
              {t('account')}
            </a>
          )}
        </nav>
        <div class="account">
          <button type="button" class="link" lang={t('otherLanguageCode')} onClick={() => setLang(lang === 'fr' ? 'en' : 'fr')}>
            {t('otherLanguage')}
          </button>
          {viewer ? (
            <>
              <span class="who">
                {t('signedInAs', { name: viewer.name })} ({viewer.agency?.acronym ?? enumLabel('role', viewer.role)})
              </span>
              <button type="button" class="link" onClick={() => signOut().then(() => navigate('/'))}>
                {t('signOut')}
              </button>
            </>
          ) : (
            known && path !== '/sign-in' && <a href="/sign-in">{t('signIn')}</a>
          )}
        </div>
      </header>
      <main id="main">{(path.startsWith('/rounds') || path.startsWith('/history') || path.startsWith('/agencies') || ['/items', '/overdue', '/strategies'].includes(path)) && known && !viewer ? <SignInFirst /> : screen(path)}</main>
    </>
  );
}

function screen(path: string) {
  let p: Record<string, string> | null;
  if (path === '/' || path === '') return <Landing />;
  if (path === '/sign-in') return <SignIn />;
  if (path === '/set-password') return <SetPassword />;
  if (path === '/rounds') return <Rounds />;
  if (path === '/items') return <Items />;
  if (path === '/overdue') return <Overdue />;
  if (path === '/strategies') return <Strategies />;
  if ((p = match('/strategies/:id', path))) return <Plan id={p.id} />;
  // The secretariat's authoring screens.
  if ((p = match('/strategies/:id/edit', path))) return <EditPlan id={p.id} />;
  if ((p = match('/strategies/:id/rounds', path))) return <PlanRound id={p.id} />;
  if ((p = match('/strategies/:id/decisions', path))) return <Decisions id={p.id} />;
  if ((p = match('/strategies/:id/compare', path))) return <Compare strategyID={p.id} />;
  if ((p = match('/history/:id', path))) return <History id={p.id} />;
  if ((p = match('/agencies/:id', path))) return <AgencyPlan id={p.id} />;
  if ((p = match('/rounds/:id/matrix', path))) return <Matrix id={p.id} />;
  if ((p = match('/rounds/:id', path))) return <Round id={p.id} />;
  // Pictures, monitoring and administration.
  if ((p = match('/strategies/:id/pictures', path))) return <Pictures id={p.id} />;
  if (path === '/agreements') return <Agreements />;
  if ((p = match('/agreements/:id', path))) return <Agreement id={p.id} />;
  if (path === '/monitoring') return <Monitoring />;
  if ((p = match('/committees/:id', path))) return <Committee id={p.id} />;
  if ((p = match('/meetings/:id', path))) return <Meeting id={p.id} />;
  if (path === '/accounts') return <RequireSignIn><Accounts /></RequireSignIn>;
  if (path === '/account') return <RequireSignIn><Account /></RequireSignIn>;
  return (
    <section>
      <h1 tabIndex={-1}>404</h1>
      <p>{t('err_NOT_FOUND')}</p>
    </section>
  );
}

// SignInFirst stands in for a screen that needs a signed-in person.
function SignInFirst() {
  return (
    <section class="narrow">
      <h1 tabIndex={-1}>{t('signInTitle')}</h1>
      <p role="alert">{t('err_UNAUTHENTICATED')}</p>
      <p><a class="button" href="/sign-in">{t('signIn')}</a></p>
    </section>
  );
}

function title(path: string): string {
  // Pictures, monitoring and administration.
  if (path.endsWith('/pictures')) return t('picturesTitle');
  if (path.startsWith('/agreements')) return t('agreementsTitle');
  if (path === '/monitoring') return t('monitoringTitle');
  if (path.startsWith('/committees')) return t('committee');
  if (path.startsWith('/meetings')) return t('meeting');
  if (path === '/accounts') return t('accountsTitle');
  if (path === '/account') return t('accountTitle');
  if (path === '/sign-in') return t('signInTitle');
  if (path === '/set-password') return t('setPasswordTitle');
  if (path.endsWith('/matrix')) return t('matrixTitle');
  if (path.startsWith('/rounds')) return t('roundsTitle');
  if (path === '/items') return t('myItems');
  if (path === '/overdue') return t('overdueTitle');
  if (path === '/strategies') return t('strategiesTitle');
  if (path.endsWith('/compare')) return t('compareTitle');
  if (path.startsWith('/strategies/') && path.endsWith('/edit')) return t('editPlan');
  if (path.startsWith('/strategies/') && path.endsWith('/rounds')) return t('planRound');
  if (path.startsWith('/strategies/') && path.endsWith('/decisions')) return t('decisions');
  if (path.startsWith('/history')) return t('historyTitle');
  if (path.startsWith('/agencies')) return t('actionPlan');
  if (path.startsWith('/strategies')) return t('actionPlan');
  return t('landingTitle');
}
