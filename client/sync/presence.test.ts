import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import { createPresence, CURSOR_INTERVAL_MS, POINTER_FIELD } from './presence';

describe('presence', () => {
  it('sends at most one cursor update per interval, ending with the latest position', () => {
    vi.useFakeTimers();
    const awareness = new Awareness(new Y.Doc());
    const presence = createPresence(awareness, { id: 'u1', name: 'Aino', color: '#1565C0' });
    const updates: unknown[] = [];
    awareness.on('update', () => updates.push(awareness.getLocalState()?.[POINTER_FIELD]));
    for (let i = 0; i < 20; i++) presence.setCursor({ x: i, y: i });
    expect(updates.length).toBe(1);
    vi.advanceTimersByTime(CURSOR_INTERVAL_MS);
    expect(updates.length).toBe(2);
    expect(awareness.getLocalState()?.[POINTER_FIELD]).toEqual({ x: 19, y: 19 });
    presence.destroy();
    awareness.destroy();
    vi.useRealTimers();
  });

  it('publishes nothing at all without a user (viewers)', () => {
    const awareness = new Awareness(new Y.Doc());
    awareness.setLocalState(null);
    const presence = createPresence(awareness, null);
    presence.setCursor({ x: 1, y: 2 });
    expect(awareness.getLocalState()).toBeNull();
    presence.destroy();
    awareness.destroy();
  });

  it('lists others with a name, ignoring malformed states', () => {
    const doc = new Y.Doc();
    const awareness = new Awareness(doc);
    const presence = createPresence(awareness, { id: 'me', name: 'Me', color: '#000' });
    awareness.states.set(101, {
      user: { id: 'b', name: 'Bengt', color: '#AD1457' },
      [POINTER_FIELD]: { x: 5, y: 6 },
    });
    awareness.states.set(102, { user: { name: 42 } });
    awareness.emit('change', [{ added: [101, 102], updated: [], removed: [] }, 'remote']);
    expect(presence.peers.get().map((p) => p.user.name)).toEqual(['Bengt']);
    presence.destroy();
    awareness.destroy();
  });
});
