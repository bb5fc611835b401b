import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Note } from '@shared/board/note';
import { searchNotes } from '@shared/board/search';
import { useBoard } from '../kit/BoardContext';
import { useStore } from '../kit/useStore';
import { OutlineGroup } from './OutlineGroup';
import { noteDomId } from '../kit/ids';

function byReadingOrder(a: { x: number; y: number }, b: { x: number; y: number }): number {
  return a.y - b.y || a.x - b.x;
}

/**
 * The board as a structured list: clusters, then the notes in each. Every canvas verb is here as
 * a button or a select, and every action is announced through the page's live region.
 */
export function OutlineView() {
  const { t } = useTranslation();
  const { board, view } = useBoard();
  const snapshot = useStore(board.board);
  const query = useStore(view.search);
  const hits = useMemo(() => new Set(searchNotes(snapshot.notes, query)), [snapshot.notes, query]);

  const groups = useMemo(() => {
    const byCluster = new Map<string | null, Note[]>();
    for (const n of [...snapshot.notes].sort(byReadingOrder)) {
      const list = byCluster.get(n.clusterId) ?? [];
      list.push(n);
      byCluster.set(n.clusterId, list);
    }
    const clusters = [...snapshot.clusters].sort(byReadingOrder);
    return { clusters, byCluster };
  }, [snapshot]);

  // Focus follows the note an action or a search jump is about, even after it moved in the list.
  useEffect(
    () =>
      view.reveal.subscribe(() => {
        const r = view.reveal.get();
        if (!r) return;
        requestAnimationFrame(() => document.getElementById(noteDomId(r.noteId))?.focus());
      }),
    [view],
  );

  const empty = snapshot.notes.length === 0 && snapshot.clusters.length === 0;
  return (
    <div className="outline">
      <h2 className="visually-hidden">{t('outline.heading')}</h2>
      {empty ? <p className="outline__empty">{t('outline.empty')}</p> : null}
      {groups.clusters.map((c) => (
        <OutlineGroup
          key={c.id}
          cluster={c}
          notes={groups.byCluster.get(c.id) ?? []}
          clusters={groups.clusters}
          hits={hits}
        />
      ))}
      <OutlineGroup
        cluster={null}
        notes={groups.byCluster.get(null) ?? []}
        clusters={groups.clusters}
        hits={hits}
      />
    </div>
  );
}
