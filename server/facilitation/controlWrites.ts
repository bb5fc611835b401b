import {
  ControlKey,
  controlLog,
  controlMap,
  type ControlState,
  type LogEntry,
} from '@shared/control/controlDoc';
import { canWriteBoard } from '@shared/roles';
import type { BoardRoom } from '../rooms/boardRoom';
import { SERVER_ORIGIN } from '../rooms/origins';

/**
 * The one writer of a board's control document. Peers only read it (see writeRules.ts); the
 * server changes it here, in transactions tagged SERVER_ORIGIN, for commands, votes, freezes,
 * published versions and the facilitator log.
 */

/** A key of the control map. */
export type ControlKeyName = (typeof ControlKey)[keyof typeof ControlKey];

/** Sets (or, for `undefined`, deletes) control keys in one transaction. */
export function setControl(room: BoardRoom, entries: Array<[ControlKeyName, unknown]>): void {
  room.control.doc.transact(() => {
    const map = controlMap(room.control.doc);
    for (const [key, value] of entries) {
      if (value === undefined) {
        if (map.has(key)) map.delete(key);
      } else map.set(key, value);
    }
  }, SERVER_ORIGIN);
}

/**
 * Marks the board frozen (with the time it froze) or not, and returns the control state. Only
 * freezeBoard (server/outcomes/service.ts: a freeze always publishes) freezes; unfreezing asks
 * every writer for what it has that the board lacks: edits the server refused while frozen are
 * still on their devices, and later edits depend on them.
 */
export function markFrozen(room: BoardRoom, frozen: boolean): ControlState {
  setControl(room, [
    [ControlKey.Frozen, frozen],
    [ControlKey.FrozenAt, frozen ? new Date().toISOString() : null],
  ]);
  if (!frozen) {
    room.board.requestMissing(Array.from(room.board.peers).filter((p) => canWriteBoard(p.role)));
  }
  return room.controlState();
}

/** Appends an entry to the facilitator log. */
export function appendLog(room: BoardRoom, entry: LogEntry): void {
  room.control.doc.transact(() => {
    controlLog(room.control.doc).push([entry]);
  }, SERVER_ORIGIN);
}

/** Appends a line to the facilitator log of `room`. */
export function logAction(
  room: BoardRoom,
  actor: string,
  action: string,
  detail: LogEntry['detail'],
  now: number,
): void {
  appendLog(room, { at: now, actor, action, detail });
}
