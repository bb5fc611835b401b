import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isAuthError } from './api';
import { useConsole } from './ConsoleContext';
import { ConsoleLink } from './ConsoleLink';
import { consolePath, navigate } from './consoleRoute';
import { ForumForm } from './ForumForm';
import { formatDate } from './format';
import type { Forum } from './types';

/** `/admin`: every forum on this server, and a form for a new one. */
export function ForumList() {
  const { t, i18n } = useTranslation();
  const { api, onUnauthorized } = useConsole();
  const [forums, setForums] = useState<Forum[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => {
    api.listForums().then(setForums, (err: unknown) => {
      if (isAuthError(err)) onUnauthorized();
      else setError((err as Error).message);
    });
  }, [api, onUnauthorized]);
  useEffect(load, [load]);

  return (
    <div className="console-columns">
      <section className="console-section" aria-labelledby="forums-title">
        <h1 id="forums-title">{t('console.forums.title')}</h1>
        {error ? (
          <p className="field-error" role="alert">
            {t('console.failed', { message: error })}
          </p>
        ) : null}
        {forums === null && !error ? <p className="loading">{t('console.loading')}</p> : null}
        {forums?.length === 0 ? <p className="muted">{t('console.forums.none')}</p> : null}
        {forums && forums.length > 0 ? (
          <ul className="forum-list">
            {[...forums].reverse().map((forum) => (
              <li key={forum.id} className="forum-list__item">
                <ConsoleLink
                  className="forum-list__link"
                  href={consolePath({ kind: 'forum', forumId: forum.id, tab: 'tables' })}
                >
                  {forum.title}
                </ConsoleLink>
                <span className="muted">
                  {forum.date ? formatDate(forum.date, i18n.language) : t('console.forum.noDate')}
                  {' · '}
                  {forum.languages.map((l) => t(`language.native.${l}`)).join(', ')}
                </span>
                {forum.description ? <p className="forum-list__desc">{forum.description}</p> : null}
              </li>
            ))}
          </ul>
        ) : null}
      </section>
      <section className="console-section console-section--card" aria-labelledby="new-forum-title">
        <h2 id="new-forum-title">{t('console.forums.new')}</h2>
        <ForumForm
          submitLabel={t('console.forums.create')}
          onSubmit={async (fields) => {
            const created = await api.createForum(fields);
            navigate(consolePath({ kind: 'forum', forumId: created.id, tab: 'tables' }));
          }}
        />
      </section>
    </div>
  );
}
