import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { searchNotes } from '@shared/board/search';
import { useBoard } from '../../kit/BoardContext';
import { useStore } from '../../kit/useStore';
import { Icon } from '../../kit/Icon';

/** Search notes by text; Enter or the arrows jump from match to match. */
export function SearchBox() {
  const { t } = useTranslation();
  const { board, view } = useBoard();
  const query = useStore(view.search);
  const snapshot = useStore(board.board);
  const reveal = useStore(view.reveal);
  const inputId = useId();
  const countId = useId();
  const matches = useMemo(() => searchNotes(snapshot.notes, query), [snapshot.notes, query]);
  const currentIndex = reveal ? matches.indexOf(reveal.noteId) : -1;

  const jump = (step: 1 | -1): void => {
    if (matches.length === 0) return;
    const next =
      currentIndex < 0
        ? step === 1
          ? 0
          : matches.length - 1
        : (currentIndex + step + matches.length) % matches.length;
    const id = matches[next];
    if (id === undefined) return;
    view.selectNotes([id]);
    view.revealNote(id);
    view.announce(t('search.position', { index: next + 1, count: matches.length }));
  };

  return (
    <div className="search" role="search">
      <label htmlFor={inputId} className="visually-hidden">
        {t('search.label')}
      </label>
      <span className="search__icon">
        <Icon name="search" />
      </span>
      <input
        id={inputId}
        type="search"
        value={query}
        placeholder={t('search.placeholder')}
        aria-describedby={query ? countId : undefined}
        onChange={(e) => view.search.set(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            jump(e.shiftKey ? -1 : 1);
          }
        }}
      />
      {query ? (
        <>
          <span id={countId} className="search__count" aria-live="polite">
            {currentIndex >= 0
              ? t('search.position', { index: currentIndex + 1, count: matches.length })
              : t('search.matches', { count: matches.length })}
          </span>
          <button
            type="button"
            className="button button--icon"
            onClick={() => jump(-1)}
            disabled={matches.length === 0}
            aria-label={t('search.previous')}
          >
            <Icon name="up" />
          </button>
          <button
            type="button"
            className="button button--icon"
            onClick={() => jump(1)}
            disabled={matches.length === 0}
            aria-label={t('search.next')}
          >
            <Icon name="down" />
          </button>
        </>
      ) : null}
    </div>
  );
}
