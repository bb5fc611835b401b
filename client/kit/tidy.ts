/**
 * After a drag into a cluster, a note dropped on top of another is nudged into the cluster's
 * first free slot (growing the cluster if it is full), so clustering by drag never leaves notes
 * hidden under each other. Pure.
 */
import type { Board } from '@shared/board/read';
import type { Cluster } from '@shared/board/cluster';
import { findClusterSlot, noteRect, rectsIntersect, type Rect } from '@shared/board/geometry';
import type { NoteMove } from '@shared/board/commands';

export interface Tidy {
  moves: NoteMove[];
  /** New heights for clusters that must grow to hold the nudged notes; apply before `moves`. */
  heights: Map<string, number>;
}

/** What to do so that none of `movedIds` covers another note; empty when nothing does. */
export function tidyDrops(board: Board, movedIds: readonly string[]): Tidy {
  const byId = new Map(board.notes.map((n) => [n.id, n]));
  const placed = new Map<string, Rect>(board.notes.map((n) => [n.id, noteRect(n)]));
  const clusters = new Map<string, Cluster>(board.clusters.map((c) => [c.id, c]));
  const result: Tidy = { moves: [], heights: new Map() };
  for (const id of movedIds) {
    const note = byId.get(id);
    const cluster = note?.clusterId ? clusters.get(note.clusterId) : undefined;
    const mine = placed.get(id);
    if (!cluster || !mine) continue;
    const others = [...placed].filter(([other]) => other !== id).map(([, rect]) => rect);
    if (!others.some((r) => rectsIntersect(r, mine))) continue;
    const slot = findClusterSlot(cluster, others, [...clusters.values()]);
    if (slot.height > cluster.height) {
      clusters.set(cluster.id, { ...cluster, height: slot.height });
      result.heights.set(cluster.id, slot.height);
    }
    result.moves.push({ id, x: slot.position.x, y: slot.position.y });
    placed.set(id, noteRect(slot.position));
  }
  return result;
}
