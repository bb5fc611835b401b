import { useTranslation } from 'react-i18next';
import type { Board, TableOverview } from '../types';
import { timeAgo } from '../format';
import { useOverview } from './useOverview';

/** The live dashboard: every table's people, notes, clusters, phase and last activity. */
export function OverviewTab({ forumId, boards }: { forumId: string; boards: Board[] }) {
  const { t, i18n } = useTranslation();
  const { overview, stale, fetchedAt } = useOverview(forumId);
  if (!overview) return <p className="loading">{t('console.loading')}</p>;
  const tables = overview.tables;
  const here = tables.reduce((n, x) => n + x.present.facilitator + x.present.participant, 0);
  const notes = tables.reduce((n, x) => n + x.notes, 0);
  const time = new Intl.DateTimeFormat(i18n.language, { timeStyle: 'medium' }).format(fetchedAt);
  return (
    <section className="console-section" aria-labelledby="overview-title">
      <div className="section-head">
        <h2 id="overview-title">{t('console.overview.title')}</h2>
        <p className={stale ? 'hint hint--warn' : 'hint'}>
          {stale ? t('console.overview.stale', { time }) : t('console.overview.updated', { time })}
        </p>
      </div>
      <dl className="totals">
        <div>
          <dt>{t('console.overview.tables')}</dt>
          <dd>{tables.filter((x) => !x.archived).length}</dd>
        </div>
        <div>
          <dt>{t('console.overview.peopleHere')}</dt>
          <dd>{here}</dd>
        </div>
        <div>
          <dt>{t('console.overview.notes')}</dt>
          <dd>{notes}</dd>
        </div>
      </dl>
      {tables.length === 0 ? <p className="muted">{t('console.tables.none')}</p> : null}
      <ul className="overview-grid">
        {tables.map((table) => (
          <TableTile
            key={table.id}
            table={table}
            link={boards.find((b) => b.id === table.id)?.links.facilitator ?? null}
            now={fetchedAt}
          />
        ))}
      </ul>
    </section>
  );
}

function TableTile({
  table,
  link,
  now,
}: {
  table: TableOverview;
  link: string | null;
  now: number;
}) {
  const { t, i18n } = useTranslation();
  const titleId = `overview-${table.id}`;
  const here = table.present.facilitator + table.present.participant;
  return (
    <li className={table.archived ? 'tile tile--archived' : 'tile'} aria-labelledby={titleId}>
      <div className="tile__head">
        <h3 id={titleId} className="tile__title">
          {table.title}
        </h3>
        <span className="pill pill--phase">{t(`phase.name.${table.phase ?? 'none'}`)}</span>
        {table.frozen ? (
          <span className="pill pill--frozen">{t('console.overview.frozen')}</span>
        ) : null}
        {table.archived ? (
          <span className="pill pill--muted">{t('console.tables.archived')}</span>
        ) : null}
      </div>
      <dl className="tile__stats">
        <div>
          <dt>{t('console.overview.peopleHere')}</dt>
          <dd>{here}</dd>
        </div>
        <div>
          <dt>{t('console.overview.notes')}</dt>
          <dd>{table.notes}</dd>
        </div>
        <div>
          <dt>{t('console.overview.clusters')}</dt>
          <dd>{table.clusters}</dd>
        </div>
        <div>
          <dt>{t('console.overview.viewers')}</dt>
          <dd>{table.present.viewer}</dd>
        </div>
      </dl>
      <p className="tile__people">
        <span className="tile__label">{t('console.overview.names')}</span>{' '}
        {table.people.length > 0 ? (
          table.people.join(', ')
        ) : (
          <span className="muted">{t('console.overview.nobody')}</span>
        )}
      </p>
      <p className="hint">
        {table.lastActivity
          ? t('console.overview.lastActivity', {
              when: timeAgo(table.lastActivity, now, i18n.language),
            })
          : t('console.overview.noActivity')}
        {table.placed > 0 ? ` · ${t('console.overview.placed', { count: table.placed })}` : ''}
      </p>
      {link ? (
        <a
          className="button button--small"
          href={link}
          target="_blank"
          rel="noopener noreferrer"
          aria-label={t('console.overview.openLabel', { table: table.title })}
        >
          {t('console.overview.open')}
        </a>
      ) : null}
    </li>
  );
}
