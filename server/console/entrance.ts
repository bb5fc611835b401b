import { JoinSchema, type JoinBody } from '@shared/control/commands';
import { chooseTable } from '@shared/forum/assign';
import { JoinLimiter } from '../auth/joinLimits';
import type { TokenService } from '../auth/tokens';
import { assertNotArchived, newId, type Boards } from '../boards';
import { AppError } from '../errors';
import type {
  BoardRecord,
  ForumPersonRecord,
  ForumRecord,
  ForumStore,
  VoteStore,
} from '../persistence/store';

export { JoinSchema as EntranceJoinSchema };

/** Where a person who came in through the forum entrance sits, and how to get there. */
export interface Placement {
  personId: string;
  name: string;
  boardId: string;
  boardTitle: string;
  /** Personal participant token for the board. */
  token: string;
  link: string;
  /** Keeps asking "where do I sit?" valid after a facilitator moves the person. */
  forumToken: string;
}

/** Who is at the entrance: their address (rate limits) and their device token, if any. */
export interface EntranceVisitor {
  address: string;
  /** The device token this device got at its first join (a cookie), or null. */
  device: string | null;
}

/** A placement, and the device token to hand to a device that had none (else null). */
export interface EntranceJoin {
  placement: Placement;
  newDevice: string | null;
}

/** What the entrance page shows before someone joins. */
export interface EntranceInfo {
  forumId: string;
  title: string;
  date: string | null;
  description: string;
  languages: string[];
}

/**
 * The forum entrance: one link for the whole room. A person gives a name and expertise tags and
 * is placed at a table so that tables stay balanced and each mixes expertise; a facilitator can
 * move people between tables afterwards.
 */
export class Entrance {
  /** Joins in progress per device: one device's parallel joins are placed once. */
  private readonly joining = new Map<string, Promise<unknown>>();

  constructor(
    private readonly boards: Boards,
    private readonly store: ForumStore & VoteStore,
    private readonly tokens: TokenService,
    private readonly limiter: JoinLimiter = new JoinLimiter(),
    private readonly now: () => number = Date.now,
  ) {}

  /** The entrance token and link of a forum's current generation. */
  async link(forum: ForumRecord): Promise<{ token: string; link: string }> {
    const token = await this.tokens.signForumToken({
      kind: 'entrance',
      forumId: forum.id,
      gen: forum.entranceGen,
    });
    return { token, link: this.boards.publicLink(`/forum/${forum.id}`, token) };
  }

  /** New entrance link; the old one stops working. */
  async rotate(forumId: string): Promise<{ token: string; link: string }> {
    await this.boards.getForum(forumId);
    const forum = await this.store.rotateEntrance(forumId);
    if (!forum) throw new AppError('not_found', 'No such forum');
    return this.link(forum);
  }

  private async checkEntrance(forumId: string, token: string | null): Promise<ForumRecord> {
    const forum = await this.boards.getForum(forumId);
    const claims = await this.tokens.verifyForumToken(token, forumId, 'entrance');
    if (claims.gen !== forum.entranceGen)
      throw new AppError('unauthorized', 'The link has expired');
    return forum;
  }

  async info(forumId: string, token: string | null): Promise<EntranceInfo> {
    const forum = await this.checkEntrance(forumId, token);
    const { id, title, date, description, languages } = forum;
    return { forumId: id, title, date, description, languages };
  }

  /**
   * Places a newcomer at a table and hands out their personal link to it. A device is placed
   * once: its device token (a cookie it got at its first join) maps to one person, so joining
   * again from it returns the same table (name, tags and language updated). A device without a
   * valid token is new and costs its address and the entrance link one join (JoinLimiter); it
   * gets a token with its placement.
   */
  async join(
    forumId: string,
    token: string | null,
    body: JoinBody,
    visitor: EntranceVisitor = { address: 'unknown', device: null },
  ): Promise<EntranceJoin> {
    const forum = await this.checkEntrance(forumId, token);
    let deviceId = await this.tokens.verifyDeviceToken(visitor.device, forumId);
    let newDevice: string | null = null;
    if (!deviceId) {
      this.limiter.admit(visitor.address, `entrance:${forumId}:${forum.entranceGen}`);
      deviceId = newId();
      newDevice = await this.tokens.signDeviceToken(forumId, deviceId);
    }
    const personId = this.tokens.derivedId(`entrance:${forumId}:${deviceId}`);
    const placement = await this.oneAtATime(personId, () =>
      this.placeDevice(forumId, personId, body),
    );
    return { placement, newDevice };
  }

