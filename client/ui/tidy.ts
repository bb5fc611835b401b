/**
 * After a drag into a cluster, a note dropped on top of another is nudged into the cluster's
 * first free slot, so clustering by drag never leaves notes hidden under each other. Pure.
 */
import type { Board } from '@shared/board/read';
import { findClusterSlot, noteRect, rectsIntersect, type Rect } from '@shared/board/geometry';
import type { NoteMove } from '@shared/board/commands';

/** Moves that take each of `movedIds` off any note it covers, within its cluster; may be empty. */
export function tidyDrops(board: Board, movedIds: readonly string[]): NoteMove[] {
  const byId = new Map(board.notes.map((n) => [n.id, n]));
  const placed = new Map<string, Rect>(board.notes.map((n) => [n.id, noteRect(n)]));
  const fixes: NoteMove[] = [];
  for (const id of movedIds) {
    const note = byId.get(id);
    if (!note || note.clusterId === null) continue;
    const cluster = board.clusters.find((c) => c.id === note.clusterId);
    if (!cluster) continue;
    const mine = placed.get(id);
    const others = [...placed].filter(([other]) => other !== id).map(([, rect]) => rect);
    if (!mine || !others.some((r) => rectsIntersect(r, mine))) continue;
    const slot = findClusterSlot(cluster, others, board.clusters);
    // Only a slot inside the cluster as it is: growing it is the merge command's business.
    if (slot.height > cluster.height) continue;
    fixes.push({ id, x: slot.position.x, y: slot.position.y });
    placed.set(id, noteRect(slot.position));
  }
  return fixes;
}
