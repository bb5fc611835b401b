import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { docsRepo } from './sqlite/docsRepo';
import { forumsRepo } from './sqlite/forumsRepo';
import { outcomesRepo } from './sqlite/outcomesRepo';
import { migrateSqlite } from './sqlite/schema';
import { votesRepo } from './sqlite/votesRepo';
import type { Store } from './store';
import type { Logger } from '../log';
import { startCheckpointer } from './sqlite/checkpointer';
import { probeWrite, simulateDiskFull } from './sqlite/space';

const SILENT = { warn: () => undefined, error: () => undefined };

/** The SQLite store, with what only SQLite can do. */
export interface SqliteStore extends Store {
  /** A write that commits and leaves nothing behind: rejects while the database cannot write. */
  probe(): Promise<void>;
  /**
   * Tests only: the database file may not grow and has no room left (`full`), so writes fail
   * with SQLITE_FULL as on a full disk; `false` frees the space again. See sqlite/space.ts.
   */
  simulateDiskFullForTests(full: boolean): void;
}

/**
 * The embedded default: one SQLite file in WAL mode. synchronous=NORMAL survives a killed
 * process; FULL would also survive power loss at the cost of an fsync per commit. WAL
 * checkpoints (the fsyncs) run on a worker thread (sqlite/checkpointer.ts).
 */
export function openSqliteStore(
  file: string,
  options: { log?: Pick<Logger, 'warn' | 'error'> } = {},
): SqliteStore {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrateSqlite(db);
  const checkpointer = startCheckpointer(db, file, options.log ?? SILENT);
  return {
    kind: 'sqlite',
    ...forumsRepo(db),
    ...docsRepo(db),
    ...votesRepo(db),
    ...outcomesRepo(db),
    async probe() {
      probeWrite(db);
    },
    simulateDiskFullForTests: (full) => simulateDiskFull(db, full),
    async close() {
      await checkpointer.close();
      if (db.open) db.close();
    },
  };
}
