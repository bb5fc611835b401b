/**
 * What one device needs about the board page and nobody else does: selection, what is being
 * edited, the search, the view, and messages for screen readers. Shared by canvas and outline so
 * switching views keeps your place. No React here; components read it through `useStore`.
 */
import { createStore, type WritableStore } from '../sync/store';

export interface Selection {
  notes: ReadonlySet<string>;
  cluster: string | null;
}

export type Editing =
  | { kind: 'note'; id: string; isNew: boolean }
  | { kind: 'cluster'; id: string; isNew: boolean }
  | null;

export type ViewKind = 'canvas' | 'outline';

export interface Announcement {
  text: string;
  seq: number;
}

/** A request to bring a note into view (canvas) or focus (outline); `seq` makes repeats count. */
export interface Reveal {
  noteId: string;
  seq: number;
}

export interface ViewState {
  selection: WritableStore<Selection>;
  editing: WritableStore<Editing>;
  search: WritableStore<string>;
  view: WritableStore<ViewKind>;
  announcement: WritableStore<Announcement>;
  reveal: WritableStore<Reveal | null>;
  announce(text: string): void;
  revealNote(noteId: string): void;
  selectNotes(ids: Iterable<string>): void;
  selectCluster(id: string | null): void;
  clearSelection(): void;
}

export const EMPTY_SELECTION: Selection = { notes: new Set(), cluster: null };

/** Narrow screens (phones) open in the outline: it is the natural view there. */
export const NARROW_WIDTH = 700;

/** Creates the view state for one board page. */
export function createViewState(initialView: ViewKind): ViewState {
  const selection = createStore<Selection>(EMPTY_SELECTION);
  const announcement = createStore<Announcement>({ text: '', seq: 0 });
  const reveal = createStore<Reveal | null>(null);
  return {
    selection,
    editing: createStore<Editing>(null),
    search: createStore(''),
    view: createStore<ViewKind>(initialView),
    announcement,
    reveal,
    announce: (text) => announcement.update((a) => ({ text, seq: a.seq + 1 })),
    revealNote: (noteId) => reveal.update((r) => ({ noteId, seq: (r?.seq ?? 0) + 1 })),
    selectNotes: (ids) => selection.set({ notes: new Set(ids), cluster: null }),
    selectCluster: (id) => selection.set({ notes: new Set(), cluster: id }),
    clearSelection: () => {
      const s = selection.get();
      if (s.notes.size > 0 || s.cluster !== null) selection.set(EMPTY_SELECTION);
    },
  };
}
