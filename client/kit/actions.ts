/**
 * The verbs of the board as the UI offers them: each calls the shared command module (so canvas
 * and outline write the same way, tagged with this user's origin) and announces the result for
 * screen readers. No React; strings come from i18next.
 */
import i18next from 'i18next';
import type { Point } from '@shared/board/geometry';
import { boundsOf, clusterRect, layoutNewNotePosition, noteRect } from '@shared/board/geometry';
import { NOTE_HEIGHT, NOTE_WIDTH, type NoteColor } from '@shared/board/note';
import { DEFAULT_CLUSTER_HEIGHT, DEFAULT_CLUSTER_WIDTH } from '@shared/board/cluster';
import { readBoard, readNote, type Board } from '@shared/board/read';
import { noteLangFor, type OpenBoard } from '../sync/openBoard';
import type { ViewState } from './viewState';
import { freeSpot } from './placement';
import { tidyDrops } from './tidy';

export interface BoardActions {
  /** Adds an empty note (at `at`, else a free spot near the view) and opens its editor. */
  addNote(at?: Point, clusterId?: string | null): string;
  /** Adds a cluster and opens its title editor. */
  addCluster(at?: Point): string;
  setNoteText(id: string, text: string): void;
  /** Ends editing a note; a new note left empty is removed again rather than littering the board. */
  finishNoteEdit(id: string, isNew: boolean): void;
  recolor(ids: readonly string[], color: NoteColor): void;
  deleteNotes(ids: readonly string[]): void;
  /** Moves notes; with `tidy` (a pointer drop) notes dropped onto others are nudged to free slots. */
  moveNotes(moves: readonly { id: string; x: number; y: number }[], tidy?: boolean): void;
  moveNoteToCluster(id: string, clusterId: string | null): void;
  renameCluster(id: string, title: string): void;
  moveCluster(id: string, dx: number, dy: number): void;
  resizeCluster(id: string, width: number, height: number): void;
  mergeClusters(targetId: string, sourceId: string): void;
  deleteCluster(id: string): void;
  undo(): void;
  redo(): void;
  /** Where the canvas is looking; the canvas registers it so new notes appear in view. */
  setAnchor(anchor: (() => Point) | null): void;
}

const t = (key: string, opts?: Record<string, unknown>): string => i18next.t(key, opts);

function clusterTitle(board: Board, id: string | null): string {
  if (id === null) return t('announce.noCluster');
  const title = board.clusters.find((c) => c.id === id)?.title.trim();
  return title ? title : t('cluster.untitled');
}

