import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DEFAULT_LIMITS } from '../config';
import { AppError } from '../errors';
import { createLogger } from '../log';
import { createMetrics } from '../metrics';
import type { BoardRecord } from '../persistence/store';
import { openSqliteStore } from '../persistence/sqliteStore';
import type { BoardRoom } from './boardRoom';
import type { Refusal, RoomHooks } from './hooks';
import type { Peer } from './peer';
import { RoomManager } from './roomManager';

const cleanups: Array<() => Promise<void> | void> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const record: BoardRecord = {
  id: 'board-1',
  forumId: 'forum-1',
  title: 'Hooks',
  createdAt: new Date(0).toISOString(),
  linkGen: 1,
  position: 0,
  archived: false,
  template: 'blank',
};

const peer: Peer = {
  id: 1,
  role: 'participant',
  displayName: 'Aino',
  personId: 'p1',
  linkGen: 1,
  send: () => undefined,
  close: () => undefined,
};

/** Hooks that admit everything, with `overrides` on top. */
function hooks(overrides: Partial<RoomHooks<BoardRoom>> = {}): RoomHooks<BoardRoom> {
  return {
    beforeJoin: () => null,
    acceptsWrites: () => true,
    beforeWrite: () => null,
    writePolicy: () => ({ check: () => ({ ok: true, extends: new Map<number, number>() }) }),
    ...overrides,
  };
}

function rooms(roomHooks: RoomHooks<BoardRoom>): RoomManager {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'talkoot-hooks-'));
  const store = openSqliteStore(path.join(dir, 'talkoot.db'));
  const manager = new RoomManager(
    {
      store,
      limits: DEFAULT_LIMITS,
      metrics: createMetrics(false),
      log: createLogger('silent'),
      compactEvery: 50,
      hooks: roomHooks,
    },
    { idleMs: 60_000, maxLoadedRooms: 10 },
    () => undefined,
  );
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  cleanups.push(() => store.close());
  cleanups.push(() => manager.closeAll());
  return manager;
}

/** An update that adds one key to a map of a fresh document. */
function someUpdate(): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap('probe').set('k', 1);
  return Y.encodeStateAsUpdate(doc);
}

describe('room hooks', () => {
  it('a load the onLoad hook refuses fails, and the room is not kept', async () => {
    const manager = rooms(
      hooks({
        onLoad: () => {
          throw new AppError('forbidden', 'not today');
        },
      }),
    );
    await expect(manager.acquire(record)).rejects.toThrow('not today');
    expect(manager.loadedCount).toBe(0);
  });

  it('each document kind gets its write policy from the hook when the room is built', async () => {
    const asked: string[] = [];
    const manager = rooms(
      hooks({
        writePolicy: (_room, doc) => {
          asked.push(doc);
          return { check: () => ({ ok: true, extends: new Map<number, number>() }) };
        },
      }),
    );
    await manager.acquire(record);
    expect(asked.sort()).toEqual(['board', 'private']);
  });

  it('a write the beforeWrite hook refuses is answered with its refusal and applies nothing', async () => {
    const refusal: Refusal = { reason: 'frozen', message: 'The board is frozen' };
    let refuse = true;
    const manager = rooms(hooks({ beforeWrite: () => (refuse ? refusal : null) }));
    const room = await manager.withRoom(record, (r) => r);
    const update = someUpdate();
    expect(room.write('board', room.board, update, peer)).toBe(refusal);
    expect(room.board.doc.getMap('probe').size).toBe(0);
    refuse = false;
    expect(room.write('board', room.board, update, peer)).toBeNull();
    expect(room.board.doc.getMap('probe').get('k')).toBe(1);
  });

  it('onHydrated follows the board: attached on load, undone when it goes quiet, attached again when it wakes', async () => {
    const attached: Y.Doc[] = [];
    let undone = 0;
    const manager = rooms(
      hooks({
        onHydrated: (_room, doc) => {
          attached.push(doc);
          return () => {
            undone += 1;
          };
        },
      }),
    );
    const room = await manager.acquire(record);
    expect(attached).toEqual([room.board.doc]);
    await room.whenSaved();
    expect(room.board.dehydrate()).toBe(true);
    expect(undone).toBe(1);
    const woken = room.board.doc;
    expect(attached).toHaveLength(2);
    expect(attached[1]).toBe(woken);
    manager.released(room);
    await manager.closeAll();
    expect(undone).toBe(2);
  });

  it('join and greeting rules are the hooks: the room only passes them on', async () => {
    const refusal: Refusal = { reason: null, message: 'Private notes need a personal link' };
    const manager = rooms(
      hooks({
        beforeJoin: (_room, doc) => (doc === 'private' ? refusal : null),
        acceptsWrites: (_room, doc) => doc === 'board',
      }),
    );
    const room = await manager.withRoom(record, (r) => r);
    expect(room.refuseJoin('private', peer)).toBe(refusal);
    expect(room.refuseJoin('board', peer)).toBeNull();
    expect(room.acceptsWrites('board', peer)).toBe(true);
    expect(room.acceptsWrites('control', peer)).toBe(false);
  });
});
