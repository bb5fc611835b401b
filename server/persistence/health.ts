import { AppError } from '../errors';
import type { Logger } from '../log';
import type { Store } from './store';

/** What `/healthz` and fail-fast callers see of the store. */
export interface StorageState {
  ok: boolean;
  /** Why writes fail (an error code such as SQLITE_FULL or ENOSPC), while they do. */
  reason: string | null;
  /** When writes started failing (ISO time), while they do. */
  since: string | null;
}

/** While failing, `/healthz` tries a write of its own at most this often. */
const PROBE_EVERY_MS = 2_000;

// Error codes that mean "the store cannot write", not "this request was wrong": disk full, I/O
// errors, a read-only or unreachable database. Constraint violations and the like are not here.
const SQLITE_STORAGE = /^SQLITE_(FULL|IOERR|READONLY|CANTOPEN|CORRUPT|NOTADB)/;
const NODE_STORAGE = new Set(['ENOSPC', 'EDQUOT', 'EIO', 'EROFS', 'ECONNREFUSED', 'ECONNRESET']);
// PostgreSQL SQLSTATE classes 53 (insufficient resources: disk_full 53100), 58 (system error:
// io_error 58030), 08 (connection exception), and 57P (operator intervention: shutdown).
const PG_STORAGE = /^(53|58|08|57P)/;

/** True when `err` says the store cannot write at all (as opposed to refusing one request). */
export function isStorageError(err: unknown): boolean {
  const code = errorCode(err);
  if (!code) return false;
  return SQLITE_STORAGE.test(code) || NODE_STORAGE.has(code) || PG_STORAGE.test(code);
}

function errorCode(err: unknown): string | null {
  if (typeof err !== 'object' || err === null) return null;
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' ? code : null;
}

/**
 * How long a request waits for its changes to be stored before it answers 503: saves that fail
 * answer at once; this bounds a store that hangs instead (an unreachable database).
 */
export const STORE_WAIT_MS = 10_000;

/** The message callers get while the store cannot write. */
export const STORAGE_UNAVAILABLE =
  'The server cannot store changes right now (storage is failing, e.g. the disk is full); try again later';

/**
 * Whether the store can write, from the outcome of every write the server makes (see
 * `watchStore`): the last storage error since the last success. While failing, `check` probes the
 * store itself now and then, so a server nobody writes to still notices that space came back.
 */
export class StorageHealth {
  private failingSince: number | null = null;
  private reason: string | null = null;
  private lastProbe = 0;
  private probing: Promise<void> | null = null;
  private readonly recoveredListeners = new Set<() => void>();

  constructor(
    private readonly log: Pick<Logger, 'warn' | 'error'>,
    /** A small write that commits and leaves nothing behind; none for stores without one. */
    private readonly probe?: () => Promise<void>,
  ) {}

  get ok(): boolean {
    return this.failingSince === null;
  }

  get state(): StorageState {
    return {
      ok: this.ok,
      reason: this.reason,
      since: this.failingSince === null ? null : new Date(this.failingSince).toISOString(),
    };
  }

  /** A write failed with a storage error. */
  failed(op: string, err: unknown): void {
    if (this.failingSince !== null) return;
    this.failingSince = Date.now();
    this.reason = errorCode(err) ?? 'storage error';
    this.log.error({ op, err }, 'the store cannot write; edits stay in memory and are retried');
  }

  /** A write succeeded: the store can write again. */
  succeeded(): void {
    if (this.failingSince === null) return;
    const failedForMs = Date.now() - this.failingSince;
    this.failingSince = null;
    this.reason = null;
    this.log.warn({ failedForMs }, 'the store can write again');
    for (const listener of Array.from(this.recoveredListeners)) listener();
  }

  /** Calls `listener` each time the store can write again; returns the unsubscribe. */
  onRecovered(listener: () => void): () => void {
    this.recoveredListeners.add(listener);
    return () => this.recoveredListeners.delete(listener);
  }

  /** Throws AppError('unavailable') while the store cannot write: for callers that must not wait. */
  assertWritable(): void {
    if (!this.ok) throw new AppError('unavailable', STORAGE_UNAVAILABLE);
  }

  /** The state, after a probe of the store if it is failing and was not probed lately. */
  async check(): Promise<StorageState> {
    if (!this.ok && this.probe && Date.now() - this.lastProbe >= PROBE_EVERY_MS) {
      this.lastProbe = Date.now();
      this.probing ??= this.probe()
        .then(
          () => this.succeeded(),
          (err: unknown) => {
            if (!isStorageError(err)) this.log.warn({ err }, 'storage probe failed');
          },
        )
        .finally(() => {
          this.probing = null;
        });
      await this.probing;
    }
    return this.state;
  }
}

/** Store methods that write: their outcome says whether the store can write. */
const WRITES = [
  'createForum',
  'createBoard',
  'updateForum',
  'updateBoard',
  'rotateBoardLinks',
  'rotateEntrance',
  'saveForumPerson',
  'savePerson',
  'vote',
  'resetVotes',
  'appendUpdates',
  'compact',
  'insertOutcome',
  'insertSnapshot',
] as const satisfies ReadonlyArray<keyof Store>;

/**
 * The same store, reporting the outcome of every write to `health`: a storage error marks it
 * failing, any success marks it writable again. Errors are passed on unchanged.
 */
export function watchStore<S extends Store>(store: S, health: StorageHealth): S {
  const watched: S = Object.create(store) as S;
  for (const name of WRITES) {
    // reason: each method keeps its own signature; only the promise is observed.
    const original = store[name] as (...args: unknown[]) => Promise<unknown>;
    const wrapped = (...args: unknown[]): Promise<unknown> => {
      let result: Promise<unknown>;
      try {
        // Called at once, not after a tick: SQLite appends are in the WAL when this returns.
        result = original.apply(store, args);
      } catch (err) {
        result = Promise.reject(err);
      }
      return result.then(
        (value) => {
          health.succeeded();
          return value;
        },
        (err: unknown) => {
          if (isStorageError(err)) health.failed(name, err);
          throw err;
        },
      );
    };
    Object.defineProperty(watched, name, { value: wrapped });
  }
  return watched;
}
