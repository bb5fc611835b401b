import type { Boards } from '../boards';
import { ControlKey, type PublishedRef } from '@shared/control/controlDoc';
import type { RestoreResult } from '@shared/outcome/api';
import type { Actor } from '../facilitation/controlCommands';
import { logAction, setControl } from '../facilitation/controlWrites';
import type { Facilitation } from '../facilitation/facilitation';
import type { Logger } from '../log';
import { STORE_WAIT_MS, type StorageHealth } from '../persistence/health';
import type { BoardRecord, ForumStore, OutcomeStore, VoteStore } from '../persistence/store';
import type { BoardRoom } from '../rooms/boardRoom';
import type { RoomManager } from '../rooms/roomManager';
import type { OutcomeExtras } from './build';
import { defaultExtras } from './extras';
import { BoardLocks } from './locks';
import { OutcomePublisher, type FreezeResult } from './publisher';
import { SnapshotService } from './snapshots';

export interface OutcomeServiceDeps {
  /** Votes only for the default extras (the tallies in a published outcome). */
  store: ForumStore & OutcomeStore & VoteStore;
  rooms: RoomManager;
  boards: Boards;
  facilitation: Facilitation;
  log: Logger;
  publicUrl: () => string;
  /** Interval of automatic snapshots (SNAPSHOT_EVERY_MS); 0 turns them off. */
  snapshotEveryMs: number;
  extras?: (room: BoardRoom) => Promise<OutcomeExtras> | OutcomeExtras;
  timeZone?: string;
  now?: () => number;
  /** Whether the store can write: freezes and snapshots fail fast (503) while it cannot. */
  storage?: StorageHealth;
}

/**
 * Published outcomes and version history, wired to the rest of the server: who may freeze,
 * restore and list snapshots (a facilitator link or the admin token, as for every command),
 * and the facilitator log.
 */
export class OutcomeService {
  readonly publisher: OutcomePublisher;
  readonly snapshots: SnapshotService;

  constructor(private readonly deps: OutcomeServiceDeps) {
    const locks = new BoardLocks();
    this.publisher = new OutcomePublisher({
      store: deps.store,
      locks,
      log: deps.log,
      publicUrl: deps.publicUrl,
      extras: deps.extras ?? ((room) => defaultExtras(room, deps.store)),
      timeZone: deps.timeZone,
      storage: deps.storage,
    });
    this.snapshots = new SnapshotService({
      store: deps.store,
      rooms: deps.rooms,
      locks,
      log: deps.log,
      everyMs: deps.snapshotEveryMs,
      storage: deps.storage,
    });
  }

  /** The board, if `token` is its facilitator's link or the admin token; else 401/403. */
  async authorizeFacilitator(boardId: string, token: string | null): Promise<BoardRecord> {
    await this.deps.facilitation.facilitator(boardId, token);
    return this.deps.boards.requireBoard(boardId);
  }

  /** Restores a snapshot (see SnapshotService.restore) and writes it to the facilitator log. */
  async restore(boardId: string, token: string | null, snapshotId: string): Promise<RestoreResult> {
    const actor = await this.deps.facilitation.facilitator(boardId, token);
    const board = await this.deps.boards.requireWritable(boardId);
    const result = await this.snapshots.restore(board, snapshotId);
    await this.deps.rooms.withRoom(board, async (room) => {
      const now = (this.deps.now ?? Date.now)();
      logAction(room, actor.name, 'restoreSnapshot', { takenAt: result.restored.takenAt }, now);
      await storedWithin(room);
    });
    return result;
  }

  /** Freezes the board and publishes its content as the next version, for a facilitator. */
  async freeze(boardId: string, token: string | null): Promise<FreezeResult> {
    const actor = await this.deps.facilitation.facilitator(boardId, token);
    const board = await this.deps.boards.requireWritable(boardId);
    return this.deps.rooms.withRoom(board, (room) => this.freezeBoard(room, board, actor));
  }

  /**
   * The one way a board freezes, whichever route asks: frozen always means published (see
   * OutcomePublisher.freeze), with a line in the facilitator log and the version in the control
   * document. Authorisation is the caller's job.
   */
  async freezeBoard(room: BoardRoom, board: BoardRecord, actor: Actor): Promise<FreezeResult> {
    const result = await this.publisher.freeze(room, board);
    if (result.created) {
      const now = (this.deps.now ?? Date.now)();
      logAction(room, actor.name, 'freeze', { version: result.outcome.version }, now);
    }
    // Every device learns the published version from the control document it already syncs,
    // instead of a burst of requests from the audience at each freeze.
    setPublished(room, { version: result.outcome.version, url: result.outcome.url });
    result.control = room.controlState();
    // Answered once the freeze is stored; 503 at once if saves fail (the room keeps the
    // changes and stores them when it can: a retried freeze finds the version published).
    await storedWithin(room);
    return result;
  }
}

/**
 * Resolves once the board and control documents are stored; AppError('unavailable') as soon as
 * their saves fail, or after STORE_WAIT_MS. A room released unsaved is never unloaded.
 */
async function storedWithin(room: BoardRoom): Promise<void> {
  await Promise.all([room.board, room.control].map((doc) => doc.whenStored(STORE_WAIT_MS)));
}

/** Records the latest published version in the board's control document. */
function setPublished(room: BoardRoom, published: PublishedRef): void {
  setControl(room, [[ControlKey.Published, published]]);
}
