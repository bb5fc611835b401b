/**
 * A snapshot store of the board for the UI. Re-reads the document after each transaction
 * (batched to one read per microtask) and keeps unchanged notes and clusters as the same objects,
 * so memoised shapes and list rows only re-render when their own record changed.
 */
import type * as Y from 'yjs';
import { readBoard, type Board } from '@shared/board/read';
import type { Note } from '@shared/board/note';
import type { Cluster } from '@shared/board/cluster';
import { createStore, type ReadableStore } from './store';

function sameRecord<T extends object>(a: T, b: T): boolean {
  const keys = Object.keys(a) as (keyof T)[];
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => Object.is(a[k], b[k]));
}

function reuse<T extends { id: string }>(
  next: T[],
  prev: readonly T[],
): { items: T[]; same: boolean } {
  const byId = new Map(prev.map((item) => [item.id, item]));
  let same = next.length === prev.length;
  const items = next.map((item, i) => {
    const old = byId.get(item.id);
    const kept = old && sameRecord(old, item) ? old : item;
    if (kept !== prev[i]) same = false;
    return kept;
  });
  return { items, same };
}

/** Merges a fresh read into the previous snapshot, keeping identity wherever nothing changed. */
export function mergeBoard(prev: Board, next: Board): Board {
  const notes = reuse<Note>(next.notes, prev.notes);
  const clusters = reuse<Cluster>(next.clusters, prev.clusters);
  if (notes.same && clusters.same) return prev;
  return {
    notes: notes.same ? prev.notes : notes.items,
    clusters: clusters.same ? prev.clusters : clusters.items,
  };
}

export interface BoardStore extends ReadableStore<Board> {
  destroy(): void;
}

/** Observes `doc` and exposes its board as immutable snapshots. */
export function createBoardStore(doc: Y.Doc): BoardStore {
  const store = createStore<Board>(readBoard(doc));
  let scheduled = false;
  const refresh = (): void => {
    scheduled = false;
    store.set(mergeBoard(store.get(), readBoard(doc)));
  };
  const onUpdate = (): void => {
    if (scheduled) return;
    scheduled = true;
    queueMicrotask(refresh);
  };
  doc.on('update', onUpdate);
  return {
    get: store.get,
    subscribe: store.subscribe,
    destroy: () => doc.off('update', onUpdate),
  };
}
