import { randomBytes } from 'node:crypto';
import type { BoardSession } from '@shared/api';
import { isValidId } from '@shared/ids';
import { ROLES, type Role } from '@shared/roles';
import type { BoardClaims, TokenService } from './auth/tokens';
import { AppError } from './errors';
import type { BoardRecord, ForumRecord, Store } from './persistence/store';
import type { RoomManager } from './rooms/roomManager';

export type RoleMap<T> = Record<Role, T>;

export interface BoardWithLinks {
  id: string;
  forumId: string;
  title: string;
  tokens: RoleMap<string>;
  links: RoleMap<string>;
}

/** A new url-safe id (96 random bits). */
export function newId(): string {
  return randomBytes(12).toString('base64url');
}

/**
 * Forums and boards: what the HTTP API does, without HTTP. The room manager is used for commands
 * that change a board's control document.
 */
export class Boards {
  constructor(
    private readonly store: Store,
    private readonly tokens: TokenService,
    private readonly rooms: RoomManager,
    private readonly publicUrl: () => string,
  ) {}

  async createForum(title: string): Promise<ForumRecord> {
    const forum = { id: newId(), title, createdAt: new Date().toISOString() };
    await this.store.createForum(forum);
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

  async createBoard(forumId: string, title: string): Promise<BoardWithLinks> {
    await this.getForum(forumId);
    const board: BoardRecord = {
      id: newId(),
      forumId,
      title,
      createdAt: new Date().toISOString(),
      linkGen: 1,
    };
    await this.store.createBoard(board);
    return this.withLinks(board);
  }

  async listBoards(forumId: string): Promise<BoardWithLinks[]> {
    await this.getForum(forumId);
    const boards = await this.store.listBoards(forumId);
    return Promise.all(boards.map((b) => this.withLinks(b)));
  }

  /** What a board link opens, for whoever holds `token`. */
  async session(boardId: string, token: string | null): Promise<BoardSession> {
    const { board, role, claims } = await this.authorize(boardId, token);
    const forum = await this.store.getForum(board.forumId);
    const room = this.rooms.peek(board.id);
    let frozen = room?.frozen;
    if (frozen === undefined) {
      const loaded = await this.rooms.acquire(board);
      frozen = loaded.frozen;
      this.rooms.released(loaded);
    }
    return {
      id: board.id,
      forumId: board.forumId,
      title: board.title,
      forumTitle: forum?.title ?? '',
      role,
      frozen,
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
    return { id: board.id, forumId: board.forumId, title: board.title, tokens, links };
  }
}
