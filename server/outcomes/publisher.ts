import { readBoard } from '@shared/board/read';
import type { ControlState } from '@shared/control/controlDoc';
import {
  OUTCOME_FORMATS,
  type OutcomeLang,
  type OutcomeListing,
  type PublishedOutcome,
} from '@shared/outcome/api';
import { AppError } from '../errors';
import type { Logger } from '../log';
import { STORE_WAIT_MS, type StorageHealth } from '../persistence/health';
import type { BoardRecord, ForumStore, OutcomeRecord, OutcomeStore } from '../persistence/store';
import { markFrozen } from '../facilitation/controlWrites';
import type { BoardRoom } from '../rooms/boardRoom';
import { buildOutcome, type OutcomeExtras } from './build';
import type { BoardLocks } from './locks';
import { outcomePath, outcomePaths } from './paths';
import { renderOutcomeFiles } from './render/files';

export interface OutcomePublisherDeps {
  store: ForumStore & OutcomeStore;
  locks: BoardLocks;
  log: Logger;
  /** The server's public base URL (no trailing slash); read at publish time. */
  publicUrl: () => string;
  /** Votes and proposals to publish with the board, once those features exist. */
  extras?: (room: BoardRoom) => Promise<OutcomeExtras> | OutcomeExtras;
  /** Time zone for dates on the page; the server's own by default. */
  timeZone?: string;
  /** While the store cannot write, a freeze answers 503 at once instead of waiting. */
  storage?: StorageHealth;
}

/** What a freeze did: the control state and the version that is now published. */
export interface FreezeResult {
  control: ControlState;
  outcome: PublishedOutcome;
  /** False when the board was already frozen and published: nothing new was made. */
  created: boolean;
}

/**
 * Freezing publishes: the board stops accepting writes and its content at that moment becomes a
 * new immutable version, stored in every format. "Frozen" therefore always means "published".
 */
export class OutcomePublisher {
  /**
   * What other features publish with the board (votes today; proposals hook in here). Read at
   * every publish, so a feature may set it after start.
   */
  extras: ((room: BoardRoom) => Promise<OutcomeExtras> | OutcomeExtras) | undefined;

  constructor(private readonly deps: OutcomePublisherDeps) {
    this.extras = deps.extras;
  }

  /** Absolute links of a published version. */
  links(outcome: Pick<OutcomeRecord, 'boardId' | 'version' | 'hash'>): PublishedOutcome {
    const base = this.deps.publicUrl();
    const paths = outcomePaths(outcome.boardId, outcome.version);
    const formats = {} as PublishedOutcome['formats'];
    for (const format of OUTCOME_FORMATS) formats[format] = base + paths[format];
    return { version: outcome.version, hash: outcome.hash, url: formats.html, formats };
  }

  /** A version as the indexes list it. */
  listing(outcome: OutcomeRecord): OutcomeListing {
    return {
      ...this.links(outcome),
      boardId: outcome.boardId,
      boardTitle: outcome.boardTitle,
      publishedAt: outcome.publishedAt,
      language: outcome.language as OutcomeLang,
    };
  }

  /**
   * Freezes `room` and publishes its content as the next version. Freezing a board that is
   * already frozen and published returns that version. If publishing fails, a board this call
   * froze is unfrozen again, so it is never left frozen without its outcome.
   */
  freeze(room: BoardRoom, board: BoardRecord): Promise<FreezeResult> {
    return this.deps.locks.run(board.id, async () => {
      const { store } = this.deps;
      const [latest] = await store.listBoardOutcomes(board.id);
      const before = room.controlState();
      if (before.frozen && latest && latest.publishedAt === before.frozenAt) {
        return { control: before, outcome: this.links(latest), created: false };
      }
      // A freeze that cannot be stored fails now, with a clear 503, not after minutes.
      this.deps.storage?.assertWritable();
      const control = before.frozen ? before : markFrozen(room, true);
      try {
        // Whatever was applied before the freeze is durable before it is published; if it cannot
        // be stored (saves fail, or take too long) the freeze is undone and answers 503.
        await room.board.whenStored(STORE_WAIT_MS);
        const record = await this.publish(room, board, control, (latest?.version ?? 0) + 1);
        return { control, outcome: this.links(record), created: true };
      } catch (err) {
        if (!before.frozen) markFrozen(room, false);
        throw err;
      }
    });
  }

  private async publish(
    room: BoardRoom,
    board: BoardRecord,
    control: ControlState,
    version: number,
  ): Promise<OutcomeRecord> {
    const { store } = this.deps;
    const forum = await store.getForum(board.forumId);
    const publicUrl = this.deps.publicUrl();
    const publishedAt = control.frozenAt ?? new Date().toISOString();
    const doc = buildOutcome({
      board: { id: board.id, title: board.title },
      forum: { id: board.forumId, title: forum?.title ?? '' },
      version,
      publishedAt,
      permalink: publicUrl + outcomePath(board.id, version, 'html'),
      content: readBoard(room.board.doc),
      extras: this.extras ? await this.extras(room) : undefined,
    });
    const rendered = renderOutcomeFiles(doc, { publicUrl, timeZone: this.deps.timeZone });
    const record: OutcomeRecord = {
      boardId: board.id,
      forumId: board.forumId,
      version,
      publishedAt,
      hash: rendered.hash,
      language: doc.language,
      boardTitle: doc.board.title,
    };
    try {
      await store.insertOutcome(record, rendered.files);
    } catch (err) {
      this.deps.log.error({ err, board: board.id, version }, 'publishing an outcome failed');
      throw new AppError('unavailable', 'The outcome could not be stored; try again');
    }
    this.deps.log.info({ board: board.id, version, hash: rendered.hash }, 'outcome published');
    return record;
  }
}
