/**
 * Presence over Yjs awareness: who is here and where their pointer is. Cursor moves are
 * throttled to one awareness update per CURSOR_INTERVAL_MS. Viewers never call into this with
 * `enabled: false`, so they never send anything.
 */
import type { Awareness } from 'y-protocols/awareness';
import { createStore, type ReadableStore } from './store';

export const CURSOR_INTERVAL_MS = 50;

/**
 * The awareness field of the canvas pointer. Not `cursor`: rich-text editors (the proposal editor's
 * Yjs binding) own that field for their carets, `{ anchor, head }` as relative positions.
 */
export const POINTER_FIELD = 'pointer';

export interface PeerUser {
  id: string;
  name: string;
  color: string;
}

export interface Peer {
  clientId: number;
  user: PeerUser;
  cursor: { x: number; y: number } | null;
}

export interface Presence {
  readonly peers: ReadableStore<Peer[]>;
  /** Publishes our pointer in board coordinates (null when it left the canvas). */
  setCursor(cursor: { x: number; y: number } | null): void;
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

function readPeer(clientId: number, state: unknown): Peer | null {
  if (typeof state !== 'object' || state === null) return null;
  const s = state as { user?: unknown; [POINTER_FIELD]?: unknown };
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
  };
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
  if (user) awareness.setLocalState({ user, [POINTER_FIELD]: null });
  refresh();

  let pending: { x: number; y: number } | null | undefined;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let last = 0;
  const flush = (): void => {
    timer = null;
    if (pending === undefined) return;
    last = Date.now();
    awareness.setLocalStateField(POINTER_FIELD, pending);
    pending = undefined;
  };

  return {
    peers,
    setCursor(cursor) {
      if (!user) return;
      pending = cursor;
      const wait = CURSOR_INTERVAL_MS - (Date.now() - last);
      if (wait <= 0) flush();
      else if (timer === null) timer = setTimeout(flush, wait);
    },
    destroy() {
      awareness.off('change', refresh);
      if (timer !== null) clearTimeout(timer);
    },
  };
}
