/**
 * Hit testing in board coordinates with plain geometry: notes and clusters are rectangles, so
 * Konva's hit canvas (a second full render of every shape) is not needed and the static layer
 * stays non-listening.
 */
import type { Board } from '@shared/board/read';
import { NOTE_HEIGHT } from '@shared/board/note';
import { CLUSTER_HEADER_HEIGHT, compareClusterStacking, type Cluster } from '@shared/board/cluster';
import {
  noteRect,
  rectContainsPoint,
  rectsIntersect,
  type Point,
  type Rect,
} from '@shared/board/geometry';

/** Size of the resize grip at a selected cluster's bottom-right corner, in screen pixels. */
export const RESIZE_GRIP_PX = 18;

export type Hit =
  | { kind: 'note'; id: string }
  | { kind: 'clusterHeader'; id: string }
  | { kind: 'clusterResize'; id: string }
  | { kind: 'clusterBody'; id: string }
  | { kind: 'empty' };

/** What is under board point `p`; notes are above clusters, later notes above earlier ones. */
export function hitTest(
  board: Board,
  p: Point,
  scale: number,
  selectedCluster: string | null,
): Hit {
  for (let i = board.notes.length - 1; i >= 0; i--) {
    const note = board.notes[i];
    if (note && rectContainsPoint(noteRect(note), p)) return { kind: 'note', id: note.id };
  }
  if (selectedCluster !== null) {
    const c = board.clusters.find((x) => x.id === selectedCluster);
    const grip = RESIZE_GRIP_PX / scale;
    if (
      c &&
      rectContainsPoint(
        {
          x: c.x + c.width - grip,
          y: c.y + c.height - grip,
          width: grip * 1.5,
          height: grip * 1.5,
        },
        p,
      )
    ) {
      return { kind: 'clusterResize', id: c.id };
    }
  }
  const stacked: Cluster[] = [...board.clusters].sort(compareClusterStacking).reverse();
  for (const c of stacked) {
    if (!rectContainsPoint(c, p)) continue;
    return p.y <= c.y + CLUSTER_HEADER_HEIGHT
      ? { kind: 'clusterHeader', id: c.id }
      : { kind: 'clusterBody', id: c.id };
  }
  return { kind: 'empty' };
}

/** Ids of notes touching `rect` (for drag-rectangle selection). */
export function notesInRect(board: Board, rect: Rect): string[] {
  return board.notes.filter((n) => rectsIntersect(noteRect(n), rect)).map((n) => n.id);
}

/** Notes in reading order (rows top to bottom, then left to right) for keyboard stepping. */
export function readingOrder(board: Board): string[] {
  // Notes dropped by hand are rarely pixel-aligned: within half a note's height is one row.
  const rowTolerance = NOTE_HEIGHT / 2;
  return [...board.notes]
    .sort((a, b) => (Math.abs(a.y - b.y) < rowTolerance ? a.x - b.x || a.y - b.y : a.y - b.y))
    .map((n) => n.id);
}
