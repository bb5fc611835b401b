import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isSuggestedTag } from '../kit/tags';
import { isAuthError } from './api';
import { useConsole } from './ConsoleContext';
import type { Board, ForumPerson } from './types';

/** People who came in through the entrance, where they sit, and moving them to another table. */
export function PeopleTab({ forumId, boards }: { forumId: string; boards: Board[] }) {
  const { t } = useTranslation();
  const { api, onUnauthorized } = useConsole();
  const [people, setPeople] = useState<ForumPerson[] | null>(null);
  const [status, setStatus] = useState('');

  const load = useCallback(() => {
    api.listPeople(forumId).then(setPeople, (err: unknown) => {
      if (isAuthError(err)) onUnauthorized();
      else setStatus(t('console.failed', { message: (err as Error).message }));
    });
  }, [api, forumId, onUnauthorized, t]);
  useEffect(load, [load]);

  const tableName = (id: string): string => boards.find((b) => b.id === id)?.title ?? '—';
  const move = async (person: ForumPerson, boardId: string): Promise<void> => {
    try {
      const moved = await api.movePerson(forumId, person.personId, boardId);
      setPeople((list) => list?.map((p) => (p.personId === moved.personId ? moved : p)) ?? null);
      setStatus(t('console.people.moved', { name: person.name, table: tableName(boardId) }));
    } catch (err) {
      setStatus(t('console.failed', { message: (err as Error).message }));
    }
  };

  return (
    <section className="console-section" aria-labelledby="people-title">
      <div className="section-head">
        <h2 id="people-title">{t('console.people.title', { count: people?.length ?? 0 })}</h2>
        <button type="button" className="button button--small" onClick={load}>
          {t('console.refresh')}
        </button>
      </div>
      <p className="muted">{t('console.people.body')}</p>
      <p className="visually-hidden" aria-live="polite">
        {status}
      </p>
      {people === null ? <p className="loading">{t('console.loading')}</p> : null}
      {people?.length === 0 ? <p className="muted">{t('console.people.none')}</p> : null}
      {people && people.length > 0 ? (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('console.people.name')}</th>
              <th scope="col">{t('console.people.tags')}</th>
              <th scope="col">{t('console.people.table')}</th>
              <th scope="col">{t('console.people.move')}</th>
            </tr>
          </thead>
          <tbody>
            {people.map((person) => (
              <PersonRow
                key={person.personId}
                person={person}
                boards={boards}
                table={tableName(person.boardId)}
                onMove={move}
              />
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

function PersonRow({
  person,
  boards,
  table,
  onMove,
}: {
  person: ForumPerson;
  boards: Board[];
  table: string;
  onMove: (person: ForumPerson, boardId: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [target, setTarget] = useState(person.boardId);
  const selectId = useId();
  const label = (tag: string): string => (isSuggestedTag(tag) ? t(`tags.${tag}`) : tag);
  return (
    <tr>
      <th scope="row">{person.name}</th>
      <td>
        {person.tags.length === 0 ? (
          <span className="muted">—</span>
        ) : (
          <ul className="tag-list">
            {person.tags.map((tag) => (
              <li key={tag} className="tag">
                {label(tag)}
              </li>
            ))}
          </ul>
        )}
      </td>
      <td>{table}</td>
      <td>
        <div className="inline-form">
          <label htmlFor={selectId} className="visually-hidden">
            {t('console.people.moveTo', { name: person.name })}
          </label>
          <select id={selectId} value={target} onChange={(e) => setTarget(e.target.value)}>
            {boards.map((b) => (
              <option key={b.id} value={b.id} disabled={b.archived}>
                {b.title}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="button button--small"
            disabled={target === person.boardId}
            aria-label={t('console.people.moveLabel', { name: person.name })}
            onClick={() => void onMove(person, target)}
          >
            {t('console.people.moveButton')}
          </button>
        </div>
      </td>
    </tr>
  );
}
