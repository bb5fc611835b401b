import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Board } from '../types';
import { TableLinks } from './TableLinks';

export interface TableActions {
  move: (board: Board, delta: -1 | 1) => void;
  /** A table dragged onto `target` takes its place (the pointer's way; the buttons are the keyboard's). */
  drop: (draggedId: string, target: Board) => void;
  rename: (board: Board, title: string) => Promise<void>;
  archive: (board: Board, archived: boolean) => Promise<void>;
  rotate: (board: Board) => Promise<void>;
}

interface Props {
  board: Board;
  index: number;
  count: number;
  actions: TableActions;
}

const DRAG_TYPE = 'application/x-talkoot-table';

/** One table in the console: its place in the order, name, archive state and links. */
export function TableCard({ board, index, count, actions }: Props) {
  const { t } = useTranslation();
  const [renaming, setRenaming] = useState(false);
  const [draft, setDraft] = useState(board.title);
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [dropTarget, setDropTarget] = useState(false);
  const inputId = useId();
  const linksId = useId();
  const titleId = `table-title-${board.id}`;
  // Closing the rename form puts focus back on the button that opened it.
  const renameButton = useRef<HTMLButtonElement>(null);
  const wasRenaming = useRef(false);
  useEffect(() => {
    if (wasRenaming.current && !renaming) renameButton.current?.focus();
    wasRenaming.current = renaming;
  }, [renaming]);

  const rename = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const title = draft.trim();
    if (title === '') return;
    try {
      await actions.rename(board, title);
      setRenaming(false);
      setError(null);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  const fail = (err: unknown): void => setError((err as Error).message);

  return (
    <li
      className={[
        'table-card',
        board.archived ? 'table-card--archived' : '',
        dropTarget ? 'table-card--drop' : '',
      ].join(' ')}
      aria-labelledby={titleId}
      onDragOver={(e) => {
        if (!e.dataTransfer.types.includes(DRAG_TYPE)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'move';
        setDropTarget(true);
      }}
      onDragLeave={() => setDropTarget(false)}
      onDrop={(e) => {
        setDropTarget(false);
        const id = e.dataTransfer.getData(DRAG_TYPE);
        if (id && id !== board.id) {
          e.preventDefault();
          actions.drop(id, board);
        }
      }}
    >
      <div className="table-card__head">
        <span
          className="table-card__number"
          aria-hidden="true"
          draggable
          title={t('console.tables.drag')}
          onDragStart={(e) => {
            e.dataTransfer.setData(DRAG_TYPE, board.id);
            e.dataTransfer.effectAllowed = 'move';
          }}
        >
          {index + 1}
        </span>
        {renaming ? (
          <form className="inline-form table-card__rename" onSubmit={(e) => void rename(e)}>
            <label htmlFor={inputId} className="visually-hidden">
              {t('console.tables.renameLabel', { table: board.title })}
            </label>
            <input
              id={inputId}
              type="text"
              maxLength={200}
              value={draft}
              autoFocus
              onChange={(e) => setDraft(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Escape') setRenaming(false);
              }}
            />
            <button type="submit" className="button button--small button--primary">
              {t('common.save')}
            </button>
            <button
              type="button"
              className="button button--small"
              onClick={() => setRenaming(false)}
            >
              {t('common.cancel')}
            </button>
          </form>
        ) : (
          <h3 id={titleId} className="table-card__title">
            {board.title}
            {board.archived ? (
              <span className="pill pill--muted">{t('console.tables.archived')}</span>
            ) : null}
          </h3>
        )}
        {renaming ? null : (
          <span className="hint table-card__template">
            {t(`console.template.${board.template}`)}
          </span>
        )}
        <div className="table-card__actions">
          <button
            type="button"
            id={`move-up-${board.id}`}
            className="button button--small button--icon"
            aria-label={t('console.tables.moveUp', { table: board.title })}
            disabled={index === 0}
            onClick={() => actions.move(board, -1)}
          >
            <span aria-hidden="true">↑</span>
          </button>
          <button
            type="button"
            id={`move-down-${board.id}`}
            className="button button--small button--icon"
            aria-label={t('console.tables.moveDown', { table: board.title })}
            disabled={index === count - 1}
            onClick={() => actions.move(board, 1)}
          >
            <span aria-hidden="true">↓</span>
          </button>
          {renaming ? null : (
            <button
              type="button"
              ref={renameButton}
              className="button button--small"
              aria-label={t('console.tables.renameLabel', { table: board.title })}
              onClick={() => {
                setDraft(board.title);
                setRenaming(true);
              }}
            >
              {t('console.tables.rename')}
            </button>
          )}
          <button
            type="button"
            className="button button--small"
            aria-label={t(
              board.archived ? 'console.tables.unarchiveLabel' : 'console.tables.archiveLabel',
              {
                table: board.title,
              },
            )}
            onClick={() => actions.archive(board, !board.archived).catch(fail)}
          >
            {t(board.archived ? 'console.tables.unarchive' : 'console.tables.archive')}
          </button>
          <button
            type="button"
            className="button button--small button--ghost"
            aria-expanded={open}
            aria-controls={linksId}
            aria-label={t('console.tables.linksLabel', { table: board.title })}
            onClick={() => setOpen((o) => !o)}
          >
            {t('console.tables.links')}
            <span aria-hidden="true">{open ? '▴' : '▾'}</span>
          </button>
        </div>
      </div>
      {error ? (
        <p className="field-error" role="alert">
          {t('console.failed', { message: error })}
        </p>
      ) : null}
      <div id={linksId} hidden={!open}>
        {open ? <TableLinks board={board} onRotate={() => actions.rotate(board)} /> : null}
      </div>
    </li>
  );
}
