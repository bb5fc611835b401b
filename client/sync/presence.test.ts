import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import {
  createPresence,
  CURSOR_INTERVAL_MS,
  DRAG_FIELD,
  encodeDrag,
  MAX_DRAG_IDS,
  POINTER_FIELD,
  readDrag,
} from './presence';

const AINO = { id: 'u1', name: 'Aino', color: '#1565C0' };
// The leading update of a burst leaves at the end of the turn, so a move's fields go together.
const endOfTurn = (): Promise<void> => Promise.resolve();
const ids = (n: number): string[] =>
  Array.from({ length: n }, (_, i) => `note-${String(i).padStart(16, '0')}`);

describe('presence', () => {
  it('sends at most one cursor update per interval, ending with the latest position', async () => {
    vi.useFakeTimers();
    const awareness = new Awareness(new Y.Doc());
    const presence = createPresence(awareness, AINO);
    const updates: unknown[] = [];
    awareness.on('update', () => updates.push(awareness.getLocalState()?.[POINTER_FIELD]));
    presence.setCursor({ x: 0, y: 0 });
    await endOfTurn();
    for (let i = 1; i < 20; i++) presence.setCursor({ x: i, y: i });
    await endOfTurn();
    expect(updates.length).toBe(1);
    vi.advanceTimersByTime(CURSOR_INTERVAL_MS);
    expect(updates.length).toBe(2);
    expect(awareness.getLocalState()?.[POINTER_FIELD]).toEqual({ x: 19, y: 19 });
    presence.destroy();
    awareness.destroy();
    vi.useRealTimers();
  });

  it('sends the pointer and the drag of one move as one update, throttled like the pointer', async () => {
    vi.useFakeTimers();
    const awareness = new Awareness(new Y.Doc());
    const presence = createPresence(awareness, AINO);
    let updates = 0;
    awareness.on('update', () => updates++);
    for (let i = 1; i <= 10; i++) {
      presence.setCursor({ x: 100 + i, y: 100 });
      presence.setDrag({ kind: 'notes', ids: ['a', 'b'], dx: i, dy: 0 });
      await endOfTurn();
    }
    expect(updates).toBe(1);
    expect(awareness.getLocalState()).toMatchObject({
      [POINTER_FIELD]: { x: 101, y: 100 },
      [DRAG_FIELD]: { kind: 'notes', ids: ['a', 'b'], dx: 1, dy: 0 },
    });
    vi.advanceTimersByTime(CURSOR_INTERVAL_MS);
    expect(updates).toBe(2);
    expect(awareness.getLocalState()).toMatchObject({
      [POINTER_FIELD]: { x: 110, y: 100 },
      [DRAG_FIELD]: { kind: 'notes', ids: ['a', 'b'], dx: 10, dy: 0 },
    });
    presence.setDrag(null);
    vi.advanceTimersByTime(CURSOR_INTERVAL_MS);
    expect(updates).toBe(3);
    expect(awareness.getLocalState()?.[DRAG_FIELD]).toBeNull();
    presence.destroy();
    awareness.destroy();
    vi.useRealTimers();
  });

  it('sends nothing when a gesture that published no drag ends (a click)', async () => {
    const awareness = new Awareness(new Y.Doc());
    const presence = createPresence(awareness, AINO);
    let updates = 0;
    awareness.on('update', () => updates++);
    presence.setDrag(null);
    presence.setDrag({ kind: 'notes', ids: ids(MAX_DRAG_IDS + 1), dx: 5, dy: 5 });
    presence.setDrag(null);
    await endOfTurn();
    expect(updates).toBe(0);
    presence.destroy();
    awareness.destroy();
  });

  it('publishes nothing at all without a user (viewers)', async () => {
    const awareness = new Awareness(new Y.Doc());
    awareness.setLocalState(null);
    const presence = createPresence(awareness, null);
    presence.setCursor({ x: 1, y: 2 });
    presence.setDrag({ kind: 'cluster', id: 'c', dx: 1, dy: 2 });
    await endOfTurn();
    expect(awareness.getLocalState()).toBeNull();
    presence.destroy();
    awareness.destroy();
  });

  it('rounds drags, and publishes none past the note cap', () => {
    expect(encodeDrag({ kind: 'notes', ids: ['a'], dx: 1.23456, dy: -0.06 })).toEqual({
      kind: 'notes',
      ids: ['a'],
      dx: 1.2,
      dy: -0.1,
    });
    expect(encodeDrag({ kind: 'resize', id: 'c', width: 300.04, height: 250 })).toEqual({
      kind: 'resize',
      id: 'c',
      width: 300,
      height: 250,
    });
    expect(encodeDrag({ kind: 'notes', ids: ids(MAX_DRAG_IDS + 1), dx: 1, dy: 1 })).toBeNull();
    expect(encodeDrag({ kind: 'notes', ids: [], dx: 1, dy: 1 })).toBeNull();
    expect(encodeDrag(null)).toBeNull();
  });

  it('keeps a whole state with the largest drag under the server cap of 8 KiB', async () => {
    const awareness = new Awareness(new Y.Doc());
    const longName = 'Å'.repeat(60);
    const presence = createPresence(awareness, { ...AINO, name: longName });
    presence.setCursor({ x: 123456.789, y: -98765.4321 });
    presence.setDrag({
      kind: 'notes',
      ids: ids(MAX_DRAG_IDS),
      dx: 123456.789,
      dy: -98765.4321,
    });
    await endOfTurn();
    const state = awareness.getLocalState();
    expect((state?.[DRAG_FIELD] as { ids: string[] }).ids).toHaveLength(MAX_DRAG_IDS);
    expect(new TextEncoder().encode(JSON.stringify(state)).byteLength).toBeLessThan(8 * 1024);
    presence.destroy();
    awareness.destroy();
  });

  it('reads a malformed drag as none', () => {
    expect(readDrag({ kind: 'notes', ids: ['a', 7], dx: 1, dy: 1 })).toBeNull();
    expect(readDrag({ kind: 'notes', ids: ids(MAX_DRAG_IDS + 1), dx: 1, dy: 1 })).toBeNull();
    expect(readDrag({ kind: 'cluster', id: 'c', dx: Infinity, dy: 1 })).toBeNull();
    expect(readDrag({ kind: 'resize', id: '', width: 1, height: 1 })).toBeNull();
    expect(readDrag({ kind: 'teleport', id: 'c' })).toBeNull();
    expect(readDrag('notes')).toBeNull();
    expect(readDrag({ kind: 'cluster', id: 'c', dx: 4, dy: -2 })).toEqual({
      kind: 'cluster',
      id: 'c',
      dx: 4,
      dy: -2,
    });
  });

  it('lists others with a name and their drag, ignoring malformed states', () => {
    const doc = new Y.Doc();
    const awareness = new Awareness(doc);
    const presence = createPresence(awareness, { id: 'me', name: 'Me', color: '#000' });
    awareness.states.set(101, {
      user: { id: 'b', name: 'Bengt', color: '#AD1457' },
      [POINTER_FIELD]: { x: 5, y: 6 },
      [DRAG_FIELD]: { kind: 'notes', ids: ['n1'], dx: 10, dy: 20 },
    });
    awareness.states.set(102, { user: { name: 42 } });
    awareness.states.set(103, {
      user: { id: 'c', name: 'Cecilia', color: '#2E7D32' },
      [DRAG_FIELD]: { kind: 'notes', ids: 'n1', dx: 10, dy: 20 },
    });
    awareness.emit('change', [{ added: [101, 102, 103], updated: [], removed: [] }, 'remote']);
    const peers = presence.peers.get();
    expect(peers.map((p) => p.user.name)).toEqual(['Bengt', 'Cecilia']);
    expect(peers.map((p) => p.drag)).toEqual([
      { kind: 'notes', ids: ['n1'], dx: 10, dy: 20 },
      null,
    ]);
    presence.destroy();
    awareness.destroy();
  });
});
