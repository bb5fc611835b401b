import * as Y from 'yjs';
import {
  MAX_CLUSTER_TITLE,
  NOTE_GAP,
  clampClusterHeight,
  clampClusterWidth,
  clusterDefaults,
  newClusterId,
} from './cluster';
import type { Cluster } from './cluster';
import {
  clusterAt,
  clusterRect,
  findClusterSlot,
  layoutNewNotePosition,
  noteCenter,
  noteRect,
} from './geometry';
import type { Point, Rect } from './geometry';
import {
  MAX_AUTHOR_ID,
  MAX_AUTHOR_NAME,
  MAX_NOTE_TEXT,
  clampCoord,
  clampText,
  isNoteColor,
  isNoteLang,
  newNoteId,
  noteDefaults,
} from './note';
import type { Note, NoteColor, NoteLang } from './note';
import { readBoard, readCluster, readClusters } from './read';
import type { Board } from './read';
import { boardRoots } from './roots';
import { invalid, requireFinite, requireNullableString, requireString } from './commandInput';

export { BoardCommandError } from './commandInput';
export type { BoardCommandErrorCode } from './commandInput';

export interface NewNoteInput {
  text?: string;
  color?: NoteColor;
  x: number;
  y: number;
  authorId: string | null;
  authorName: string | null;
  lang: NoteLang;
  /** Omit or null: the position decides. An existing cluster id: the note goes into it. */
  clusterId?: string | null;
}

export interface NoteMove {
  id: string;
  x: number;
  y: number;
}

export interface NewClusterInput {
  title: string;
  x: number;
  y: number;
  width?: number;
  height?: number;
}

export interface BoardCommandOptions {
  /** Id source; tests inject a seeded one. Defaults to a random id. */
  newId?: () => string;
  /** Clock for createdAt; defaults to Date.now. */
  now?: () => number;
}

/** Every write a user can make to a board; each call is one transaction tagged with the origin. */
export interface BoardCommands {
  /** Adds a note and returns its id. */
  addNote(input: NewNoteInput): string;
  /** Replaces a note's text (clamped to MAX_NOTE_TEXT); false if the note is gone. */
  updateNoteText(id: string, text: string): boolean;
  /** Changes a note's colour; false if the note is gone. */
  recolorNote(id: string, color: NoteColor): boolean;
  /** Moves notes in one transaction; each joins the cluster its centre lands in, or none. */
  moveNotes(moves: readonly NoteMove[]): boolean;
  /** Puts a note into a cluster's free slot, or (null) just outside any cluster. */
  setNoteCluster(id: string, clusterId: string | null): boolean;
  /** Deletes notes; false if none of them existed. */
  deleteNotes(ids: readonly string[]): boolean;
  /** Adds a cluster on top of the others and returns its id. */
  addCluster(input: NewClusterInput): string;
  /** Changes a cluster's title (clamped to MAX_CLUSTER_TITLE); false if the cluster is gone. */
  renameCluster(id: string, title: string): boolean;
  /** Moves a cluster and its notes by (dx, dy); false if the cluster is gone. */
  moveCluster(id: string, dx: number, dy: number): boolean;
  /** Resizes a cluster (clamped to its min and max); notes keep their membership. */
  resizeCluster(id: string, width: number, height: number): boolean;
  /** Moves the source's notes into free slots of the target, growing it, and deletes the source. */
  mergeClusters(targetId: string, sourceId: string): boolean;
  /** Deletes a cluster; its notes stay where they are, unclustered. */
  deleteCluster(id: string): boolean;
}

// Writing an unchanged value still creates an op (and an undo step), so skip it.
function setIfChanged(map: Y.Map<unknown>, key: string, value: unknown): void {
  if (map.get(key) !== value) map.set(key, value);
}

function newRecordMap(fields: Record<string, unknown>): Y.Map<unknown> {
  return new Y.Map<unknown>(Object.entries(fields));
}

function noteRectsExcept(board: Board, excluded: ReadonlySet<string>): Rect[] {
  return board.notes.filter((n) => !excluded.has(n.id)).map(noteRect);
}

