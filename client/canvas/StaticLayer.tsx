import { useCallback, useMemo, useRef, useSyncExternalStore } from 'react';
import { Layer } from 'react-konva';
import { useTranslation } from 'react-i18next';
import type { Note } from '@shared/board/note';
import { rectsIntersect, clusterRect, visibleIds } from '@shared/board/geometry';
import { searchNotes } from '@shared/board/search';
import { useBoard } from '../kit/BoardContext';
import { useStore } from '../kit/useStore';
import type { CanvasState } from '../kit/canvas/canvasState';
import { cullWindowFor, type CullWindow } from './cullWindow';
import { NoteShape } from './NoteShape';
import { ClusterShape } from './ClusterShape';
import { bylineOf, clusterLabel } from '../kit/labels';

/**
 * The cull window (see cullWindow.ts) as React state: a render only when the window changes,
 * not on every step of a pan.
 */
function useCullWindow(canvas: CanvasState): CullWindow {
  const last = useRef<CullWindow | null>(null);
  const subscribe = useCallback(
    (onChange: () => void) => {
      const offViewport = canvas.viewport.subscribe(onChange);
      const offSize = canvas.size.subscribe(onChange);
      return () => {
        offViewport();
        offSize();
      };
    },
    [canvas],
  );
  const get = () =>
    (last.current = cullWindowFor(canvas.viewport.get(), canvas.size.get(), last.current));
  return useSyncExternalStore(subscribe, get, get);
}

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
  const cull = useCullWindow(canvas);
  const lifted = useStore(canvas.lifted);
  const peerLifted = useStore(canvas.peerLifted);
  const hidden = (id: string): boolean => lifted.has(id) || peerLifted.has(id);
  const query = useStore(view.search);
  const detail = cull.detail;

  const idsRef = useRef<string[]>([]);
  const ids = visibleIds(snapshot.notes, cull.rect);
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
  return (
    <Layer listening={false}>
      {snapshot.clusters
        .filter((c) => !hidden(c.id) && rectsIntersect(clusterRect(c), cull.rect))
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
