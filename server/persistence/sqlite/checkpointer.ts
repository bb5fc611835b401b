import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import type { Logger } from '../../log';

// Plain CommonJS run by the worker thread (no TypeScript loader there): its own connection to the
// same file, checkpointing the WAL on a timer. PASSIVE never waits for, nor blocks, the writer;
// TRUNCATE holds the writer off for a moment, and runs only when PASSIVE left nothing to copy.
const WORKER_SOURCE = `
const fs = require('node:fs');
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
const walFile = workerData.file + '-wal';
const walBytes = () => {
  try {
    return fs.statSync(walFile).size;
  } catch {
    return 0;
  }
};
const run = () => {
  try {
    let [row] = db.pragma('wal_checkpoint(PASSIVE)');
    // Everything is in the database file: a WAL grown past the limit (a burst, or writes that
    // piled up while the disk was full) is cut to nothing now, instead of holding the space.
    if (row.busy === 0 && row.checkpointed === row.log && walBytes() > workerData.walLimitBytes) {
      [row] = db.pragma('wal_checkpoint(TRUNCATE)');
    }
    parentPort.postMessage({ ok: true, log: row.log, checkpointed: row.checkpointed, walBytes: walBytes() });
  } catch (err) {
    parentPort.postMessage({ ok: false, error: String((err && err.message) || err), code: err && err.code });
  }
};
const timer = setInterval(run, workerData.everyMs);
parentPort.on('message', (message) => {
  if (message !== 'close') return;
  clearInterval(timer);
  run();
  db.close();
  parentPort.close();
});
`;

/** WAL frames (4 KiB pages) past which the writer checkpoints on its own again (~256 MiB). */
const RUNAWAY_WAL_FRAMES = 65_536;

/**
 * A WAL file larger than this is truncated once checkpointed (and the writer's own
 * `journal_size_limit` cuts it to this when it starts the log again): about what SQLite's default
 * of a checkpoint every 1,000 pages lets it grow to. Space a burst took is given back, so a disk
 * that filled up once does not fill again as soon as some space is freed.
 */
export const WAL_LIMIT_BYTES = 4 * 1024 * 1024;

interface WorkerMessage {
  ok: boolean;
  log?: number;
  walBytes?: number;
  error?: string;
  code?: string;
}

export interface Checkpointer {
  close(): Promise<void>;
}

/**
 * Moves WAL checkpoints off the event loop. SQLite normally checkpoints inside the commit that
 * crosses 1,000 WAL pages, and a checkpoint fsyncs: on a busy disk that stalled every room for
 * 100–250 ms (seen as latency spikes in `npm run bench`). The writer's automatic checkpoints are
 * turned off and a worker thread with its own connection checkpoints every `everyMs` instead.
 * If the worker fails, or the WAL runs away, the writer checkpoints on its own again.
 */
export function startCheckpointer(
  db: Database.Database,
  file: string,
  log: Pick<Logger, 'warn' | 'error'>,
  everyMs = 1_000,
  walLimitBytes = WAL_LIMIT_BYTES,
): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  let fallback = false;
  const fallBack = (why: string, detail?: unknown): void => {
    if (fallback) return;
    fallback = true;
    if (db.open) db.pragma('wal_autocheckpoint = 1000');
    log.warn({ file, why, detail }, 'WAL checkpoints back on the main thread');
  };
  db.pragma('wal_autocheckpoint = 0');
  db.pragma(`journal_size_limit = ${walLimitBytes}`);
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { file, driver, everyMs, walLimitBytes },
  });
  worker.unref();
  // A full disk fails every checkpoint until space returns: logged once per run, not per second.
  let failing = false;
  worker.on('message', (m: WorkerMessage) => {
    if (!m.ok) {
      if (!failing) log.error({ file, err: m.error, code: m.code }, 'WAL checkpoint failed');
      failing = true;
      return;
    }
    if (failing) log.warn({ file, walBytes: m.walBytes }, 'WAL checkpoints work again');
    failing = false;
    if ((m.log ?? 0) > RUNAWAY_WAL_FRAMES) fallBack('the WAL keeps growing', m.log);
  });
  worker.on('error', (err) => fallBack('checkpoint worker failed', err.message));
  let closing = false;
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  void exited.then(() => {
    if (!closing) fallBack('checkpoint worker exited');
  });
  return {
    async close() {
      closing = true;
      worker.postMessage('close');
      const timeout = new Promise<void>((resolve) => setTimeout(resolve, 2_000).unref());
      await Promise.race([exited, timeout]);
      await worker.terminate();
    },
  };
}
