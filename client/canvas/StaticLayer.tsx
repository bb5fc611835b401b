import { useMemo, useRef } from 'react';
import { Layer } from 'react-konva';
import { useTranslation } from 'react-i18next';
import type { Note } from '@shared/board/note';
import { rectsIntersect, expandRect, clusterRect } from '@shared/board/geometry';
import { visibleIds } from '@shared/board/geometry';
import { searchNotes } from '@shared/board/search';
import { useBoard } from '../ui/BoardContext';
import { useStore } from '../ui/useStore';
import type { CanvasState } from './canvasState';
import { DETAIL_SCALE, visibleRect } from './viewport';
import { NoteShape } from './NoteShape';
import { ClusterShape } from './ClusterShape';
import { bylineOf, clusterLabel } from './labels';

// Notes just outside the view are drawn too, so a short pan does not show pop-in.
const CULL_MARGIN = 200;

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}

/**
 * Clusters and notes: everything that only changes when the document does. Draws only what is
 * in view, and nothing that is being dragged, here or by others (the interactive layer draws that).
 */
export function StaticLayer({ canvas }: { canvas: CanvasState }) {
  const { t } = useTranslation();
  const { board, view } = useBoard();
  const snapshot = useStore(board.board);
  const vp = useStore(canvas.viewport);
  const size = useStore(canvas.size);
  const lifted = useStore(canvas.lifted);
  const peerLifted = useStore(canvas.peerLifted);
  const hidden = (id: string): boolean => lifted.has(id) || peerLifted.has(id);
  const query = useStore(view.search);
  const detail = vp.scale >= DETAIL_SCALE;
  const area = visibleRect(vp, size);

  const idsRef = useRef<string[]>([]);
  const ids = visibleIds(snapshot.notes, area, CULL_MARGIN / vp.scale);
  if (!sameIds(ids, idsRef.current)) idsRef.current = ids;
  const stableIds = idsRef.current;

  const visibleNotes = useMemo(() => {
    const byId = new Map(snapshot.notes.map((n) => [n.id, n]));
    return stableIds.map((id) => byId.get(id)).filter((n): n is Note => n !== undefined);
  }, [snapshot.notes, stableIds]);
  const hits = useMemo(() => new Set(searchNotes(snapshot.notes, query)), [snapshot.notes, query]);
  const counts = useMemo(() => {
    const map = new Map<string, number>();
    for (const n of snapshot.notes)
      if (n.clusterId) map.set(n.clusterId, (map.get(n.clusterId) ?? 0) + 1);
    return map;
  }, [snapshot.notes]);
  const margin = expandRect(area, CULL_MARGIN / vp.scale);

  return (
    <Layer listening={false}>
      {snapshot.clusters
        .filter((c) => !hidden(c.id) && rectsIntersect(clusterRect(c), margin))
        .map((c) => {
          const label = clusterLabel(c, t);
          return (
            <ClusterShape
              key={c.id}
              cluster={c}
              title={label.title}
              untitled={label.untitled}
              countLabel={t('cluster.count', { count: counts.get(c.id) ?? 0 })}
              detail={detail}
            />
          );
        })}
      {visibleNotes
        .filter((n) => !hidden(n.id))
        .map((n) => (
          <NoteShape
            key={n.id}
            note={n}
            detail={detail}
            highlight={hits.has(n.id)}
            byline={bylineOf(n, t)}
          />
        ))}
    </Layer>
  );
}
