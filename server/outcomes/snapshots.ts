import { createHash } from 'node:crypto';
import * as Y from 'yjs';
import { migrateBoard } from '@shared/board/migrations';
import { readBoard } from '@shared/board/read';
import { restoreBoardContent } from '@shared/board/restore';
import type { RestoreResult, SnapshotInfo } from '@shared/outcome/api';
import { newId } from '../boards';
import { AppError } from '../errors';
import type { Logger } from '../log';
import {
  isStorageError,
  STORAGE_UNAVAILABLE,
  STORE_WAIT_MS,
  type StorageHealth,
} from '../persistence/health';
import type { BoardRecord, ForumStore, OutcomeStore, SnapshotRecord } from '../persistence/store';
import type { BoardRoom } from '../rooms/boardRoom';
import type { DocRoom } from '../rooms/docRoom';
import { RESTORE_ORIGIN } from '../rooms/origins';
import type { RoomManager } from '../rooms/roomManager';
import type { BoardLocks } from './locks';

/** Default interval of automatic snapshots (SNAPSHOT_EVERY_MS). */
export const DEFAULT_SNAPSHOT_EVERY_MS = 10 * 60 * 1000;

const MAX_REASON = 100;

export interface SnapshotServiceDeps {
  store: ForumStore & OutcomeStore;
  rooms: RoomManager;
  locks: BoardLocks;
  log: Logger;
  /** Interval of automatic snapshots; 0 turns them off. */
  everyMs: number;
  /** While the store cannot write, snapshots answer 503 at once and automatic ones wait. */
  storage?: StorageHealth;
}

const info = (s: SnapshotRecord): SnapshotInfo => ({
  id: s.id,
  takenAt: s.takenAt,
  reason: s.reason,
  size: s.size,
});

// Equal for equal content: the state vector plus the whole delete set (deletes add no clock).
function fingerprint(doc: Y.Doc): string {
  const sv = Y.encodeStateVector(doc);
  return createHash('sha256').update(sv).update(Y.encodeStateAsUpdate(doc, sv)).digest('hex');
}

function docFrom(update: Uint8Array): Y.Doc {
  const doc = new Y.Doc({ gc: true });
  Y.applyUpdate(doc, update);
  return doc;
}

/**
 * Version history of boards: automatic snapshots of every loaded board that changed since its
 * last snapshot, snapshots on demand (before a phase change, before a restore), and restoring a
 * snapshot as a new change. Snapshots are never updated or deleted.
 */
export class SnapshotService {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  /** Fingerprint of each board's content at its last snapshot. */
  private readonly lastTaken = new Map<string, string>();
  /** The board version last compared with its latest snapshot, per loaded room. */
  private readonly checked = new WeakMap<DocRoom, number>();

  constructor(private readonly deps: SnapshotServiceDeps) {}

  /** Starts the automatic snapshots (no-op when the interval is 0). */
  start(): void {
    if (this.deps.everyMs <= 0 || this.timer) return;
    this.timer = setInterval(() => void this.tick(), this.deps.everyMs);
    this.timer.unref();
  }

