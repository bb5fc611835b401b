import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { consoleApi, isAuthError, type ConsoleApi } from './api';
import { forgetAdminToken, takeAdminToken } from './adminToken';
import { ConsoleContext } from './ConsoleContext';
import { parseConsolePath } from './consoleRoute';
import { NoTokenPage } from './NoTokenPage';
import { ConsoleShell } from './ConsoleShell';
import { ForumList } from './ForumList';
import { ForumPage } from './ForumPage';
import { PrintSheet } from './print/PrintSheet';
import { ErrorPage } from '../kit/ErrorPage';

type Check = 'checking' | 'ok' | 'refused' | 'unreachable';

/** `/admin…`: the forum console, for whoever holds the admin token printed by `npm start`. */
export function AdminRoute({ path }: { path: string }) {
  const { t } = useTranslation();
  // Runs before the first paint, so the token leaves the address bar at once.
  const [token, setToken] = useState(takeAdminToken);
  const [check, setCheck] = useState<Check>('checking');
  const [attempt, setAttempt] = useState(0);
  const api = useMemo<ConsoleApi | null>(() => (token ? consoleApi(token) : null), [token]);

  // Pasting the admin URL into this tab again only changes the fragment: take the new token.
  useEffect(() => {
    const onHash = (): void => {
      if (window.location.hash.includes('token=')) setToken(takeAdminToken());
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  useEffect(() => {
    if (!api) return;
    let live = true;
    setCheck('checking');
    api.listForums().then(
      () => live && setCheck('ok'),
      (err: unknown) => live && setCheck(isAuthError(err) ? 'refused' : 'unreachable'),
    );
    return () => {
      live = false;
    };
  }, [api, attempt]);

  useEffect(() => {
    document.title = `${t('console.title')} · ${t('app.name')}`;
  }, [t]);

  const context = useMemo(
    () =>
      api && {
        api,
        onUnauthorized: () => setCheck('refused'),
      },
    [api],
  );
  const signOut = (): void => {
    forgetAdminToken();
    setToken(null);
  };

  if (!token || !context) return <NoTokenPage refused={false} />;
  if (check === 'refused') {
    return <NoTokenPage refused onForget={signOut} />;
  }
  if (check === 'unreachable') {
    return <ErrorPage kind="unreachable" onRetry={() => setAttempt((a) => a + 1)} />;
  }
  if (check === 'checking') {
    return (
      <div className="page page--centered" aria-busy="true">
        <p className="loading">{t('console.loading')}</p>
      </div>
    );
  }
  const page = parseConsolePath(path);
  return (
    <ConsoleContext.Provider value={context}>
      {page.kind === 'print' ? (
        <PrintSheet forumId={page.forumId} />
      ) : (
        <ConsoleShell onSignOut={signOut}>
          {page.kind === 'forums' ? <ForumList /> : null}
          {page.kind === 'forum' ? (
            <ForumPage key={page.forumId} forumId={page.forumId} tab={page.tab} />
          ) : null}
          {page.kind === 'notFound' ? <ConsoleNotFound /> : null}
        </ConsoleShell>
      )}
    </ConsoleContext.Provider>
  );
}

function ConsoleNotFound() {
  const { t } = useTranslation();
  return (
    <section className="console-section">
      <h1>{t('error.notFound.title')}</h1>
      <p>{t('console.notFound')}</p>
    </section>
  );
}
