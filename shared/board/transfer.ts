import * as Y from 'yjs';
import { clusterAt, noteCenter } from './geometry';
import type { Note } from './note';
import { readBoard, readClusters } from './read';
import { boardRoots } from './roots';

/**
 * Copies validated notes into `doc` keeping their ids, authors and times (private notes being
 * revealed); each joins the cluster its centre lands in on the target board. Notes whose id
 * already exists there are skipped, so revealing twice changes nothing. Returns the ids copied.
 */
export function copyNotesInto(doc: Y.Doc, notes: readonly Note[], origin: object): string[] {
  const { notes: root } = boardRoots(doc);
  const clusters = readClusters(doc);
  const copied: string[] = [];
  doc.transact(() => {
    for (const note of notes) {
      if (root.has(note.id)) continue;
      const cluster = clusterAt(clusters, noteCenter(note));
      const fields: Record<string, unknown> = { ...note, clusterId: cluster?.id ?? null };
      root.set(note.id, new Y.Map<unknown>(Object.entries(fields)));
      copied.push(note.id);
    }
  }, origin);
  return copied;
}

/** Removes every note from `doc` (a private document after its notes were revealed). */
export function clearNotes(doc: Y.Doc, origin: object): void {
  const { notes } = boardRoots(doc);
  doc.transact(() => {
    for (const id of Array.from(notes.keys())) notes.delete(id);
  }, origin);
}

/** The valid notes of a document. */
export function notesOf(doc: Y.Doc): Note[] {
  return readBoard(doc).notes;
}
