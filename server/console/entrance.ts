import { JoinSchema, type JoinBody } from '@shared/control/commands';
import { chooseTable } from '@shared/forum/assign';
import type { TokenService } from '../auth/tokens';
import { newId, type Boards } from '../boards';
import { AppError } from '../errors';
import type { BoardRecord, ForumPersonRecord, ForumRecord, Store } from '../persistence/store';

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
  constructor(
    private readonly boards: Boards,
    private readonly store: Store,
    private readonly tokens: TokenService,
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

  /** Places a newcomer at a table and hands out their personal link to it. */
  async join(forumId: string, token: string | null, body: JoinBody): Promise<Placement> {
    await this.checkEntrance(forumId, token);
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
      personId: newId(),
      name: body.name,
      tags: Array.from(new Set(body.tags)),
      lang: body.lang,
      boardId,
      joinedAt: new Date(this.now()).toISOString(),
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
    return this.placement(person, await this.boards.requireBoard(person.boardId));
  }

  /** Moves someone to another table of the same forum (admin). */
  async move(forumId: string, personId: string, boardId: string): Promise<ForumPersonRecord> {
    const person = await this.store.getForumPerson(forumId, personId);
    if (!person) throw new AppError('not_found', 'No such person');
    const board = await this.boards.requireBoard(boardId);
    if (board.forumId !== forumId)
      throw new AppError('bad_request', 'That table belongs to another forum');
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
