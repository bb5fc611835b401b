import * as Y from 'yjs';
import { boardRoots } from './roots';
import { childTypesOf } from './yjsTypes';

/**
 * Restoring a snapshot. The board's content (meta, notes, clusters, proposals) is made equal to a
 * snapshot's by ordinary writes on the live document — deletes, sets and re-created records —
 * so restoring is a new change that every connected peer receives and merges like any other,
 * and nothing in the history is rewritten. Records are updated field by field, so a field that
 * already has the snapshot's value is not touched. New roots must be added here when they land.
 */

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && a.every((byte, i) => byte === b[i]);
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (a instanceof Uint8Array || b instanceof Uint8Array) {
    return a instanceof Uint8Array && b instanceof Uint8Array && sameBytes(a, b);
  }
  if (a instanceof Y.AbstractType || b instanceof Y.AbstractType) {
    return (
      a instanceof Y.AbstractType &&
      b instanceof Y.AbstractType &&
      a.constructor === b.constructor &&
      JSON.stringify(a.toJSON()) === JSON.stringify(b.toJSON())
    );
  }
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
    return JSON.stringify(a) === JSON.stringify(b);
  }
  return false;
}

// A value of the snapshot document that can be inserted into the live one.
function cloneValue(value: unknown): unknown {
  if (value instanceof Y.AbstractType) return value.clone();
  if (value instanceof Uint8Array) return value.slice();
  if (typeof value === 'object' && value !== null) return JSON.parse(JSON.stringify(value));
  return value;
}

/** Nesting no board record reaches; the schema refuses it since validation came in. */
const UNREADABLE_DEPTH = 64;

/**
 * True when `value` nests shared types deeper than any record may: content an older server let
 * through. Yjs deletes nested types recursively, so deleting or overwriting it would overflow the
 * stack; it is left where it is (every reader skips it) and restore goes on. Breadth-first and
 * bounded, never recursive.
 */
function unreadable(value: unknown): boolean {
  if (!(value instanceof Y.AbstractType)) return false;
  let level: Array<Y.AbstractType<unknown>> = [value];
  for (let depth = 0; level.length > 0; depth++) {
    if (depth > UNREADABLE_DEPTH) return true;
    const next: Array<Y.AbstractType<unknown>> = [];
    for (const type of level) next.push(...childTypesOf(type));
    level = next;
  }
  return false;
}

// Makes `live` equal to `snap`, recursing into nested maps present on both sides.
function syncMap(live: Y.Map<unknown>, snap: Y.Map<unknown>, depth = 0): void {
  for (const key of Array.from(live.keys())) {
    if (!snap.has(key) && !unreadable(live.get(key))) live.delete(key);
  }
  snap.forEach((value, key) => {
    const current = live.get(key);
    if (unreadable(current) || unreadable(value) || depth > UNREADABLE_DEPTH) return;
    if (value instanceof Y.Map && current instanceof Y.Map) {
      syncMap(current, value, depth + 1);
    } else if (!live.has(key) || !sameValue(current, value)) {
      live.set(key, cloneValue(value));
    }
  });
}

/**
 * Makes the content of `doc` (meta, notes, clusters, proposals) equal to that of `snapshotDoc` in one
 * transaction tagged with `origin`. Returns true when anything was written.
 */
export function restoreBoardContent(doc: Y.Doc, snapshotDoc: Y.Doc, origin: unknown): boolean {
  const live = boardRoots(doc);
  const snap = boardRoots(snapshotDoc);
  let changed = false;
  const onUpdate = () => {
    changed = true;
  };
  doc.on('update', onUpdate);
  try {
    doc.transact(() => {
      syncMap(live.meta, snap.meta);
      syncMap(live.notes as Y.Map<unknown>, snap.notes as Y.Map<unknown>);
      syncMap(live.clusters as Y.Map<unknown>, snap.clusters as Y.Map<unknown>);
      // A proposal that differs is replaced whole (rich text is not merged field by field).
      syncMap(live.proposals as Y.Map<unknown>, snap.proposals as Y.Map<unknown>);
    }, origin);
  } finally {
    doc.off('update', onUpdate);
  }
  return changed;
}

/** A detached copy of `doc` (e.g. to keep as a snapshot in memory). */
export function copyDoc(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}
