import { readCluster } from '@shared/board/read';
import { isValidId } from '@shared/ids';
import type { CreateProposalBody, CreateProposalResult } from '@shared/proposal/api';
import { createProposal } from '@shared/proposal/create';
import { proposalFragment } from '@shared/proposal/read';
import { canEditProposal } from '@shared/proposal/rules';
import { assertNotArchived, type Boards } from '../boards';
import { AppError } from '../errors';
import type { BoardRoom } from '../rooms/boardRoom';
import { SERVER_ORIGIN } from '../rooms/origins';
import type { RoomManager } from '../rooms/roomManager';

/**
 * Proposals as a server command. Creating one is the server's job: two devices opening "Draft
 * proposal" at once must not each create a fragment under the same key (Yjs would keep one and
 * drop the other's typing). Editing happens over the board's sync socket, judged by the guard.
 */
export class Proposals {
  constructor(
    private readonly boards: Boards,
    private readonly rooms: RoomManager,
  ) {}

  /** Loads the room, runs `fn`, waits until its changes are durable, releases the room. */
  private async withRoom<T>(boardId: string, fn: (room: BoardRoom) => T): Promise<T> {
    const board = await this.boards.requireBoard(boardId);
    return this.rooms.withRoom(board, fn, { untilSaved: true });
  }

  /**
   * Makes sure the cluster has a proposal, creating it from the template in `body.lang`.
   * Idempotent: an existing proposal is left as it is (and may be asked for in any phase).
   */
  async create(
    boardId: string,
    clusterId: string,
    token: string | null,
    body: CreateProposalBody,
  ): Promise<CreateProposalResult> {
    const { role, board } = await this.boards.authorize(boardId, token);
    if (role === 'viewer') throw new AppError('forbidden', 'Viewers cannot draft proposals');
    assertNotArchived(board);
    if (!isValidId(clusterId)) throw new AppError('not_found', 'No such cluster');
    return this.withRoom(boardId, (room) => {
      const doc = room.board.doc;
      if (!readCluster(doc, clusterId)) throw new AppError('not_found', 'No such cluster');
      if (proposalFragment(doc, clusterId)) return { clusterId, created: false };
      const control = room.controlState();
      if (control.frozen) throw new AppError('forbidden', 'The board is frozen');
      if (room.readOnlySchema) {
        throw new AppError('forbidden', 'The board was written by a newer version of Talkoot');
      }
      if (!canEditProposal(control, role, clusterId)) {
        throw new AppError('forbidden', 'Proposals of this cluster cannot be drafted now');
      }
      // Check and write are one synchronous step on the one document: no request interleaves.
      const created = createProposal(doc, clusterId, body.lang, SERVER_ORIGIN);
      return { clusterId, created };
    });
  }
}
