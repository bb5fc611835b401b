import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useConsole } from '../ConsoleContext';
import type { ForumData } from '../useForumData';
import type { Board } from '../types';
import { AddTables } from './AddTables';
import { EntranceCard } from './EntranceCard';
import { TableCard, type TableActions } from './TableCard';

/** Preparing the room: the entrance link, adding tables, and each table's name, order and links. */
export function TablesTab({ data }: { data: ForumData }) {
  const { t } = useTranslation();
  const { api } = useConsole();
  const { forum, boards, setBoards, setForum } = data;
  const [announcement, setAnnouncement] = useState('');
  // After a move, focus stays on the button that moved the table (or its twin at the ends).
  const refocus = useRef<{ id: string; dir: 'up' | 'down' } | null>(null);
  useEffect(() => {
    const want = refocus.current;
    if (!want) return;
    refocus.current = null;
    const same = document.getElementById(`move-${want.dir}-${want.id}`) as HTMLButtonElement | null;
    const other = document.getElementById(`move-${want.dir === 'up' ? 'down' : 'up'}-${want.id}`);
    (same && !same.disabled ? same : other)?.focus();
  }, [boards]);
  if (!forum || !boards) return null;

  const replace = (updated: Board): void =>
    setBoards((list) => list.map((b) => (b.id === updated.id ? updated : b)));
  const moveTo = (board: Board, to: number, focus: 'up' | 'down' | null): void => {
    const from = boards.findIndex((b) => b.id === board.id);
    if (from < 0 || to < 0 || to >= boards.length || to === from) return;
    const ids = boards.map((b) => b.id);
    ids.splice(to, 0, ...ids.splice(from, 1));
    refocus.current = focus && { id: board.id, dir: focus };
    api.reorderBoards(forum.id, ids).then(
      (list) => {
        setBoards(() => list);
        setAnnouncement(t('console.tables.moved', { table: board.title, position: to + 1 }));
      },
      (err: unknown) => setAnnouncement(t('console.failed', { message: (err as Error).message })),
    );
  };
  const actions: TableActions = {
    move: (board, delta) => moveTo(board, boards.indexOf(board) + delta, delta < 0 ? 'up' : 'down'),
    drop: (draggedId, target) => {
      const dragged = boards.find((b) => b.id === draggedId);
      if (dragged) moveTo(dragged, boards.indexOf(target), null);
    },
    rename: async (board, title) => replace(await api.updateBoard(board.id, { title })),
    archive: async (board, archived) => {
      replace(await api.updateBoard(board.id, { archived }));
      setAnnouncement(
        t(archived ? 'console.tables.wasArchived' : 'console.tables.wasUnarchived', {
          table: board.title,
        }),
      );
    },
    rotate: async (board) => replace(await api.rotateLinks(board.id)),
  };

  return (
    <div className="tables-tab">
      <EntranceCard
        entrance={forum.entrance}
        tableCount={boards.filter((b) => !b.archived).length}
        onRotate={async () => setForum({ ...forum, entrance: await api.rotateEntrance(forum.id) })}
      />
      <section className="console-section console-section--card">
        <AddTables
          forumId={forum.id}
          languages={forum.languages}
          onAdded={(added) => {
            setBoards((list) => [...list, ...added]);
            setAnnouncement(t('console.tables.added', { count: added.length }));
          }}
        />
      </section>
      <section className="console-section" aria-labelledby="tables-title">
        <h2 id="tables-title">{t('console.tables.title', { count: boards.length })}</h2>
        {boards.length === 0 ? <p className="muted">{t('console.tables.none')}</p> : null}
        <ol className="table-list">
          {boards.map((board, i) => (
            <TableCard
              key={board.id}
              board={board}
              index={i}
              count={boards.length}
              actions={actions}
            />
          ))}
        </ol>
      </section>
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
    </div>
  );
}
