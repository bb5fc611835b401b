import { randomBytes } from 'node:crypto';
import * as Y from 'yjs';
import type { BoardSession } from '@shared/api';
import { migrateBoard } from '@shared/board/migrations';
import type { NoteLang } from '@shared/board/note';
import { applyTemplate, type BoardTemplate } from '@shared/board/templates';
import { isValidId } from '@shared/ids';
import { CloseCode } from '@shared/protocol/closeCodes';
import { ROLES, type Role } from '@shared/roles';
import type { BoardClaims, TokenService } from './auth/tokens';
import { AppError } from './errors';
import type {
  BoardRecord,
  DocumentStore,
  ForumPatch,
  ForumRecord,
  ForumStore,
} from './persistence/store';
import { SERVER_ORIGIN } from './rooms/origins';
import type { RoomManager } from './rooms/roomManager';

export type RoleMap<T> = Record<Role, T>;

export interface BoardWithLinks {
  id: string;
  forumId: string;
  title: string;
  position: number;
  archived: boolean;
  template: string;
  tokens: RoleMap<string>;
  links: RoleMap<string>;
}

export interface NewForum {
  title: string;
  date?: string | null;
  description?: string;
  languages?: string[];
}

export interface NewBoard {
  title: string;
  template?: BoardTemplate;
  /** Language of the template's cluster titles. */
  lang?: NoteLang;
}

/** A new url-safe id (96 random bits). */
export function newId(): string {
  return randomBytes(12).toString('base64url');
}

/**
 * Refuses any change to an archived board, by any route: archived boards stay readable and
 * nothing on them changes (409 `archived`). Un-archiving is the admin's `PATCH`.
 */
export function assertNotArchived(board: BoardRecord): void {
  if (board.archived) {
    throw new AppError('archived', 'The board is archived: it can be read but not changed');
  }
}

/**
 * Forums and boards: what the HTTP API does, without HTTP. The room manager is used for commands
 * that change a board's control document.
 */
export class Boards {
  constructor(
    // Documents too: a board created from a template is stored with its first content.
    private readonly store: ForumStore & DocumentStore,
    private readonly tokens: TokenService,
    private readonly rooms: RoomManager,
    private readonly publicUrl: () => string,
  ) {}

  async createForum(input: NewForum): Promise<ForumRecord> {
    const forum: ForumRecord = {
      id: newId(),
      title: input.title,
      createdAt: new Date().toISOString(),
      date: input.date ?? null,
      description: input.description ?? '',
      languages: input.languages ?? ['fi', 'sv', 'en'],
      entranceGen: 1,
    };
    await this.store.createForum(forum);
    return forum;
  }

  async updateForum(forumId: string, patch: ForumPatch): Promise<ForumRecord> {
    await this.getForum(forumId);
    const forum = await this.store.updateForum(forumId, patch);
    if (!forum) throw new AppError('not_found', 'No such forum');
    return forum;
  }

  listForums(): Promise<ForumRecord[]> {
    return this.store.listForums();
  }

  async getForum(forumId: string): Promise<ForumRecord> {
    const forum = isValidId(forumId) ? await this.store.getForum(forumId) : null;
    if (!forum) throw new AppError('not_found', 'No such forum');
    return forum;
  }

  /** Adds a table at the end of the forum, laid out from its template. */
  async createBoard(forumId: string, input: NewBoard): Promise<BoardWithLinks> {
    await this.getForum(forumId);
    const existing = await this.store.listBoards(forumId);
    const board: BoardRecord = {
      id: newId(),
      forumId,
      title: input.title,
      createdAt: new Date().toISOString(),
      linkGen: 1,
      position: existing.reduce((max, b) => Math.max(max, b.position + 1), 0),
      archived: false,
      template: input.template ?? 'empty',
    };
    await this.store.createBoard(board);
    if (board.template !== 'empty') {
      // The template becomes the board's first stored update, as if the server had written it.
      const doc = new Y.Doc();
      migrateBoard(doc, SERVER_ORIGIN);
      applyTemplate(doc, input.template!, input.lang ?? 'en', SERVER_ORIGIN);
      await this.store.appendUpdates(board.id, [Y.encodeStateAsUpdate(doc)]);
      doc.destroy();
    }
    return this.withLinks(board);
  }

  /** "N tables at once": titled `${prefix} 1` … `${prefix} N` after the existing ones. */
  async createBoards(
    forumId: string,
    count: number,
    prefix: string,
    input: Omit<NewBoard, 'title'>,
  ): Promise<BoardWithLinks[]> {
    const start = (await this.store.listBoards(forumId)).length;
    const created: BoardWithLinks[] = [];
    for (let i = 1; i <= count; i++) {
      created.push(await this.createBoard(forumId, { ...input, title: `${prefix} ${start + i}` }));
    }
    return created;
  }

