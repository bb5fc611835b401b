import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../server/persistence/sqliteStore';
import { waitFor } from '../helpers/clients';

describe('SQLite WAL checkpoints', () => {
  it('run on the worker thread: the database file takes the appended rows without a commit doing it', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'talkoot-wal-')), 'db.sqlite');
    const store = openSqliteStore(file);
    const before = fs.statSync(file).size;
    // 2 MiB of appends: half of what would make SQLite checkpoint inside a commit (1,000 pages).
    const chunk = new Uint8Array(1024).fill(7);
    for (let i = 0; i < 64; i++) {
      await store.appendUpdates(
        'doc',
        Array.from({ length: 32 }, () => chunk),
      );
    }
    expect(fs.statSync(file).size).toBe(before); // everything is still in the WAL
    await waitFor(() => fs.statSync(file).size > 2 * 1024 * 1024, 5_000, 'a checkpoint');
    const loaded = await store.loadDoc('doc');
    expect(loaded.updates).toHaveLength(64 * 32);
    await store.close();
    // Closing leaves a complete database: reopened, every row is there.
    const reopened = openSqliteStore(file);
    expect((await reopened.loadDoc('doc')).updates).toHaveLength(64 * 32);
    await reopened.close();
  });
});
