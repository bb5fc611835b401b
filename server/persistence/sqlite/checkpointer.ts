import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import type { Logger } from '../../log';

// Plain CommonJS run by the worker thread (no TypeScript loader there): its own connection to the
// same file, checkpointing the WAL on a timer. PASSIVE never waits for, nor blocks, the writer.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
const run = () => {
  try {
    const [row] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ ok: true, log: row.log, checkpointed: row.checkpointed });
  } catch (err) {
    parentPort.postMessage({ ok: false, error: String((err && err.message) || err) });
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
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver, everyMs } });
  worker.unref();
  worker.on('message', (m: { ok: boolean; log?: number; error?: string }) => {
    if (!m.ok) log.error({ file, err: m.error }, 'WAL checkpoint failed');
    else if ((m.log ?? 0) > RUNAWAY_WAL_FRAMES) fallBack('the WAL keeps growing', m.log);
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
