import * as Y from 'yjs';
import { AppError } from '../errors';
import { STORAGE_UNAVAILABLE } from '../persistence/health';
import type { DocRoomDeps } from './roomDeps';
import { Coalescer } from './coalesce';

/** A change applied to the document and waiting to be stored, with who made it. */
export interface Pending {
  update: Uint8Array;
  origin: unknown;
}

export interface DocLogHooks {
  /** A batch is durable: relay it. */
  saved(batch: Pending[]): void;
  /** The whole document as one update (what a compaction stores). */
  encoded(): Uint8Array;
  /** Saves started failing (`true`) or work again (`false`): tell the writers. */
  savesFailing?(failing: boolean): void;
}

/** Someone waiting for the queue: `untilSaved` waiters ignore failures, others hear of them. */
interface Waiter {
  untilSaved: boolean;
  resolve(saved: boolean): void;
}

const MAX_RETRY_MS = 30_000;
/** Under load, flushes (store, relay) are at least this far apart; see Coalescer. */
const MERGE_WINDOW_MS = 2;
/** Background compactions of one busy document are at least this far apart. */
const COMPACT_MIN_INTERVAL_MS = 5_000;

/**
 * A document's stored rows: the queue of applied changes on their way to the store, retries of
 * failed saves, and compaction of the rows into one. Nothing is relayed before it is stored
 * ("persist before you acknowledge"): `hooks.saved` is called only after the append succeeded.
 *
 * While appends fail (a full disk) the queue stays in memory and is retried with backoff, at once
 * when the store reports it can write again; `failing` is true from the first failed append to
 * the next successful one, and `hooks.savesFailing` hears of both edges.
 */
export class DocLog {
  private queue: Pending[] = [];
  private flushing = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private retryMs = 100;
  private compactTimer: NodeJS.Timeout | null = null;
  private lastCompactAt = 0;
  private lastSeq = 0;
  private appendsSinceCompact = 0;
  /** Size of the stored state at the last compaction (or load), and bytes appended since. */
  private compactedBytes = 0;
  private bytesSinceCompact = 0;
  private waiters: Waiter[] = [];
  private destroyed = false;
  private unwatchStorage: (() => void) | null = null;
  /** True from a failed append until an append succeeds again. */
  failing = false;
  private readonly flusher = new Coalescer(MERGE_WINDOW_MS, () => this.flush());
  compacting = false;
  /** Approximate size of the document as stored. */
  storedBytes = 0;
  /** Bytes of changes applied and not yet stored. */
  queuedBytes = 0;

  constructor(
    private readonly name: string,
    private readonly deps: DocRoomDeps,
    private readonly hooks: DocLogHooks,
  ) {}

  /** What the store held when the document was loaded. */
  loaded(stored: { lastSeq: number; bytes: number; rows: number }): void {
    this.lastSeq = stored.lastSeq;
    this.storedBytes = stored.bytes;
    this.appendsSinceCompact = stored.rows;
    this.compactedBytes = stored.bytes;
  }

  /** Queues an applied change for the store. */
  enqueue(update: Uint8Array, origin: unknown): void {
    this.queuedBytes += update.byteLength;
    this.queue.push({ update, origin });
    this.scheduleFlush();
  }

  /** True while some change is not yet durable. */
  get unsaved(): boolean {
    return this.flushing || this.queue.length > 0;
  }

  /** Resolves once every change made so far is durable, however long the store fails. */
  whenSaved(): Promise<void> {
    if (!this.unsaved) return Promise.resolve();
    return new Promise((resolve) =>
      this.waiters.push({ untilSaved: true, resolve: () => resolve() }),
    );
  }

  /**
   * Resolves true once every change made so far is durable, or false as soon as saves fail (at
   * once while they are failing): for callers that must not wait for a disk to be freed.
   */
  savedOrFailing(): Promise<boolean> {
    if (this.failing) return Promise.resolve(false);
    if (!this.unsaved) return Promise.resolve(true);
    return new Promise((resolve) => this.waiters.push({ untilSaved: false, resolve }));
  }