  /** Stops the timer and waits for a round in progress. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  /** One round of automatic snapshots; resolves to how many were taken. */
  tick(): Promise<number> {
    this.running ??= this.snapshotChangedRooms().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Takes a snapshot of a board now, e.g. `takeSnapshot(id, 'before phase change')`. */
  async takeSnapshot(boardId: string, reason: string): Promise<SnapshotInfo> {
    const board = await this.deps.store.getBoard(boardId);
    if (!board) throw new AppError('not_found', 'No such board');
    return this.withRoom(board, (room) => this.snapshot(room, reason));
  }

  /** Takes a snapshot of a room its caller already holds (e.g. a facilitation hook). */
  snapshotRoom(room: BoardRoom, reason: string): Promise<SnapshotInfo> {
    return this.deps.locks.run(room.id, () => this.snapshot(room, reason));
  }

  /** A board's snapshots, newest first. */
  async list(boardId: string): Promise<SnapshotInfo[]> {
    return (await this.deps.store.listSnapshots(boardId)).map(info);
  }

  /**
   * Makes the board's content equal to the snapshot's, as a new change every connected device
   * receives. First snapshots the current content ("before restore"): restoring that one undoes
   * this. Refused while the board is frozen (its content is what was published).
   */
  async restore(board: BoardRecord, snapshotId: string): Promise<RestoreResult> {
    const found = await this.deps.store.getSnapshot(snapshotId);
    if (!found || found.snapshot.boardId !== board.id) {
      throw new AppError('not_found', 'No such snapshot of this board');
    }
    const source = docFrom(found.data);
    if (migrateBoard(source).status === 'too-new') {
      throw new AppError('bad_request', 'The snapshot was written by a newer Talkoot');
    }
    return this.withRoom(board, async (room) => {
      if (room.frozen) {
        throw new AppError('frozen', 'The board is frozen: unfreeze it to restore a snapshot');
      }
      if (room.readOnlySchema) {
        throw new AppError('conflict', 'The board was written by a newer Talkoot');
      }
      const undo = await this.snapshot(room, 'before restore');
      restoreBoardContent(room.board.doc, source, RESTORE_ORIGIN);
      // 503 at once if the restored content cannot be stored; the room stores it when it can.
      await room.board.whenStored(STORE_WAIT_MS);
      this.deps.log.info({ board: board.id, snapshot: snapshotId }, 'snapshot restored');
      return { restored: info(found.snapshot), undo };
    });
  }

  private async withRoom<T>(board: BoardRecord, fn: (room: BoardRoom) => Promise<T>): Promise<T> {
    return this.deps.locks.run(board.id, () => this.deps.rooms.withRoom(board, fn));
  }

  private async snapshot(room: BoardRoom, reason: string): Promise<SnapshotInfo> {
    // While saves fail the board holds changes that are not stored: a snapshot of it would keep
    // what was never acknowledged, and its own write would fail too.
    this.deps.storage?.assertWritable();
    if (room.board.savesFailing) throw new AppError('unavailable', STORAGE_UNAVAILABLE);
    const data = Y.encodeStateAsUpdate(room.board.doc);
    const record: SnapshotRecord = {
      id: newId(),
      boardId: room.id,
      takenAt: new Date().toISOString(),
      reason: reason.slice(0, MAX_REASON),
      size: data.byteLength,
    };
    try {
      await this.deps.store.insertSnapshot(record, data);
    } catch (err) {
      if (isStorageError(err)) throw new AppError('unavailable', STORAGE_UNAVAILABLE);
      throw err;
    }
    this.lastTaken.set(room.id, fingerprint(room.board.doc));
    return info(record);
  }

  // The fingerprint of a board's latest stored snapshot, remembered after the first look.
  private async lastFingerprint(boardId: string): Promise<string | null> {
    const known = this.lastTaken.get(boardId);
    if (known) return known;
    const [latest] = await this.deps.store.listSnapshots(boardId);
    const stored = latest ? await this.deps.store.getSnapshot(latest.id) : null;
    if (!stored) return null;
    const doc = docFrom(stored.data);
    const print = fingerprint(doc);
    doc.destroy();
    this.lastTaken.set(boardId, print);
    return print;
  }

  private async loadedBoards(): Promise<BoardRecord[]> {
    return this.deps.rooms.loaded().map((room) => room.record);
  }

  private async snapshotChangedRooms(): Promise<number> {
    // Nothing can be stored now; the changed boards are taken on the first round after. The
    // check probes the store, so a round notices space came back even if nobody writes.
    if (this.deps.storage && !(await this.deps.storage.check()).ok) return 0;
    let taken = 0;
    for (const board of await this.loadedBoards()) {
      try {
        const done = await this.deps.locks.run(board.id, async () => {
          // Skip a board unloaded meanwhile; holding the room keeps it from unloading.
          if (!this.deps.rooms.peek(board.id)) return false;
          return this.deps.rooms.withRoom(board, async (room) => {
            // Unchanged since the last look (a quiet board among them): nothing to read.
            if (this.checked.get(room.board) === room.board.version) return false;
            const version = room.board.version;
            const last = await this.lastFingerprint(board.id);
            if (last === fingerprint(room.board.doc)) {
              this.checked.set(room.board, version);
              return false;
            }
            const { notes, clusters } = readBoard(room.board.doc);
            if (last === null && notes.length === 0 && clusters.length === 0) {
              this.checked.set(room.board, version);
              return false;
            }
            await this.snapshot(room, 'interval');
            this.checked.set(room.board, version);
            return true;
          });
        });
        if (done) taken += 1;
      } catch (err) {
        this.deps.log.error({ err, board: board.id }, 'automatic snapshot failed');
      }
    }
    return taken;
  }
}
