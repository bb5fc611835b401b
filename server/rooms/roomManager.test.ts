import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createBoardCommands } from '@shared/board/commands';
import { readBoard } from '@shared/board/read';
import { DEFAULT_LIMITS } from '../config';
import { createLogger } from '../log';
import { createMetrics } from '../metrics';
import type { BoardRecord } from '../persistence/store';
import { openSqliteStore, type SqliteStore } from '../persistence/sqliteStore';
import { RoomManager } from './roomManager';

const IDLE_MS = 40;
const WRITER = { writer: 'test' };
const cleanups: Array<() => Promise<void> | void> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const record: BoardRecord = {
  id: 'board-1',
  forumId: 'forum-1',
  title: 'Luottamus',
  createdAt: new Date(0).toISOString(),
  linkGen: 1,
  position: 0,
  archived: false,
  template: 'blank',
};

function sqliteStore(): SqliteStore {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'talkoot-rooms-'));
  const store = openSqliteStore(path.join(dir, 'talkoot.db'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  cleanups.push(() => store.close());
  return store;
}

/** Room hooks that admit everyone and every write: the rules are not under test here. */
const openHooks = {
  beforeJoin: () => null,
  acceptsWrites: () => true,
  beforeWrite: () => null,
  writePolicy: () => ({ check: () => ({ ok: true, extends: new Map<number, number>() }) }),
};

function roomManager(store: SqliteStore): RoomManager {
  const deps = {
    store,
    limits: DEFAULT_LIMITS,
    metrics: createMetrics(false),
    log: createLogger('silent'),
    compactEvery: 50,
    hooks: openHooks,
  };
  // reason: the test builds the dependencies RoomManager passes to its rooms by hand, with hooks
  // that admit everything; their full types are not what this test is about
  const rooms = new RoomManager(
    deps as unknown as ConstructorParameters<typeof RoomManager>[0],
    { idleMs: IDLE_MS, maxLoadedRooms: 10 },
    () => undefined,
  );
  cleanups.push(async () => {
    store.simulateDiskFullForTests(false);
    await rooms.closeAll();
  });
  return rooms;
}

async function until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('RoomManager with a store whose saves fail', () => {
  it('keeps a room with unsaved work loaded past its idle time, and unloads it once saved', async () => {
    const store = sqliteStore();
    const rooms = roomManager(store);
    const room = await rooms.acquire(record);
    await room.whenSaved();

    store.simulateDiskFullForTests(true);
    createBoardCommands(room.board.doc, WRITER).addNote({
      text: 'Avoimuus',
      x: 0,
      y: 0,
      authorId: null,
      authorName: null,
      lang: 'fi',
    });
    await until(() => room.board.savesFailing);
    rooms.released(room);
    await sleep(IDLE_MS * 10);

    expect(rooms.peek(record.id)).toBe(room);
    expect(room.unsaved).toBe(true);

    store.simulateDiskFullForTests(false);
    await until(() => rooms.peek(record.id) === undefined);

    expect(room.unsaved).toBe(false);
    const stored = await store.loadDoc(record.id);
    const reloaded = new Y.Doc();
    Y.applyUpdate(reloaded, Y.mergeUpdates(stored.updates));
    expect(readBoard(reloaded).notes.map((n) => n.text)).toEqual(['Avoimuus']);
  });

  it('an empty room with everything saved is unloaded after its idle time', async () => {
    const store = sqliteStore();
    const rooms = roomManager(store);
    const room = await rooms.acquire(record);
    await room.whenSaved();
    rooms.released(room);
    await until(() => rooms.peek(record.id) === undefined, 2_000);
  });
});
