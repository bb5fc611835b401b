import * as Y from 'yjs';
import { boardRoots } from './roots';

/** Edits closer together than this merge into one undo step (e.g. a burst of typing). */
export const UNDO_CAPTURE_TIMEOUT_MS = 500;

/**
 * An undo manager for one user's board edits: it tracks notes and clusters (not meta, which only
 * migrations write) and only transactions whose origin is `origin`, so remote edits are never undone.
 */
export function createUndoManager(doc: Y.Doc, origin: object): Y.UndoManager {
  const { notes, clusters } = boardRoots(doc);
  return new Y.UndoManager([notes, clusters], {
    trackedOrigins: new Set([origin]),
    captureTimeout: UNDO_CAPTURE_TIMEOUT_MS,
  });
}