  async listBoards(forumId: string): Promise<BoardWithLinks[]> {
    await this.getForum(forumId);
    const boards = await this.store.listBoards(forumId);
    return Promise.all(boards.map((b) => this.withLinks(b)));
  }

  /** Renames or (un)archives a board; archived boards stay readable and refuse every write. */
  async updateBoard(
    boardId: string,
    patch: { title?: string; archived?: boolean },
  ): Promise<BoardWithLinks> {
    await this.requireBoard(boardId);
    const board = await this.store.updateBoard(boardId, patch);
    if (!board) throw new AppError('not_found', 'No such board');
    this.rooms.peek(boardId)?.updateRecord(board);
    return this.withLinks(board);
  }

  /** Puts the forum's tables in the order of `ids` (which must name each of them once). */
  async reorderBoards(forumId: string, ids: string[]): Promise<BoardWithLinks[]> {
    const boards = await this.store.listBoards(forumId);
    const known = new Set(boards.map((b) => b.id));
    if (
      ids.length !== known.size ||
      new Set(ids).size !== ids.length ||
      !ids.every((id) => known.has(id))
    ) {
      throw new AppError('bad_request', "ids must list each of the forum's boards exactly once");
    }
    for (const [position, id] of ids.entries()) await this.store.updateBoard(id, { position });
    return this.listBoards(forumId);
  }

  /**
   * New links for a board: links of the old generation stop working at once. Sockets opened with
   * them are closed with 4401, so their holders see the "expired link" page.
   */
  async rotateLinks(boardId: string): Promise<BoardWithLinks> {
    await this.requireBoard(boardId);
    const board = await this.store.rotateBoardLinks(boardId);
    if (!board) throw new AppError('not_found', 'No such board');
    const room = this.rooms.peek(boardId);
    if (room) {
      room.updateRecord(board);
      room.closePeers(
        (peer) => peer.linkGen < board.linkGen,
        CloseCode.Unauthorized,
        'The link has expired',
      );
    }
    return this.withLinks(board);
  }

  /** What a board link opens, for whoever holds `token`. */
  async session(boardId: string, token: string | null): Promise<BoardSession> {
    const { board, role, claims } = await this.authorize(boardId, token);
    const forum = await this.store.getForum(board.forumId);
    const room = this.rooms.peek(board.id);
    const frozen = room?.frozen ?? (await this.rooms.withRoom(board, (loaded) => loaded.frozen));
    return {
      id: board.id,
      forumId: board.forumId,
      title: board.title,
      forumTitle: forum?.title ?? '',
      role,
      frozen,
      archived: board.archived,
      personId: claims.personId,
      name: claims.name,
    };
  }

  async authorizeRole(boardId: string, token: string | null, role: Role): Promise<BoardRecord> {
    const auth = await this.authorize(boardId, token);
    if (auth.role !== role) throw new AppError('forbidden', `Only a ${role} may do this`);
    return auth.board;
  }

  /** Checks a board token (role or personal link) against the board's current links. */
  async authorize(
    boardId: string,
    token: string | null,
  ): Promise<{ board: BoardRecord; role: Role; claims: BoardClaims }> {
    const board = await this.requireBoard(boardId);
    const claims = await this.tokens.verifyBoardToken(token, boardId);
    if (claims.gen !== board.linkGen) throw new AppError('unauthorized', 'The link has expired');
    return { board, role: claims.role, claims };
  }

  /** The personal link of someone who joined. */
  personLink(boardId: string, token: string): string {
    return `${this.publicUrl()}/board/${boardId}#token=${token}`;
  }

  /** A link on the server's public URL, e.g. `/forum/<id>` plus a token in the fragment. */
  publicLink(pathName: string, token: string): string {
    return `${this.publicUrl()}${pathName}#token=${token}`;
  }

  /** The board, unless it is archived (see assertNotArchived). */
  async requireWritable(boardId: string): Promise<BoardRecord> {
    const board = await this.requireBoard(boardId);
    assertNotArchived(board);
    return board;
  }

  async requireBoard(boardId: string): Promise<BoardRecord> {
    const board = isValidId(boardId) ? await this.store.getBoard(boardId) : null;
    if (!board) throw new AppError('not_found', 'No such board');
    return board;
  }

  private async withLinks(board: BoardRecord): Promise<BoardWithLinks> {
    const tokens = {} as RoleMap<string>;
    const links = {} as RoleMap<string>;
    for (const role of ROLES) {
      const token = await this.tokens.signBoardToken({
        boardId: board.id,
        role,
        gen: board.linkGen,
      });
      tokens[role] = token;
      // The token travels in the fragment: browsers never send it to servers or in referrers.
      links[role] = `${this.publicUrl()}/board/${board.id}#token=${token}`;
    }
    return {
      id: board.id,
      forumId: board.forumId,
      title: board.title,
      position: board.position,
      archived: board.archived,
      template: board.template,
      tokens,
      links,
    };
  }
}
