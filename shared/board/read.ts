import * as Y from 'yjs';
import { compareClusterStacking, validateCluster } from './cluster';
import type { Cluster } from './cluster';
import { validateNote } from './note';
import type { Note } from './note';
import { boardRoots } from './roots';

/** A plain snapshot of a board: notes by createdAt then id, clusters bottom to top. */
export interface Board {
  notes: Note[];
  clusters: Cluster[];
}

function compareNotes(a: Note, b: Note): number {
  return a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

// Stored boards may hold anything an older server let through, so every record is validated on
// the way out. Fields are read one level deep, never with toJSON: a type nested fifty thousand
// levels under a field would overflow the stack of a recursive read.
function recordOf(id: string, value: unknown): unknown {
  if (!(value instanceof Y.Map)) return null;
  const record: Record<string, unknown> = {};
  for (const [key, field] of value.entries()) {
    if (field instanceof Y.AbstractType) return null;
    record[key] = field;
  }
  record.id = id;
  return record;
}

/** One cluster, or null when missing or invalid. */
export function readCluster(doc: Y.Doc, id: string): Cluster | null {
  return validateCluster(recordOf(id, boardRoots(doc).clusters.get(id)));
}

/** One note, or null when missing or invalid; a clusterId naming no valid cluster reads as null. */
export function readNote(doc: Y.Doc, id: string): Note | null {
  const note = validateNote(recordOf(id, boardRoots(doc).notes.get(id)));
  if (note && note.clusterId !== null && readCluster(doc, note.clusterId) === null) {
    return { ...note, clusterId: null };
  }
  return note;
}

/** Every valid cluster, bottom to top. */
export function readClusters(doc: Y.Doc): Cluster[] {
  const clusters: Cluster[] = [];
  boardRoots(doc).clusters.forEach((value, id) => {
    const cluster = validateCluster(recordOf(id, value));
    if (cluster) clusters.push(cluster);
  });
  return clusters.sort(compareClusterStacking);
}

/** The whole board; invalid records are skipped and dangling clusterIds read as null. */
export function readBoard(doc: Y.Doc): Board {
  const clusters = readClusters(doc);
  const clusterIds = new Set(clusters.map((c) => c.id));
  const notes: Note[] = [];
  boardRoots(doc).notes.forEach((value, id) => {
    const note = validateNote(recordOf(id, value));
    if (!note) return;
    // A note can point at a cluster someone deleted concurrently; readers must agree it has none.
    notes.push(
      note.clusterId !== null && !clusterIds.has(note.clusterId)
        ? { ...note, clusterId: null }
        : note,
    );
  });
  return { notes: notes.sort(compareNotes), clusters };
}
