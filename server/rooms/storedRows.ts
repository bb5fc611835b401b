import * as Y from 'yjs';

/**
 * Applies a document's stored rows to `doc`. A row that cannot be read (a damaged disk, or content
 * an older server let through) must not take the board down with it: when the merged rows fail,
 * they are applied one by one into `fresh()` instead and those that fail are left out, so the
 * document opens from what is good. Returns the document holding the rows, how many were left
 * out, and the first error (null when all applied).
 */
export function applyStoredRows(
  doc: Y.Doc,
  updates: Uint8Array[],
  origin: unknown,
  fresh: () => Y.Doc,
): { doc: Y.Doc; skipped: number; error: unknown } {
  try {
    const merged = updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates);
    Y.applyUpdate(doc, merged, origin);
    return { doc, skipped: 0, error: null };
  } catch (error) {
    doc.destroy();
    const rebuilt = fresh();
    let skipped = 0;
    for (const update of updates) {
      try {
        Y.applyUpdate(rebuilt, update, origin);
      } catch {
        skipped += 1;
      }
    }
    return { doc: rebuilt, skipped, error };
  }
}
