/**
 * Presence over Yjs awareness: who is here, where their pointer is and what they are dragging.
 * Pointer and drag changes are batched into one awareness update per CURSOR_INTERVAL_MS. Viewers
 * never call into this with a user, so they never send anything.
 */
import type { Awareness } from 'y-protocols/awareness';
import { createStore, type ReadableStore } from './store';

export const CURSOR_INTERVAL_MS = 50;

/**
 * The awareness field of the canvas pointer. Not `cursor`: rich-text editors (the proposal editor's
 * Yjs binding) own that field for their carets, `{ anchor, head }` as relative positions.
 */
export const POINTER_FIELD = 'pointer';

/** The awareness field of a drag in progress: the document is written only on the drop. */
export const DRAG_FIELD = 'drag';

/** More notes than this in one drag are not published: others see them move on the drop. */
export const MAX_DRAG_IDS = 200;

// The server closes a connection whose state passes 8 KiB (server/config.ts); the drag keeps
// well under, leaving room for the user, the pointer and an editor caret.
const MAX_DRAG_CHARS = 6 * 1024;

/**
 * A drag as others see it, in board units. A cluster's notes are not listed: they are the notes
 * in that cluster, which is also what the drop moves.
 */
export type PeerDrag =
  | { kind: 'notes'; ids: readonly string[]; dx: number; dy: number }
  | { kind: 'cluster'; id: string; dx: number; dy: number }
  | { kind: 'resize'; id: string; width: number; height: number };

export interface PeerUser {
  id: string;
  name: string;
  color: string;
}

export interface Peer {
  clientId: number;
  user: PeerUser;
  cursor: { x: number; y: number } | null;
  drag: PeerDrag | null;
}

export interface Presence {
  readonly peers: ReadableStore<Peer[]>;
  /** Publishes our pointer in board coordinates (null when it left the canvas). */
  setCursor(cursor: { x: number; y: number } | null): void;
  /** Publishes the drag in progress; null on drop, cancel or when the canvas goes away. */
  setDrag(drag: PeerDrag | null): void;
  destroy(): void;
}

// Dark enough for white label text at WCAG AA (≥ 4.5:1).
const CURSOR_COLORS = ['#1565C0', '#AD1457', '#2E7D32', '#6A1B9A', '#C62828', '#00695C', '#4E342E'];

/** A stable colour for a user id. */
export function colorForUser(id: string): string {
  let hash = 0;
  for (let i = 0; i < id.length; i++) hash = (hash * 31 + id.charCodeAt(i)) | 0;
  return CURSOR_COLORS[Math.abs(hash) % CURSOR_COLORS.length] ?? '#1565C0';
}

// A tenth of a board unit is finer than any zoom shows, and keeps every frame short.
const round = (v: number): number => Math.round(v * 10) / 10;

/** The drag as published: rounded, or null when it has too many notes to send. */
export function encodeDrag(drag: PeerDrag | null): PeerDrag | null {
  if (!drag) return null;
  let out: PeerDrag;
  switch (drag.kind) {
    case 'notes':
      if (drag.ids.length === 0 || drag.ids.length > MAX_DRAG_IDS) return null;
      out = { kind: 'notes', ids: [...drag.ids], dx: round(drag.dx), dy: round(drag.dy) };
      break;
    case 'cluster':
      out = { kind: 'cluster', id: drag.id, dx: round(drag.dx), dy: round(drag.dy) };
      break;
    case 'resize':
      out = { kind: 'resize', id: drag.id, width: round(drag.width), height: round(drag.height) };
      break;
  }
  return JSON.stringify(out).length <= MAX_DRAG_CHARS ? out : null;
}

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isId = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 64;