/** Builds the actions for one open board. */
export function createBoardActions(open: OpenBoard, view: ViewState): BoardActions {
  const { commands, undo } = open;
  // Every discrete action is its own undo step, however quickly they follow each other; only a
  // burst of typing merges (with the note it was typed into) within the capture timeout.
  const step = <T>(fn: () => T, thenMerge = false): T => {
    undo.stopCapturing();
    const result = fn();
    if (!thenMerge) undo.stopCapturing();
    return result;
  };
  let anchor: (() => Point) | null = null;
  const board = (): Board => open.board.get();

  // Without a canvas to look at, new things go below everything that is already there.
  const defaultAnchor = (): Point => {
    const b = board();
    const bounds = boundsOf([...b.notes.map(noteRect), ...b.clusters.map(clusterRect)]);
    return bounds ? { x: bounds.x, y: bounds.y + bounds.height + 40 } : { x: 0, y: 0 };
  };
  const occupied = () => {
    const b = board();
    return [...b.notes.map(noteRect), ...b.clusters.map(clusterRect)];
  };

  return {
    addNote(at, clusterId = null) {
      const center = at ?? (anchor ?? defaultAnchor)();
      const desired = at ? center : { x: center.x - NOTE_WIDTH / 2, y: center.y - NOTE_HEIGHT / 2 };
      const position = at || clusterId ? desired : layoutNewNotePosition(occupied(), desired);
      const id = step(
        () =>
          commands.addNote({
            ...open.author(),
            lang: noteLangFor(i18next.language),
            x: position.x,
            y: position.y,
            clusterId,
          }),
        true,
      );
      view.selectNotes([id]);
      view.editing.set({ kind: 'note', id, isNew: true });
      view.announce(t('announce.noteAdded'));
      return id;
    },
    addCluster(at) {
      const center = at ?? (anchor ?? defaultAnchor)();
      const desired = {
        x: center.x - DEFAULT_CLUSTER_WIDTH / 2,
        y: center.y - DEFAULT_CLUSTER_HEIGHT / 2,
      };
      const spot = freeSpot(occupied(), desired, {
        width: DEFAULT_CLUSTER_WIDTH,
        height: DEFAULT_CLUSTER_HEIGHT,
      });
      const id = step(() => commands.addCluster({ title: '', x: spot.x, y: spot.y }));
      view.selectCluster(id);
      view.editing.set({ kind: 'cluster', id, isNew: true });
      view.announce(t('announce.clusterAdded'));
      return id;
    },
    setNoteText(id, text) {
      commands.updateNoteText(id, text);
    },
    finishNoteEdit(id, isNew) {
      view.editing.set(null);
      // Straight from the doc: the snapshot store has not seen a write made a moment ago.
      const note = readNote(open.connection.doc, id);
      if (isNew && note && note.text.trim() === '') {
        step(() => commands.deleteNotes([id]));
        view.clearSelection();
        view.announce(t('announce.emptyNoteRemoved'));
      } else if (note) {
        view.announce(t('announce.noteSaved'));
      }
    },
    recolor(ids, color) {
      step(() => ids.forEach((id) => commands.recolorNote(id, color)));
      view.announce(t('announce.recolored', { count: ids.length, color: t(`color.${color}`) }));
    },
    deleteNotes(ids) {
      if (ids.length === 0) return;
      step(() => commands.deleteNotes(ids));
      view.clearSelection();
      view.announce(t('announce.notesDeleted', { count: ids.length }));
    },
    moveNotes(moves, tidy = false) {
      if (moves.length === 0) return;
      const before = new Map(board().notes.map((n) => [n.id, n.clusterId]));
      step(() => {
        commands.moveNotes(moves);
        if (!tidy) return;
        // Same undo step: the nudge is part of the drop.
        const fix = tidyDrops(
          readBoard(open.connection.doc),
          moves.map((m) => m.id),
        );
        for (const [id, height] of fix.heights) {
          const c = board().clusters.find((x) => x.id === id);
          if (c) commands.resizeCluster(id, c.width, height);
        }
        if (fix.moves.length > 0) commands.moveNotes(fix.moves);
      });
      // The snapshot store refreshes a microtask later; announce from the refreshed snapshot.
      queueMicrotask(() => {
        const now = board();
        const changed = moves.filter(
          (m) => now.notes.find((n) => n.id === m.id)?.clusterId !== before.get(m.id),
        );
        if (changed.length === 0) return;
        const target = now.notes.find((n) => n.id === changed[0]?.id)?.clusterId ?? null;
        view.announce(
          t('announce.movedTo', { count: changed.length, cluster: clusterTitle(now, target) }),
        );
      });
    },
    moveNoteToCluster(id, clusterId) {
      step(() => commands.setNoteCluster(id, clusterId));
      view.announce(t('announce.movedTo', { count: 1, cluster: clusterTitle(board(), clusterId) }));
    },
    renameCluster(id, title) {
      step(() => commands.renameCluster(id, title.trim()));
      view.announce(t('announce.clusterRenamed', { title: title.trim() || t('cluster.untitled') }));
    },
    moveCluster(id, dx, dy) {
      step(() => commands.moveCluster(id, dx, dy));
    },
    resizeCluster(id, width, height) {
      step(() => commands.resizeCluster(id, width, height));
    },
    mergeClusters(targetId, sourceId) {
      const b = board();
      const source = clusterTitle(b, sourceId);
      const target = clusterTitle(b, targetId);
      if (step(() => commands.mergeClusters(targetId, sourceId))) {
        view.selectCluster(targetId);
        view.announce(t('announce.clustersMerged', { source, target }));
      }
    },
    deleteCluster(id) {
      const title = clusterTitle(board(), id);
      step(() => commands.deleteCluster(id));
      view.clearSelection();
      view.announce(t('announce.clusterDeleted', { title }));
    },
    undo() {
      if (open.undo.undo()) view.announce(t('announce.undone'));
    },
    redo() {
      if (open.undo.redo()) view.announce(t('announce.redone'));
    },
    setAnchor(next) {
      anchor = next;
    },
  };
}
