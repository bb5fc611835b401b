import { checkUpdate } from '@shared/board/updateCheck';
import type { BoardRoom } from '../rooms/boardRoom';
import type { RoomHooks } from '../rooms/hooks';
import type { WritePolicy } from '../rooms/writePolicy';
import { FacilitatorActivity } from './activity';
import { appendLog } from './controlWrites';
import { acceptsWrites, refuseJoin, refuseWrite } from './writeRules';

/** Private documents hold only notes; their phase is a rule of refuseWrite. */
const PRIVATE_POLICY: WritePolicy = {
  check: (doc, update) => checkUpdate(doc, update, { doc: 'private', rules: null }),
};

/**
 * The facilitation rules of every board room: who writes what and when, the schema and rules an
 * update is judged by before it is applied, and the facilitator log that follows the board.
 * Registered once, in server/app.ts.
 */
export function facilitationRoomHooks(now: () => number = Date.now): RoomHooks<BoardRoom> {
  return {
    beforeJoin: (_room, doc, peer) => refuseJoin(doc, peer),
    acceptsWrites,
    beforeWrite: refuseWrite,
    writePolicy: (room, doc) =>
      doc === 'private'
        ? PRIVATE_POLICY
        : {
            // The board's schema and the facilitation rules of the moment
            // (shared/board/updateCheck.ts).
            check: (board, update, peer) =>
              checkUpdate(board, update, {
                doc: 'board',
                rules: { role: peer.role, control: room.controlState() },
              }),
          },
    onHydrated: (room, doc) => {
      const activity = new FacilitatorActivity(doc, (entry) =>
        appendLog(room, { at: now(), ...entry }),
      );
      return () => activity.destroy();
    },
  };
}
