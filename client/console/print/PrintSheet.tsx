import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSelect } from '../../kit/LanguageSelect';
import { ConsoleLink } from '../ConsoleLink';
import { consolePath } from '../consoleRoute';
import { formatDate } from '../format';
import { QrCode } from '../QrCode';
import { useForumData } from '../useForumData';
import { Instructions } from './Instructions';

/**
 * `/admin/forums/:id/print`: the sheet to print and lay on the tables. A cover page with the
 * forum entrance, then one page per table with its participant QR code. No app chrome: the
 * screen-only bar is hidden in print (console.css).
 */
export function PrintSheet({ forumId }: { forumId: string }) {
  const { t, i18n } = useTranslation();
  const { forum, boards, error } = useForumData(forumId);
  const tables = boards?.filter((b) => !b.archived) ?? [];

  useEffect(() => {
    if (forum) document.title = `${forum.title} · ${t('console.print.title')}`;
  }, [forum, t]);

  return (
    <div className="sheet">
      <div className="sheet-bar no-print">
        <ConsoleLink
          className="button"
          href={consolePath({ kind: 'forum', forumId, tab: 'tables' })}
        >
          <span aria-hidden="true">←</span> {t('console.print.back')}
        </ConsoleLink>
        <p className="sheet-bar__hint">{t('console.print.hint', { count: tables.length })}</p>
        <LanguageSelect compact />
        <button type="button" className="button button--primary" onClick={() => window.print()}>
          {t('console.print.print')}
        </button>
      </div>
      {error ? (
        <p className="field-error" role="alert">
          {t(error === 'notFound' ? 'console.forum.notFound' : 'console.loadFailed')}
        </p>
      ) : null}
      {!forum || !boards ? (
        error ? null : (
          <p className="loading no-print">{t('console.loading')}</p>
        )
      ) : (
        <main className="sheet-pages" aria-label={t('console.print.title')}>
          <article className="sheet-page sheet-page--cover" aria-labelledby="sheet-forum-title">
            <header className="sheet-page__head">
              <p className="sheet-brand">{t('app.name')}</p>
              {forum.date ? (
                <p className="sheet-date">{formatDate(forum.date, i18n.language)}</p>
              ) : null}
            </header>
            <h1 id="sheet-forum-title" className="sheet-title">
              {forum.title}
            </h1>
            {forum.description ? <p className="sheet-description">{forum.description}</p> : null}
            <div className="sheet-qr">
              <QrCode value={forum.entrance.link} label={t('console.entrance.qr')} size={360} />
            </div>
            <Instructions kind="entrance" />
            <p className="sheet-url">
              <a href={forum.entrance.link}>{forum.entrance.link}</a>
            </p>
          </article>
          {tables.map((board) => (
            <article key={board.id} className="sheet-page" aria-labelledby={`sheet-${board.id}`}>
              <header className="sheet-page__head">
                <p className="sheet-brand">{t('app.name')}</p>
                <p className="sheet-forum">{forum.title}</p>
              </header>
              <h2 id={`sheet-${board.id}`} className="sheet-title">
                {board.title}
              </h2>
              <div className="sheet-qr">
                <QrCode
                  value={board.links.participant}
                  label={t('console.links.qr', {
                    link: t('console.links.participant'),
                    table: board.title,
                  })}
                  size={360}
                />
              </div>
              <Instructions kind="table" />
              <p className="sheet-url">
                <a href={board.links.participant}>{board.links.participant}</a>
              </p>
            </article>
          ))}
        </main>
      )}
    </div>
  );
}
