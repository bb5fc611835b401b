import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { createBoardCommands } from '@shared/board/commands';
import { createBoardStore } from '../sync/boardStore';
import type { Peer, PeerDrag } from '../sync/presence';
import { createStore } from '../sync/store';
import { SETTLE_MS, trackPeerDrags } from './peerDrags';
import type { PeerGhost } from '../kit/canvas/canvasState';

const BENGT = { id: 'b', name: 'Bengt', color: '#AD1457' };

function setup() {
  const doc = new Y.Doc();
  const commands = createBoardCommands(doc, { name: 'test' });
  const note = (x: number, y: number, clusterId: string | null = null): string =>
    commands.addNote({ x, y, authorId: null, authorName: null, lang: 'en', clusterId });
  const board = createBoardStore(doc);
  const peers = createStore<Peer[]>([]);
  const out = {
    ghosts: createStore<readonly PeerGhost[]>([]),
    lifted: createStore<ReadonlySet<string>>(new Set()),
  };
  const drag = (d: PeerDrag | null): void =>
    peers.set([{ clientId: 7, user: BENGT, cursor: null, drag: d }]);
  // The board store reads the document a microtask after each write.
  const written = (): Promise<void> => Promise.resolve();
  return { commands, note, board, peers, out, drag, written };
}

describe('peer drags', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it("draws a peer's dragged notes where they hold them and lifts them once, not per frame", async () => {
    const { note, board, peers, out, drag, written } = setup();
    const a = note(0, 0);
    const b = note(300, 0);
    note(600, 0);
    await written();
    const stop = trackPeerDrags(peers, board, out);
    drag({ kind: 'notes', ids: [a, b], dx: 10, dy: 5 });
    const lifted = out.lifted.get();
    expect([...lifted].sort()).toEqual([a, b].sort());
    drag({ kind: 'notes', ids: [a, b], dx: 40, dy: 25 });
    expect(out.lifted.get()).toBe(lifted);
    const [ghost] = out.ghosts.get();
    expect(ghost?.user.name).toBe('Bengt');
    expect(ghost?.drag).toMatchObject({ dx: 40, dy: 25 });
    expect(ghost?.notes.map((n) => n.id)).toEqual([a, b]);
    stop();
  });

  it('keeps a dropped ghost in place until the write arrives, then shows the document', async () => {
    const { commands, note, board, peers, out, drag, written } = setup();
    const a = note(0, 0);
    await written();
    const stop = trackPeerDrags(peers, board, out);
    drag({ kind: 'notes', ids: [a], dx: 100, dy: 50 });
    // Presence is relayed at once; the write only once the server has stored it.
    drag(null);
    expect(out.ghosts.get()).toHaveLength(1);
    expect(out.lifted.get().has(a)).toBe(true);
    commands.moveNotes([{ id: a, x: 100, y: 50 }]);
    await written();
    expect(out.ghosts.get()).toHaveLength(0);
    expect(out.lifted.get().size).toBe(0);
    stop();
  });

  it('hides a ghost whose write arrives before its drag ends, without offsetting it twice', async () => {
    const { commands, note, board, peers, out, drag, written } = setup();
    const a = note(0, 0);
    await written();
    const stop = trackPeerDrags(peers, board, out);
    drag({ kind: 'notes', ids: [a], dx: 100, dy: 50 });
    commands.moveNotes([{ id: a, x: 100, y: 50 }]);
    await written();
    expect(out.ghosts.get()).toHaveLength(0);
    // Someone else's cursor moving re-reads everyone's presence, the stale drag included.
    drag({ kind: 'notes', ids: [a], dx: 100, dy: 50 });
    expect(out.ghosts.get()).toHaveLength(0);
    drag(null);
    expect(out.ghosts.get()).toHaveLength(0);
    // The next drag of the same note starts from where the document now has it.
    drag({ kind: 'notes', ids: [a], dx: 3, dy: 0 });
    expect(out.ghosts.get()[0]?.notes[0]).toMatchObject({ x: 100, y: 50 });
    stop();
  });

  it('lets a drag that wrote nothing (cancelled, refused) go back after a moment', async () => {
    const { note, board, peers, out, drag, written } = setup();
    const a = note(0, 0);
    await written();
    const stop = trackPeerDrags(peers, board, out);
    drag({ kind: 'notes', ids: [a], dx: 100, dy: 50 });
    peers.set([]);
    expect(out.ghosts.get()).toHaveLength(1);
    vi.advanceTimersByTime(SETTLE_MS);
    expect(out.ghosts.get()).toHaveLength(0);
    expect(out.lifted.get().size).toBe(0);
    stop();
  });

  it('lifts a dragged cluster with its notes; a resize only outlines, lifting nothing', async () => {
    const { commands, note, board, peers, out, drag, written } = setup();
    const c = commands.addCluster({ title: 'Transparency', x: 0, y: 0 });
    const inside = note(20, 60, c);
    const outside = note(2000, 0);
    await written();
    const stop = trackPeerDrags(peers, board, out);
    drag({ kind: 'cluster', id: c, dx: 30, dy: 30 });
    expect([...out.lifted.get()].sort()).toEqual([c, inside].sort());
    expect(out.lifted.get().has(outside)).toBe(false);
    drag({ kind: 'resize', id: c, width: 900, height: 700 });
    expect(out.lifted.get().size).toBe(0);
    expect(out.ghosts.get()[0]?.cluster?.id).toBe(c);
    stop();
    expect(out.ghosts.get()).toHaveLength(0);
  });
});