  /**
   * Resolves once every change made so far is durable; rejects with AppError('unavailable') when
   * saves fail, or after `timeoutMs` (a store that hangs rather than fails).
   */
  async whenStored(timeoutMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
      timer.unref();
    });
    try {
      const saved = await Promise.race([this.savedOrFailing(), timeout]);
      if (saved === true) return;
      throw new AppError('unavailable', STORAGE_UNAVAILABLE);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Updates arriving in one event-loop turn (often from many sockets), or under load within
   * MERGE_WINDOW_MS of the last flush, are saved in one transaction and relayed as one message,
   * framed once for every receiver.
   */
  private scheduleFlush(): void {
    if (this.flushing || this.retryTimer) return;
    this.flusher.schedule();
  }

  private flush(): void {
    if (this.flushing || this.retryTimer || this.destroyed || this.queue.length === 0) return;
    const batch = this.queue;
    this.queue = [];
    this.flushing = true;
    const stop = this.deps.metrics.persistSeconds.startTimer({ op: 'append' });
    const updates = batch.map((p) => p.update);
    this.deps.store.appendUpdates(this.name, updates).then(
      (seq) => {
        stop();
        this.flushing = false;
        this.retryMs = 100;
        this.recovered();
        this.lastSeq = seq;
        this.appendsSinceCompact += batch.length;
        for (const u of updates) {
          this.storedBytes += u.byteLength;
          this.queuedBytes -= u.byteLength;
          this.bytesSinceCompact += u.byteLength;
        }
        this.hooks.saved(batch);
        this.afterSave();
      },
      (err: unknown) => {
        this.flushing = false;
        this.deps.metrics.persistFailures.inc({ op: 'append' });
        // Every retry fails alike while the disk is full: one error per run, not per retry.
        if (!this.failing) {
          this.deps.log.error({ err, doc: this.name }, 'saving updates failed; will retry');
        }
        this.queue = batch.concat(this.queue);
        if (this.destroyed) return;
        this.retryTimer = setTimeout(() => this.retryNow(), this.retryMs);
        this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
        this.startFailing();
      },
    );
  }

  private retryNow(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.flush();
  }

  private startFailing(): void {
    if (this.failing) return;
    this.failing = true;
    // Space may return while we back off: the first write anyone makes that succeeds retries
    // this queue at once.
    this.unwatchStorage = this.deps.storage?.onRecovered(() => this.retryNow()) ?? null;
    this.hooks.savesFailing?.(true);
    const waiters = this.waiters;
    this.waiters = waiters.filter((w) => w.untilSaved);
    for (const w of waiters) if (!w.untilSaved) w.resolve(false);
  }

  private recovered(): void {
    if (!this.failing) return;
    this.failing = false;
    this.unwatchStorage?.();
    this.unwatchStorage = null;
    this.deps.log.warn({ doc: this.name }, 'saving updates works again');
    this.hooks.savesFailing?.(false);
  }

  private afterSave(): void {
    if (this.queue.length > 0) {
      this.scheduleFlush();
      return;
    }
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w.resolve(true);
    if (this.shouldCompact()) this.scheduleCompaction();
  }

  /**
   * Compaction rewrites the board's rows in one synchronous SQLite transaction, which stalls
   * every room for a moment: in a busy room it runs at most every COMPACT_MIN_INTERVAL_MS (the
   * rows meanwhile cost only a slightly longer load), unless the rows get far too many.
   */
  private scheduleCompaction(): void {
    if (this.compactTimer) return;
    const wait = this.lastCompactAt + COMPACT_MIN_INTERVAL_MS - Date.now();
    const urgent = this.appendsSinceCompact >= this.deps.compactEvery * 20;
    this.compactTimer = setTimeout(
      () => {
        this.compactTimer = null;
        void this.compact();
      },
      urgent ? 0 : Math.max(0, wait),
    );
    this.compactTimer.unref();
  }

  /**
   * Compacting re-encodes the whole board, so it waits until the appended rows are many and
   * also weigh a quarter of the board: 500 cursor-sized updates never cost a 1 MB re-encode.
   * Far too many rows (slow loads) compact regardless.
   */
  private shouldCompact(): boolean {
    const { compactEvery } = this.deps;
    if (this.appendsSinceCompact >= compactEvery * 20) return true;
    return (
      this.appendsSinceCompact >= compactEvery && this.bytesSinceCompact >= this.compactedBytes / 4
    );
  }

  /** Merges every stored row into one. Safe to call at any time; a no-op while saving. */
  async compact(): Promise<void> {
    if (this.compacting || this.unsaved || this.destroyed || this.appendsSinceCompact <= 1) return;
    this.compacting = true;
    const stop = this.deps.metrics.persistSeconds.startTimer({ op: 'compact' });
    try {
      let merged = this.hooks.encoded();
      let uptoSeq = this.lastSeq;
      if (this.deps.bridge) {
        // Other servers append too, and their rows may not have reached this memory yet: merge
        // what is stored with what is here, so deleting rows never loses one.
        const stored = await this.deps.store.loadDoc(this.name);
        merged = Y.mergeUpdates([merged, ...stored.updates]);
        uptoSeq = stored.lastSeq;
      }
      await this.deps.store.compact(this.name, merged, uptoSeq);
      this.lastCompactAt = Date.now();
      this.storedBytes = merged.byteLength;
      this.compactedBytes = merged.byteLength;
      this.bytesSinceCompact = 0;
      this.appendsSinceCompact = 1;
      stop();
    } catch (err) {
      // Retried after the next save, but not before COMPACT_MIN_INTERVAL_MS: on a nearly full disk
      // appends may fit where the merged document does not.
      this.lastCompactAt = Date.now();
      this.deps.metrics.persistFailures.inc({ op: 'compact' });
      this.deps.log.error({ err, doc: this.name }, 'compaction failed; rows kept');
    } finally {
      this.compacting = false;
    }
  }

  destroy(): void {
    this.destroyed = true;
    this.unwatchStorage?.();
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.compactTimer) clearTimeout(this.compactTimer);
  }
}
