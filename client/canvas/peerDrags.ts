/**
 * Others' drags as ghosts. Presence says what someone holds and by how much it moved; this turns
 * that into records to draw and the ids the static layer leaves out. No React.
 *
 * A drop reaches us twice: the drag leaves presence at once, while the document write arrives
 * after the server has stored it. Between the two, a ghost stays where it was dropped ("settling")
 * until the document moves its records, so notes never jump back for a moment. A drag that ends
 * with no write (cancelled, refused, dropped in place) settles for SETTLE_MS.
 */
import type { Board } from '@shared/board/read';
import { clampClusterHeight, clampClusterWidth, type Cluster } from '@shared/board/cluster';
import type { Note } from '@shared/board/note';
import type { Peer, PeerDrag, PeerUser } from '../sync/presence';
import type { PeerGhost } from '../kit/canvas/canvasState';
import type { ReadableStore, WritableStore } from '../sync/store';

export const SETTLE_MS = 1500;

const NONE: ReadonlySet<string> = new Set();

/** How far a ghost is drawn from its records (nothing for a resize). */
export function ghostOffset(ghost: PeerGhost): { dx: number; dy: number } {
  return ghost.drag.kind === 'resize' ? { dx: 0, dy: 0 } : ghost.drag;
}

/** The size a resize will have on drop (clamped like the command clamps it). */
export function ghostSize(ghost: PeerGhost): { width: number; height: number } | null {
  const d = ghost.drag;
  if (d.kind !== 'resize') return null;
  return { width: clampClusterWidth(d.width), height: clampClusterHeight(d.height) };
}

interface BoardIndex {
  notes: Map<string, Note>;
  clusters: Map<string, Cluster>;
  members: Map<string, Note[]>;
}

// Presence changes many times a second with many people dragging; the board far less often.
const indexes = new WeakMap<Board, BoardIndex>();
function indexOf(board: Board): BoardIndex {
  let index = indexes.get(board);
  if (!index) {
    const members = new Map<string, Note[]>();
    for (const n of board.notes) {
      if (!n.clusterId) continue;
      const list = members.get(n.clusterId);
      if (list) list.push(n);
      else members.set(n.clusterId, [n]);
    }
    index = {
      notes: new Map(board.notes.map((n) => [n.id, n])),
      clusters: new Map(board.clusters.map((c) => [c.id, c])),
      members,
    };
    indexes.set(board, index);
  }
  return index;
}

function resolve(board: Board, clientId: number, user: PeerUser, drag: PeerDrag): PeerGhost {
  const index = indexOf(board);
  if (drag.kind === 'notes') {
    const notes = drag.ids.flatMap((id) => index.notes.get(id) ?? []);
    return { clientId, user, drag, cluster: null, notes };
  }
  const cluster = index.clusters.get(drag.id) ?? null;
  const notes = drag.kind === 'cluster' && cluster ? (index.members.get(cluster.id) ?? []) : [];
  return { clientId, user, drag, cluster, notes };
}

// A resize draws only an outline over the real cluster, so it lifts nothing.
function liftedBy(ghost: PeerGhost): string[] {
  if (ghost.drag.kind === 'resize') return [];
  const ids = ghost.notes.map((n) => n.id);
  return ghost.cluster ? [ghost.cluster.id, ...ids] : ids;
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return a.size === b.size && [...a].every((id) => b.has(id));
}

interface Entry {
  user: PeerUser;
  drag: PeerDrag;
  /** The records as they were when the drag began: the drop's write replaces them. */
  base: readonly object[];
  /** The drop's write arrived before its drag left presence: draw nothing, wait for that. */
  landed: boolean;
  /** The drag left presence; the ghost stays until the write arrives or the timer ends. */
  timer: ReturnType<typeof setTimeout> | null;
}

export interface PeerDragOutput {
  ghosts: WritableStore<readonly PeerGhost[]>;
  /** Changes only when the set of ids does: the static layer re-renders per drag, not per frame. */
  lifted: WritableStore<ReadonlySet<string>>;
}

const sameTarget = (a: PeerDrag, b: PeerDrag): boolean =>
  a.kind === 'notes' && b.kind === 'notes'
    ? a.ids.length === b.ids.length && a.ids.every((id, i) => id === b.ids[i])
    : a.kind === b.kind && a.kind !== 'notes' && b.kind !== 'notes' && a.id === b.id;

const sameDrag = (a: PeerDrag, b: PeerDrag): boolean => JSON.stringify(a) === JSON.stringify(b);

function recordsOf(ghost: PeerGhost): readonly object[] {
  return ghost.cluster ? [ghost.cluster, ...ghost.notes] : ghost.notes;
}

/** Follows `peers` and `board` into `out`; returns the stop function. */
export function trackPeerDrags(
  peers: ReadableStore<readonly Peer[]>,
  board: ReadableStore<Board>,
  out: PeerDragOutput,
  settleMs = SETTLE_MS,
): () => void {
  const entries = new Map<number, Entry>();

  const render = (): void => {
    const snapshot = board.get();
    const ghosts = [...entries]
      .filter(([, e]) => !e.landed)
      .map(([id, e]) => resolve(snapshot, id, e.user, e.drag));
    if (ghosts.length > 0 || out.ghosts.get().length > 0) out.ghosts.set(ghosts);
    const lifted = new Set(ghosts.flatMap(liftedBy));
    if (!sameSet(lifted, out.lifted.get())) out.lifted.set(lifted.size > 0 ? lifted : NONE);
  };
  const forget = (id: number): void => {
    const e = entries.get(id);
    if (e?.timer) clearTimeout(e.timer);
    entries.delete(id);
  };

  const onPeers = (): void => {
    const live = new Set<number>();
    const snapshot = board.get();
    for (const p of peers.get()) {
      if (!p.drag) continue;
      live.add(p.clientId);
      const e = entries.get(p.clientId);
      // Presence is re-read whenever anyone's changes: a landed drag still listed is stale.
      if (e?.landed && sameDrag(e.drag, p.drag)) continue;
      if (e && !e.landed && !e.timer && sameTarget(e.drag, p.drag)) {
        e.drag = p.drag;
        e.user = p.user;
        continue;
      }
      forget(p.clientId);
      const base = recordsOf(resolve(snapshot, p.clientId, p.user, p.drag));
      entries.set(p.clientId, { user: p.user, drag: p.drag, base, landed: false, timer: null });
    }
    for (const [id, e] of entries) {
      if (live.has(id) || e.timer) continue;
      if (e.landed) {
        forget(id);
        continue;
      }
      e.timer = setTimeout(() => {
        entries.delete(id);
        render();
      }, settleMs);
    }
    render();
  };

  const onBoard = (): void => {
    if (entries.size > 0) {
      const snapshot = board.get();
      const current = new Set<object>([...snapshot.notes, ...snapshot.clusters]);
      for (const [id, e] of entries) {
        if (!e.base.some((r) => !current.has(r))) continue;
        if (e.timer) forget(id);
        else e.landed = true;
      }
    }
    render();
  };

  const stopPeers = peers.subscribe(onPeers);
  const stopBoard = board.subscribe(onBoard);
  onPeers();
  return () => {
    stopPeers();
    stopBoard();
    for (const id of [...entries.keys()]) forget(id);
    out.ghosts.set([]);
    out.lifted.set(NONE);
  };
}
