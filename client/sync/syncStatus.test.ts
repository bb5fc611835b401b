import { describe, expect, it } from 'vitest';
import { createSyncTracker } from './syncStatus';

describe('sync tracker', () => {
  it('is syncing with nothing pending while the first connection is made', () => {
    const t = createSyncTracker();
    expect(t.status.get()).toEqual({ state: 'syncing', pending: 0, refused: null });
  });

  it('counts offline changes and keeps them pending through the connect handshake', () => {
    const t = createSyncTracker();
    t.connection('offline');
    t.localChange();
    t.localChange();
    expect(t.status.get()).toMatchObject({ state: 'offline', pending: 2 });
    t.connection('online');
    t.step1Sent(false);
    t.step2Received();
    // The server answered our first step 1 before it saw our changes.
    expect(t.status.get()).toMatchObject({ state: 'syncing', pending: 2 });
    expect(t.wantsProbe()).toBe(true);
    t.step1Sent();
    expect(t.wantsProbe()).toBe(false);
    t.step2Received();
    expect(t.status.get()).toMatchObject({ state: 'synced', pending: 0 });
  });

  it('acknowledges only the changes made before the probe', () => {
    const t = createSyncTracker();
    t.connection('online');
    t.step1Sent(false);
    t.step2Received();
    t.localChange();
    t.step1Sent();
    t.localChange();
    t.step2Received();
    expect(t.status.get()).toMatchObject({ state: 'syncing', pending: 1 });
    expect(t.wantsProbe()).toBe(true);
  });

  it('forgets unanswered probes when the socket drops', () => {
    const t = createSyncTracker();
    t.connection('online');
    t.localChange();
    t.step1Sent();
    t.connection('offline');
    expect(t.status.get()).toMatchObject({ state: 'offline', pending: 1 });
    t.connection('online');
    t.step1Sent(false);
    t.step2Received();
    expect(t.status.get()).toMatchObject({ state: 'syncing', pending: 1 });
  });

  it('reports a refused link as offline with its close code', () => {
    const t = createSyncTracker();
    t.connection('online');
    t.refused(4401);
    expect(t.status.get()).toMatchObject({ state: 'offline', refused: 4401 });
  });

  it('says "unsaved" while the server cannot store, and acknowledges nothing it answers meanwhile', () => {
    const t = createSyncTracker();
    t.connection('online');
    t.step1Sent(false);
    t.step2Received();
    t.localChange();
    t.step1Sent();
    t.saveStatus('failing');
    // The answer to the probe holds only what the server stored.
    t.step2Received();
    expect(t.status.get()).toMatchObject({ state: 'unsaved', pending: 1 });
    // No probe loop while the server cannot store; it says when it can.
    t.localChange();
    expect(t.wantsProbe()).toBe(false);
    t.saveStatus('saving');
    expect(t.status.get()).toMatchObject({ state: 'syncing', pending: 2 });
    expect(t.wantsProbe()).toBe(true);
    t.step1Sent();
    t.step2Received();
    expect(t.status.get()).toMatchObject({ state: 'synced', pending: 0 });
  });

  it('forgets "unsaved" with the socket: offline wins, and a new socket starts unknown', () => {
    const t = createSyncTracker();
    t.connection('online');
    t.saveStatus('failing');
    expect(t.status.get().state).toBe('unsaved');
    t.connection('offline');
    expect(t.status.get().state).toBe('offline');
    t.connection('online');
    t.step1Sent(false);
    t.step2Received();
    expect(t.status.get().state).toBe('synced');
  });

  it('never says "synced" while the server cannot store, even with nothing pending', () => {
    const t = createSyncTracker();
    t.connection('online');
    t.saveStatus('failing');
    t.step1Sent(false);
    t.step2Received();
    expect(t.status.get()).toMatchObject({ state: 'unsaved', pending: 0 });
  });
});
