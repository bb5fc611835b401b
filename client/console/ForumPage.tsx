import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ConsoleLink } from './ConsoleLink';
import { consolePath, FORUM_TABS, type ForumTab } from './consoleRoute';
import { formatDate } from './format';
import { useForumData } from './useForumData';
import { TablesTab } from './tables/TablesTab';
import { PeopleTab } from './PeopleTab';
import { OverviewTab } from './overview/OverviewTab';
import { DetailsTab } from './DetailsTab';

/** One forum: its tables and links, the people placed, the live overview, its details. */
export function ForumPage({ forumId, tab }: { forumId: string; tab: ForumTab }) {
  const { t, i18n } = useTranslation();
  const data = useForumData(forumId);
  const { forum, boards, error } = data;

  useEffect(() => {
    if (forum) document.title = `${forum.title} · ${t('console.title')}`;
  }, [forum, t]);

  if (error) {
    return (
      <section className="console-section">
        <h1>{t(error === 'notFound' ? 'console.forum.notFound' : 'console.loadFailed')}</h1>
        {error !== 'notFound' ? <p>{t('console.failed', { message: error })}</p> : null}
        <ConsoleLink href="/admin">{t('console.allForums')}</ConsoleLink>
      </section>
    );
  }
  if (!forum || !boards) return <p className="loading">{t('console.loading')}</p>;

  return (
    <>
      <div className="forum-head">
        <div>
          <p className="eyebrow">
            {forum.date ? formatDate(forum.date, i18n.language) : t('console.forum.noDate')}
          </p>
          <h1 className="forum-head__title">{forum.title}</h1>
        </div>
        <ConsoleLink
          className="button button--primary"
          href={consolePath({ kind: 'print', forumId })}
        >
          {t('console.print.open')}
        </ConsoleLink>
      </div>
      <nav className="forum-tabs" aria-label={t('console.forumNav')}>
        <ul>
          {FORUM_TABS.map((name) => (
            <li key={name}>
              <ConsoleLink
                className="forum-tabs__link"
                href={consolePath({ kind: 'forum', forumId, tab: name })}
                aria-current={name === tab ? 'page' : undefined}
              >
                {t(`console.tabs.${name}`)}
              </ConsoleLink>
            </li>
          ))}
        </ul>
      </nav>
      {tab === 'tables' ? <TablesTab data={data} /> : null}
      {tab === 'people' ? <PeopleTab forumId={forumId} boards={boards} /> : null}
      {tab === 'overview' ? <OverviewTab forumId={forumId} boards={boards} /> : null}
      {tab === 'details' ? <DetailsTab data={data} /> : null}
    </>
  );
}
