import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createBoardCommands } from '@shared/board/commands';
import { DEFAULT_LIMITS } from '../config';
import { createLogger } from '../log';
import { createMetrics } from '../metrics';
import { StorageHealth, watchStore } from '../persistence/health';
import { openSqliteStore, type SqliteStore } from '../persistence/sqliteStore';
import { DocLog, type Pending } from './docLog';
import type { DocRoomDeps } from './docRoom';

const DOC = 'board-1';
const WRITER = { writer: 'test' };
const log = createLogger('silent');
const cleanups: Array<() => Promise<void> | void> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A real SQLite store in a fresh directory; `appends` counts every append it was asked for. */
function sqliteStore(): { store: SqliteStore; appends: { count: number } } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'talkoot-doclog-'));
  const store = openSqliteStore(path.join(dir, 'talkoot.db'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  cleanups.push(() => store.close());
  const appends = { count: 0 };
  const append = store.appendUpdates.bind(store);
  store.appendUpdates = (name, updates) => {
    appends.count += 1;
    return append(name, updates);
  };
  return { store, appends };
}

interface Heard {
  relayed: Pending[][];
  /** What the store held for the document at the moment each batch was relayed. */
  storedAtRelay: Uint8Array[][];
  failing: boolean[];
}

function docLog(deps: DocRoomDeps): { rows: DocLog; heard: Heard } {
  const heard: Heard = { relayed: [], storedAtRelay: [], failing: [] };
  const rows = new DocLog(DOC, deps, {
    saved: (batch) => {
      heard.relayed.push(batch);
      // better-sqlite3 reads synchronously: this is the store at the moment of the relay.
      void deps.store.loadDoc(DOC).then((stored) => heard.storedAtRelay.push(stored.updates));
    },
    encoded: () => new Uint8Array([0, 0]),
    savesFailing: (failing) => heard.failing.push(failing),
  });
  rows.loaded({ lastSeq: 0, bytes: 0, rows: 0 });
  cleanups.push(() => rows.destroy());
  return { rows, heard };
}

function depsFor(store: DocRoomDeps['store'], storage?: StorageHealth): DocRoomDeps {
  return {
    store,
    limits: DEFAULT_LIMITS,
    metrics: createMetrics(false),
    log,
    // No compaction: the rows stay one per change, so their order can be read back.
    compactEvery: 1_000_000,
    ...(storage ? { storage } : {}),
  };
}

/** Updates of one writer, each depending on the one before (one note added per update). */
function edits(count: number): Uint8Array[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  const cmd = createBoardCommands(doc, WRITER);
  for (let i = 0; i < count; i++) {
    cmd.addNote({
      text: `note ${i}`,
      x: i * 300,
      y: 0,
      authorId: null,
      authorName: null,
      lang: 'fi',
    });
  }
  return updates;
}

async function until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function relayedUpdates(heard: Heard): Uint8Array[] {
  return heard.relayed.flat().map((p) => p.update);
}

describe('DocLog against a failing store', () => {
  it('a failed save is retried, and nothing is relayed before it is stored', async () => {
    const { store, appends } = sqliteStore();
    const { rows, heard } = docLog(depsFor(store));
    const [update] = edits(1);

    store.simulateDiskFullForTests(true);
    rows.enqueue(update!, WRITER);
    await until(() => appends.count >= 3);

    expect(heard.relayed).toEqual([]);
    expect(rows.unsaved).toBe(true);
    expect(rows.failing).toBe(true);
    expect(heard.failing).toEqual([true]);
    expect((await store.loadDoc(DOC)).updates).toEqual([]);

    store.simulateDiskFullForTests(false);
    await until(() => heard.relayed.length === 1);
    await until(() => heard.storedAtRelay.length === 1);

    expect(relayedUpdates(heard)).toEqual([update]);
    expect(heard.storedAtRelay[0]).toEqual([update]);
    expect(rows.unsaved).toBe(false);
    expect(rows.failing).toBe(false);
    expect(heard.failing).toEqual([true, false]);
  });

  it('saves failing and then recovering keep every change, stored and relayed in order', async () => {
    const { store, appends } = sqliteStore();
    const health = new StorageHealth(log, () => store.probe());
    const { rows, heard } = docLog(depsFor(watchStore(store, health), health));
    const updates = edits(8);

    rows.enqueue(updates[0]!, WRITER);
    rows.enqueue(updates[1]!, WRITER);
    await until(() => !rows.unsaved);

    store.simulateDiskFullForTests(true);
    rows.enqueue(updates[2]!, WRITER);
    await until(() => rows.failing);
    const saved = rows.whenSaved();
    let savedYet = false;
    void saved.then(() => (savedYet = true));
    for (const update of updates.slice(3, 6)) {
      await sleep(60);
      rows.enqueue(update, WRITER);
    }
    expect(await rows.savedOrFailing()).toBe(false);
    await expect(rows.whenStored(1_000)).rejects.toMatchObject({ code: 'unavailable' });
    expect(savedYet).toBe(false);
    expect(relayedUpdates(heard)).toEqual(updates.slice(0, 2));
    // Retries back off (100, 200, 400 ms, …): after a few, the next is at least 400 ms away.
    await until(() => appends.count >= 2 + 3);
    const attempts = appends.count;

    // Space comes back: the health probe notices, and the queue is retried at once, not after
    // the backoff.
    store.simulateDiskFullForTests(false);
    await health.check();
    await until(() => savedYet, 300);
    expect(appends.count).toBe(attempts + 1);
    rows.enqueue(updates[6]!, WRITER);
    rows.enqueue(updates[7]!, WRITER);
    await until(() => !rows.unsaved);

    expect((await store.loadDoc(DOC)).updates).toEqual(updates);
    expect(relayedUpdates(heard)).toEqual(updates);
    heard.relayed.forEach((batch, i) => {
      // Every batch was in the store when it was relayed.
      const stored = heard.storedAtRelay[i]!;
      for (const p of batch) expect(stored).toContainEqual(p.update);
    });
    expect(heard.failing).toEqual([true, false]);

    const reloaded = new Y.Doc();
    Y.applyUpdate(reloaded, Y.mergeUpdates((await store.loadDoc(DOC)).updates));
    const source = new Y.Doc();
    for (const update of updates) Y.applyUpdate(source, update);
    expect(Y.encodeStateAsUpdate(reloaded)).toEqual(Y.encodeStateAsUpdate(source));
  });
});
