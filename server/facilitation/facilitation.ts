import type { JoinResult, VotesView } from '@shared/api';
import type { ControlState } from '@shared/control/controlDoc';
import type { ControlCommand, JoinBody, VoteBody } from '@shared/control/commands';
import type { TokenService } from '../auth/tokens';
import { newId, type Boards } from '../boards';
import { AppError } from '../errors';
import type { PersonRecord, Store } from '../persistence/store';
import type { BoardRoom } from '../rooms/boardRoom';
import type { RoomManager } from '../rooms/roomManager';
import { runControlCommand, type Actor, type CommandDeps } from './controlCommands';
import { castVote, myVotes } from './votes';

export interface FacilitationHooks {
  /** Runs before every phase change (automatic snapshots hook in here). */
  beforePhaseChange?: CommandDeps['beforePhaseChange'];
}

/**
 * What facilitators and participants do to a board beyond editing it: commands on the control
 * state, joining with a name, voting. The server, not the client, decides what is allowed.
 */
export class Facilitation {
  hooks: FacilitationHooks = {};

  constructor(
    private readonly boards: Boards,
    private readonly store: Store,
    private readonly tokens: TokenService,
    private readonly rooms: RoomManager,
    private readonly now: () => number = Date.now,
  ) {}

  /** Loads the room, runs `fn`, waits until its changes are durable, releases the room. */
  private async withRoom<T>(boardId: string, fn: (room: BoardRoom) => Promise<T>): Promise<T> {
    const board = await this.boards.requireBoard(boardId);
    const room = await this.rooms.acquire(board);
    try {
      return await fn(room);
    } finally {
      await room.whenSaved();
      this.rooms.released(room);
    }
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
    return this.withRoom(boardId, (room) =>
      runControlCommand(room, command, actor, {
        store: this.store,
        now: this.now,
        beforePhaseChange: this.hooks.beforePhaseChange,
      }),
    );
  }

  /**
   * Someone opening a role link gives a name: they get a personal link of the same role, so
   * votes and private notes follow them across reconnects and devices.
   */
  async join(boardId: string, token: string | null, body: JoinBody): Promise<JoinResult> {
    const { board, claims } = await this.boards.authorize(boardId, token);
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
    const { claims } = await this.boards.authorize(boardId, token);
    return this.withRoom(boardId, async (room) => ({
      ...(await castVote(room, claims, body, this.store)),
      tallies: await this.visibleTallies(room, claims.role === 'facilitator'),
    }));
  }

  /** Who joined the board (facilitators only). */
  async people(boardId: string, token: string | null): Promise<PersonRecord[]> {
    await this.facilitator(boardId, token);
    return this.store.listPeople(boardId);
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