/** Reads someone's published drag; anything malformed reads as no drag. */
export function readDrag(value: unknown): PeerDrag | null {
  if (typeof value !== 'object' || value === null) return null;
  const d = value as Record<string, unknown>;
  if (d.kind === 'notes' && Array.isArray(d.ids) && finite(d.dx) && finite(d.dy)) {
    const ids: unknown[] = d.ids;
    if (ids.length === 0 || ids.length > MAX_DRAG_IDS || !ids.every(isId)) return null;
    return { kind: 'notes', ids: ids as string[], dx: d.dx, dy: d.dy };
  }
  if (d.kind === 'cluster' && isId(d.id) && finite(d.dx) && finite(d.dy))
    return { kind: 'cluster', id: d.id, dx: d.dx, dy: d.dy };
  if (d.kind === 'resize' && isId(d.id) && finite(d.width) && finite(d.height))
    return { kind: 'resize', id: d.id, width: d.width, height: d.height };
  return null;
}

function readPeer(clientId: number, state: unknown): Peer | null {
  if (typeof state !== 'object' || state === null) return null;
  const s = state as { user?: unknown; [POINTER_FIELD]?: unknown; [DRAG_FIELD]?: unknown };
  const u = s.user as Partial<PeerUser> | undefined;
  if (!u || typeof u.name !== 'string' || typeof u.id !== 'string') return null;
  const c = s[POINTER_FIELD] as { x?: unknown; y?: unknown } | null | undefined;
  const cursor =
    c && typeof c.x === 'number' && typeof c.y === 'number' && Number.isFinite(c.x + c.y)
      ? { x: c.x, y: c.y }
      : null;
  return {
    clientId,
    user: {
      id: u.id,
      name: u.name.slice(0, 60),
      color: typeof u.color === 'string' ? u.color : '#1565C0',
    },
    cursor,
    drag: readDrag(s[DRAG_FIELD]),
  };
}

interface Fields {
  [POINTER_FIELD]?: { x: number; y: number } | null;
  [DRAG_FIELD]?: PeerDrag | null;
}

/** Starts presence on `awareness`; with `user` null (viewers) nothing is ever published. */
export function createPresence(awareness: Awareness, user: PeerUser | null): Presence {
  const peers = createStore<Peer[]>([]);
  const refresh = (): void => {
    const next: Peer[] = [];
    awareness.getStates().forEach((state, clientId) => {
      if (clientId === awareness.clientID) return;
      const peer = readPeer(clientId, state);
      if (peer) next.push(peer);
    });
    peers.set(next);
  };
  awareness.on('change', refresh);
  if (user) awareness.setLocalState({ user, [POINTER_FIELD]: null, [DRAG_FIELD]: null });
  refresh();

  // Changes made in one turn (the pointer and the drag of one move) leave as one update, at
  // most one per interval, always ending with the latest values.
  let pending: Fields = {};
  let scheduled = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let last = 0;
  let destroyed = false;
  let dragging = false;
  const flush = (): void => {
    scheduled = false;
    timer = null;
    const local = awareness.getLocalState();
    if (destroyed || !local) return;
    last = Date.now();
    const fields = pending;
    pending = {};
    awareness.setLocalState({ ...local, ...fields });
  };
  const publish = (fields: Fields): void => {
    if (!user || destroyed) return;
    pending = { ...pending, ...fields };
    if (scheduled) return;
    scheduled = true;
    const wait = CURSOR_INTERVAL_MS - (Date.now() - last);
    if (wait <= 0) queueMicrotask(flush);
    else timer = setTimeout(flush, wait);
  };

  return {
    peers,
    setCursor(cursor) {
      publish({ [POINTER_FIELD]: cursor });
    },
    setDrag(drag) {
      const encoded = encodeDrag(drag);
      // Every pointer-up ends a gesture; only a drag that was published needs taking back.
      if (!encoded && !dragging) return;
      dragging = encoded !== null;
      publish({ [DRAG_FIELD]: encoded });
    },
    destroy() {
      destroyed = true;
      awareness.off('change', refresh);
      if (timer !== null) clearTimeout(timer);
    },
  };
}
