import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { isStorageError, StorageHealth, watchStore } from './health';
import { openSqliteStore, type SqliteStore } from './sqliteStore';

const SILENT = { warn: () => undefined, error: () => undefined };

const opened: SqliteStore[] = [];
afterEach(async () => {
  for (const s of opened.splice(0)) await s.close();
});

function tempStore(): SqliteStore {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'talkoot-health-'));
  const store = openSqliteStore(path.join(dir, 'talkoot.db'));
  opened.push(store);
  return store;
}

describe('storage health', () => {
  it('counts disk-full, I/O and unreachable-database errors as storage errors, and nothing else', () => {
    for (const code of [
      'SQLITE_FULL',
      'SQLITE_IOERR_WRITE',
      'SQLITE_READONLY',
      'ENOSPC',
      '53100',
    ]) {
      expect(isStorageError(Object.assign(new Error('x'), { code }))).toBe(true);
    }
    for (const code of ['SQLITE_CONSTRAINT_PRIMARYKEY', 'SQLITE_BUSY', '23505', undefined]) {
      expect(isStorageError(Object.assign(new Error('x'), { code }))).toBe(false);
    }
    expect(isStorageError('SQLITE_FULL')).toBe(false);
  });

  it('a watched store reports a real SQLITE_FULL, refuses fast, and is writable again after space returns', async () => {
    const sqlite = tempStore();
    const health = new StorageHealth(SILENT, () => sqlite.probe());
    const store = watchStore(sqlite, health);
    await store.appendUpdates('doc', [new Uint8Array([1, 2, 3])]);
    expect(health.state).toEqual({ ok: true, reason: null, since: null });

    sqlite.simulateDiskFullForTests(true);
    const err = await store.appendUpdates('doc', [new Uint8Array(200)]).catch((e: unknown) => e);
    expect((err as { code?: string }).code).toBe('SQLITE_FULL');
    expect(health.state).toMatchObject({ ok: false, reason: 'SQLITE_FULL' });
    expect(() => health.assertWritable()).toThrow(AppError);
    // Still full: the probe fails and the state stays.
    expect((await health.check()).ok).toBe(false);

    let recovered = 0;
    health.onRecovered(() => (recovered += 1));
    sqlite.simulateDiskFullForTests(false);
    // The probe is rate-limited; a real write also says the store is writable again.
    await store.appendUpdates('doc', [new Uint8Array(200)]);
    expect(health.ok).toBe(true);
    expect(recovered).toBe(1);
    // The failed append stored nothing; the probe left nothing behind.
    const stored = await store.loadDoc('doc');
    expect(stored.updates.map((u) => u.byteLength)).toEqual([3, 200]);
  });

  it('errors that are not about storage pass through without marking the store failing', async () => {
    const sqlite = tempStore();
    const health = new StorageHealth(SILENT);
    const store = watchStore(sqlite, health);
    await expect(store.createBoard({} as never)).rejects.toThrow();
    expect(health.ok).toBe(true);
  });
});
