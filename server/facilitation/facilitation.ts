import type { BoardPerson, JoinResult, RemovePersonResult, VotesView } from '@shared/api';
import type { ControlState } from '@shared/control/controlDoc';
import type { ControlCommand, JoinBody, VoteBody } from '@shared/control/commands';
import { CloseCode } from '@shared/protocol/closeCodes';
import { JoinLimiter } from '../auth/joinLimits';
import type { TokenService } from '../auth/tokens';
import { assertNotArchived, newId, type Boards } from '../boards';
import { AppError } from '../errors';
import type { PersonRecord, VoteStore } from '../persistence/store';
import type { BoardRoom } from '../rooms/boardRoom';
import type { RoomManager } from '../rooms/roomManager';
import { runControlCommand, type Actor, type CommandDeps } from './controlCommands';
import { logAction } from './controlWrites';
import { clearPrivateNotesOf } from './privateNotes';
import { castVote, myVotes, publishTallies } from './votes';

export interface FacilitationOptions {
  /** Runs before every phase change (automatic snapshots hook in here). */
  beforePhaseChange?: CommandDeps['beforePhaseChange'];
  /** The one freeze: freezes and publishes (OutcomeService.freezeBoard). */
  freezeBoard: CommandDeps['freezeBoard'];
  now?: () => number;
  /** Guards minting people (shared with the forum entrance). */
  joinLimiter?: JoinLimiter;
  /** The board size limit (limits.maxDocBytes) revealing private notes must respect. */
  maxDocBytes?: number;
}

/** Where a request came from, for the per-address join limit. */
export interface RequestOrigin {
  address: string;
}

/** Sockets still being set up when a person is removed are swept up by these later passes. */
const REMOVAL_SWEEPS_MS = [1_000, 5_000];

/**
 * What facilitators and participants do to a board beyond editing it: commands on the control
 * state, joining with a name, voting. The server, not the client, decides what is allowed.
 */
export class Facilitation {
  private readonly now: () => number;
  readonly joinLimiter: JoinLimiter;

  constructor(
    private readonly boards: Boards,
    private readonly store: VoteStore,
    private readonly tokens: TokenService,
    private readonly rooms: RoomManager,
    private readonly options: FacilitationOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.joinLimiter = options.joinLimiter ?? new JoinLimiter();
  }

  /** Loads the room, runs `fn`, waits until its changes are durable, releases the room. */
  private async withRoom<T>(boardId: string, fn: (room: BoardRoom) => Promise<T>): Promise<T> {
    const board = await this.boards.requireBoard(boardId);
    return this.rooms.withRoom(board, fn, { untilSaved: true });
  }

  /** Who may run facilitator commands: a facilitator link, or the admin token. */
  async facilitator(boardId: string, token: string | null): Promise<Actor> {
    if (this.tokens.isAdmin(token)) {
      await this.boards.requireBoard(boardId);
      return { name: 'Admin', personId: null, role: 'admin' };
    }
    const { claims } = await this.boards.authorize(boardId, token);
    if (claims.role !== 'facilitator')
      throw new AppError('forbidden', 'Only a facilitator may do this');
    return { name: claims.name ?? 'Facilitator', personId: claims.personId, role: 'facilitator' };
  }

  /** Runs a facilitator command and returns the new control state. */
  async command(
    boardId: string,
    token: string | null,
    command: ControlCommand,
  ): Promise<ControlState> {
    const actor = await this.facilitator(boardId, token);
    await this.boards.requireWritable(boardId);
    return this.withRoom(boardId, (room) =>
      runControlCommand(room, command, actor, {
        store: this.store,
        now: this.now,
        beforePhaseChange: this.options.beforePhaseChange,
        freezeBoard: this.options.freezeBoard,
        maxDocBytes: this.options.maxDocBytes,
      }),
    );
  }

  /**
   * Someone opening a role link gives a name: they get a personal link of the same role, so
   * votes and private notes follow them across reconnects and devices. Joining with a personal
   * link keeps that person; joining with a role link mints a new one, which the server meters
   * per address and per link (it cannot tell a venue behind one address from one script, and
   * does not rely on the device to remember who it was).
   */
  async join(
    boardId: string,
    token: string | null,
    body: JoinBody,
    from: RequestOrigin = { address: 'unknown' },
  ): Promise<JoinResult> {
    const { board, claims } = await this.boards.authorize(boardId, token);
    assertNotArchived(board);
    if (!claims.personId) {
      this.joinLimiter.admit(from.address, `board:${boardId}:${claims.role}:${board.linkGen}`);
    }
    const personId = claims.personId ?? newId();
    const person: PersonRecord = {
      boardId,
      personId,
      name: body.name,
      tags: Array.from(new Set(body.tags)),
      lang: body.lang,
      role: claims.role,
      joinedAt: new Date(this.now()).toISOString(),
    };
    await this.store.savePerson(person);
    const personal = await this.tokens.signPersonToken({
      boardId,
      role: claims.role,
      gen: board.linkGen,
      personId,
      name: body.name,
    });
    return {
      personId,
      name: body.name,
      role: claims.role,
      token: personal,
      link: this.boards.personLink(boardId, personal),
    };
  }