  private async oneAtATime<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const before = this.joining.get(key) ?? Promise.resolve();
    const run = before.catch(() => undefined).then(fn);
    const settled = run.catch(() => undefined);
    this.joining.set(key, settled);
    void settled.then(() => {
      if (this.joining.get(key) === settled) this.joining.delete(key);
    });
    return run;
  }

  private async placeDevice(forumId: string, personId: string, body: JoinBody): Promise<Placement> {
    const known = await this.store.getForumPerson(forumId, personId);
    const tags = Array.from(new Set(body.tags));
    if (known) {
      const board = await this.boards.requireBoard(known.boardId);
      // Seated already: the same table, whatever the device sends. Only an archived table (no
      // one writes there any more) lets the device be seated anew.
      if (!board.archived) {
        if (await this.store.isPersonRemoved(board.id, personId)) {
          throw new AppError('removed', 'A facilitator removed this person from their table');
        }
        const person = { ...known, name: body.name, tags, lang: body.lang };
        await this.store.saveForumPerson(person);
        return this.placement(person, board);
      }
    }
    const tables = (await this.store.listBoards(forumId)).filter((b) => !b.archived);
    if (tables.length === 0) throw new AppError('unavailable', 'This forum has no tables yet');
    const people = await this.store.listForumPeople(forumId);
    const loads = tables.map((t) => ({
      id: t.id,
      members: people.filter((p) => p.boardId === t.id).map((p) => p.tags),
    }));
    const boardId = chooseTable(loads, body.tags)!;
    const person: ForumPersonRecord = {
      forumId,
      personId,
      name: body.name,
      tags,
      lang: body.lang,
      boardId,
      joinedAt: known?.joinedAt ?? new Date(this.now()).toISOString(),
    };
    await this.store.saveForumPerson(person);
    return this.placement(
      person,
      tables.find((t) => t.id === boardId)!,
    );
  }

  /** Where the holder of a forum-person token sits now. */
  async whereAmI(forumId: string, token: string | null): Promise<Placement> {
    await this.boards.getForum(forumId);
    // Not tied to the entrance generation: rotating the entrance keeps out newcomers with the old
    // link, but people already placed must still find their table.
    const claims = await this.tokens.verifyForumToken(token, forumId, 'forum-person');
    if (claims.kind !== 'forum-person')
      throw new AppError('unauthorized', 'The token is not valid');
    const person = await this.store.getForumPerson(forumId, claims.personId);
    if (!person) throw new AppError('not_found', 'Not placed at any table');
    if (await this.store.isPersonRemoved(person.boardId, person.personId)) {
      throw new AppError('removed', 'A facilitator removed this person from their table');
    }
    return this.placement(person, await this.boards.requireBoard(person.boardId));
  }

  /** Moves someone to another table of the same forum (admin). */
  async move(forumId: string, personId: string, boardId: string): Promise<ForumPersonRecord> {
    const person = await this.store.getForumPerson(forumId, personId);
    if (!person) throw new AppError('not_found', 'No such person');
    const board = await this.boards.requireBoard(boardId);
    if (board.forumId !== forumId)
      throw new AppError('bad_request', 'That table belongs to another forum');
    assertNotArchived(board);
    const moved = { ...person, boardId };
    await this.store.saveForumPerson(moved);
    return moved;
  }

  private async placement(person: ForumPersonRecord, board: BoardRecord): Promise<Placement> {
    const forum = await this.boards.getForum(person.forumId);
    const token = await this.tokens.signPersonToken({
      boardId: board.id,
      role: 'participant',
      gen: board.linkGen,
      personId: person.personId,
      name: person.name,
    });
    await this.store.savePerson({
      boardId: board.id,
      personId: person.personId,
      name: person.name,
      tags: person.tags,
      lang: person.lang,
      role: 'participant',
      joinedAt: person.joinedAt,
    });
    const forumToken = await this.tokens.signForumToken({
      kind: 'forum-person',
      forumId: forum.id,
      gen: forum.entranceGen,
      personId: person.personId,
    });
    return {
      personId: person.personId,
      name: person.name,
      boardId: board.id,
      boardTitle: board.title,
      token,
      link: this.boards.personLink(board.id, token),
      forumToken,
    };
  }
}