/** Creates the command API over `doc`; every write is `doc.transact(fn, origin)`. */
export function createBoardCommands(
  doc: Y.Doc,
  origin: object,
  options: BoardCommandOptions = {},
): BoardCommands {
  const { notes, clusters } = boardRoots(doc);
  const newId = options.newId;
  const now = options.now ?? Date.now;

  const transact = (fn: () => void): void => doc.transact(fn, origin);
  const noteMap = (id: string): Y.Map<unknown> | null => {
    const value = notes.get(id);
    return value instanceof Y.Map ? value : null;
  };
  const clusterMap = (id: string): Y.Map<unknown> | null => {
    const value = clusters.get(id);
    return value instanceof Y.Map && readCluster(doc, id) !== null ? value : null;
  };

  // Puts one note into a free slot of `cluster` and grows the cluster if the slot is below it.
  const placeInCluster = (
    map: Y.Map<unknown>,
    cluster: Cluster,
    occupied: Rect[],
    stack: readonly Cluster[],
  ): Cluster => {
    const slot = findClusterSlot(cluster, occupied, stack);
    const height = clampClusterHeight(slot.height);
    if (height !== cluster.height) clusterMap(cluster.id)?.set('height', height);
    setIfChanged(map, 'x', slot.position.x);
    setIfChanged(map, 'y', slot.position.y);
    setIfChanged(map, 'clusterId', cluster.id);
    occupied.push(noteRect(slot.position));
    return { ...cluster, height };
  };

  // A position outside every cluster, near `desired`, so an unclustered note looks unclustered.
  const freePositionOutside = (board: Board, excluded: string, desired: Point): Point =>
    layoutNewNotePosition(
      [...noteRectsExcept(board, new Set([excluded])), ...board.clusters.map(clusterRect)],
      desired,
    );

  return {
    addNote(input) {
      const x = clampCoord(requireFinite(input.x, 'x'));
      const y = clampCoord(requireFinite(input.y, 'y'));
      const color = input.color ?? noteDefaults.color;
      if (!isNoteColor(color)) invalid(`unknown note colour: ${String(color)}`);
      if (!isNoteLang(input.lang)) invalid(`unknown note language: ${String(input.lang)}`);
      const text = clampText(requireString(input.text ?? noteDefaults.text, 'text'), MAX_NOTE_TEXT);
      const authorId = requireNullableString(input.authorId, 'authorId');
      // An id is not clamped like a name: a truncated id would attribute the note to someone else.
      if (authorId !== null && authorId.length > MAX_AUTHOR_ID) invalid('authorId is too long');
      const authorName = requireNullableString(input.authorName, 'authorName');
      const id = newId ? newId() : newNoteId();
      transact(() => {
        // Only clusters here: reading every note on each add would make bulk adds quadratic.
        const stack = readClusters(doc);
        const map = newRecordMap({
          text,
          color,
          x,
          y,
          authorId: authorId === '' ? null : authorId,
          authorName: authorName === null ? null : clampText(authorName, MAX_AUTHOR_NAME),
          lang: input.lang,
          clusterId: clusterAt(stack, noteCenter({ x, y }))?.id ?? null,
          createdAt: now(),
        } satisfies Omit<Note, 'id'>);
        notes.set(id, map);
        const wanted = input.clusterId ? stack.find((c) => c.id === input.clusterId) : null;
        if (wanted && map.get('clusterId') !== wanted.id) {
          const occupied = noteRectsExcept(readBoard(doc), new Set([id]));
          placeInCluster(map, wanted, occupied, stack);
        }
      });
      return id;
    },

    updateNoteText(id, text) {
      const clamped = clampText(requireString(text, 'text'), MAX_NOTE_TEXT);
      const map = noteMap(id);
      if (!map) return false;
      transact(() => setIfChanged(map, 'text', clamped));
      return true;
    },

    recolorNote(id, color) {
      if (!isNoteColor(color)) invalid(`unknown note colour: ${String(color)}`);
      const map = noteMap(id);
      if (!map) return false;
      transact(() => setIfChanged(map, 'color', color));
      return true;
    },

    moveNotes(moves) {
      const clean = moves.map((m) => ({
        id: requireString(m.id, 'id'),
        x: clampCoord(requireFinite(m.x, 'x')),
        y: clampCoord(requireFinite(m.y, 'y')),
      }));
      let moved = false;
      transact(() => {
        const stack = readClusters(doc);
        for (const move of clean) {
          const map = noteMap(move.id);
          if (!map) continue;
          moved = true;
          setIfChanged(map, 'x', move.x);
          setIfChanged(map, 'y', move.y);
          setIfChanged(map, 'clusterId', clusterAt(stack, noteCenter(move))?.id ?? null);
        }
      });
      return moved;
    },

    setNoteCluster(id, clusterId) {
      const map = noteMap(id);
      if (!map) return false;
      const board = readBoard(doc);
      const note = board.notes.find((n) => n.id === id);
      if (!note) return false;
      if (clusterId === null) {
        if (note.clusterId === null && !clusterAt(board.clusters, noteCenter(note))) return true;
        const from = board.clusters.find((c) => c.id === note.clusterId);
        // Beside the cluster it leaves, so the note stays near where the user last saw it.
        const desired = from ? { x: from.x + from.width + 2 * NOTE_GAP, y: from.y } : note;
        const position = freePositionOutside(board, id, desired);
        transact(() => {
          setIfChanged(map, 'x', position.x);
          setIfChanged(map, 'y', position.y);
          setIfChanged(map, 'clusterId', null);
        });
        return true;
      }
      const target = board.clusters.find((c) => c.id === clusterId);
      if (!target) return false;
      if (note.clusterId === target.id) return true;
      transact(() => {
        placeInCluster(map, target, noteRectsExcept(board, new Set([id])), board.clusters);
      });
      return true;
    },

    deleteNotes(ids) {
      const existing = ids.filter((id) => notes.has(id));
      if (existing.length === 0) return false;
      transact(() => {
        for (const id of existing) notes.delete(id);
      });
      return true;
    },

    addCluster(input) {
      const x = clampCoord(requireFinite(input.x, 'x'));
      const y = clampCoord(requireFinite(input.y, 'y'));
      const width = clampClusterWidth(requireFinite(input.width ?? clusterDefaults.width, 'width'));
      const height = clampClusterHeight(
        requireFinite(input.height ?? clusterDefaults.height, 'height'),
      );
      const title = clampText(
        requireString(input.title ?? clusterDefaults.title, 'title'),
        MAX_CLUSTER_TITLE,
      );
      const id = newId ? newId() : newClusterId();
      transact(() => {
        const stack = readClusters(doc);
        const order = stack.reduce((max, c) => Math.max(max, c.order), 0) + 1;
        clusters.set(
          id,
          newRecordMap({ title, x, y, width, height, order, createdAt: now() } satisfies Omit<
            Cluster,
            'id'
          >),
        );
      });
      return id;
    },

    renameCluster(id, title) {
      const clamped = clampText(requireString(title, 'title'), MAX_CLUSTER_TITLE);
      const map = clusterMap(id);
      if (!map) return false;
      transact(() => setIfChanged(map, 'title', clamped));
      return true;
    },

    moveCluster(id, dx, dy) {
      requireFinite(dx, 'dx');
      requireFinite(dy, 'dy');
      const map = clusterMap(id);
      const cluster = readCluster(doc, id);
      if (!map || !cluster) return false;
      const board = readBoard(doc);
      transact(() => {
        setIfChanged(map, 'x', clampCoord(cluster.x + dx));
        setIfChanged(map, 'y', clampCoord(cluster.y + dy));
        for (const note of board.notes) {
          if (note.clusterId !== id) continue;
          const noteMapValue = noteMap(note.id);
          if (!noteMapValue) continue;
          setIfChanged(noteMapValue, 'x', clampCoord(note.x + dx));
          setIfChanged(noteMapValue, 'y', clampCoord(note.y + dy));
        }
      });
      return true;
    },

    resizeCluster(id, width, height) {
      const w = clampClusterWidth(requireFinite(width, 'width'));
      const h = clampClusterHeight(requireFinite(height, 'height'));
      const map = clusterMap(id);
      if (!map) return false;
      transact(() => {
        setIfChanged(map, 'width', w);
        setIfChanged(map, 'height', h);
      });
      return true;
    },

    mergeClusters(targetId, sourceId) {
      if (targetId === sourceId) return false;
      const board = readBoard(doc);
      let target = board.clusters.find((c) => c.id === targetId);
      const source = board.clusters.find((c) => c.id === sourceId);
      if (!target || !source) return false;
      const moving = board.notes
        .filter((n) => n.clusterId === sourceId)
        .sort((a, b) => a.y - b.y || a.x - b.x);
      const movingIds = new Set(moving.map((n) => n.id));
      const occupied = noteRectsExcept(board, movingIds);
      const stack = board.clusters.filter((c) => c.id !== sourceId);
      transact(() => {
        for (const note of moving) {
          const map = noteMap(note.id);
          if (!map || !target) continue;
          target = placeInCluster(map, target, occupied, stack);
        }
        clusters.delete(sourceId);
      });
      return true;
    },

    deleteCluster(id) {
      if (!clusters.has(id)) return false;
      transact(() => {
        // Raw maps, not readBoard: even a note that fails validation must not keep a dangling id.
        notes.forEach((value) => {
          if (value instanceof Y.Map && value.get('clusterId') === id) value.set('clusterId', null);
        });
        clusters.delete(id);
      });
      return true;
    },
  };
}