  /** The caller's votes, with tallies when the caller may see them. */
  async votes(boardId: string, token: string | null): Promise<VotesView> {
    const { claims } = await this.boards.authorize(boardId, token);
    return this.withRoom(boardId, async (room) => ({
      ...(await myVotes(room, claims, this.store)),
      tallies: await this.visibleTallies(room, claims.role === 'facilitator'),
    }));
  }

  /** Adds or takes back a dot. */
  async vote(boardId: string, token: string | null, body: VoteBody): Promise<VotesView> {
    const { board, claims } = await this.boards.authorize(boardId, token);
    assertNotArchived(board);
    return this.withRoom(boardId, async (room) => ({
      ...(await castVote(room, claims, body, this.store)),
      tallies: await this.visibleTallies(room, claims.role === 'facilitator'),
    }));
  }

  /** Who joined the board, and who was removed (facilitators only). */
  async people(boardId: string, token: string | null): Promise<BoardPerson[]> {
    await this.facilitator(boardId, token);
    return this.listPeople(boardId);
  }

  private async listPeople(boardId: string): Promise<BoardPerson[]> {
    const [people, removed] = await Promise.all([
      this.store.listPeople(boardId),
      this.store.listRemovedPeople(boardId),
    ]);
    const removedAt = new Map(removed.map((r) => [r.personId, r.removedAt]));
    return people.map((p) => view(p, removedAt.get(p.personId) ?? null));
  }

  /**
   * Removes a person from the board (a facilitator, or the admin): their personal link stops
   * working at once (open sockets closed with 4403, reconnects and requests refused with
   * `removed`), their dots are deleted and the tallies published again, their unrevealed private
   * notes are emptied, and the facilitator log says who removed whom. Facilitators may remove
   * participants and remote attendees; only the admin removes a facilitator. Idempotent.
   */
  async removePerson(
    boardId: string,
    token: string | null,
    personId: string,
  ): Promise<RemovePersonResult> {
    const actor = await this.facilitator(boardId, token);
    await this.boards.requireWritable(boardId);
    const person = (await this.listPeople(boardId)).find((p) => p.personId === personId);
    if (!person) throw new AppError('not_found', 'No such person on this board');
    if (actor.personId === personId) {
      throw new AppError('bad_request', 'A facilitator cannot remove themselves');
    }
    if (person.role === 'facilitator' && actor.role !== 'admin') {
      throw new AppError('forbidden', 'Only the admin may remove a facilitator');
    }
    const at = new Date(this.now()).toISOString();
    const { votes } = await this.store.removePerson(boardId, personId, at);
    await this.withRoom(boardId, async (room) => {
      this.closeSocketsOf(room, personId);
      await clearPrivateNotesOf(room, personId);
      await publishTallies(room, this.store);
      if (!person.removedAt) {
        logAction(room, actor.name, 'removePerson', { name: person.name, votes }, this.now());
      }
    });
    for (const ms of REMOVAL_SWEEPS_MS) {
      setTimeout(() => {
        const room = this.rooms.peek(boardId);
        if (room) this.closeSocketsOf(room, personId);
      }, ms).unref();
    }
    return { person: { ...person, removedAt: person.removedAt ?? at }, votesVoided: votes };
  }

  private closeSocketsOf(room: BoardRoom, personId: string): void {
    room.closePeers(
      (peer) => peer.personId === personId,
      CloseCode.Forbidden,
      'A facilitator removed this person from the board',
    );
  }

  private async visibleTallies(
    room: BoardRoom,
    facilitator: boolean,
  ): Promise<VotesView['tallies']> {
    const control = room.controlState();
    if (facilitator) return this.store.voteTallies(room.id);
    return !control.voting.hidden || control.revealed ? control.tallies : null;
  }
}

function view(p: PersonRecord, removedAt: string | null): BoardPerson {
  const { personId, name, tags, lang, role, joinedAt } = p;
  return { personId, name, tags, lang, role, joinedAt, removedAt };
}
