import type * as Y from 'yjs';

/**
 * The control document of a board holds what participants may not write: freeze state now,
 * phase, locks and the timer as facilitation lands. Only the server writes it (through
 * server-side commands); every role syncs it read-only as room `<boardId>/control`.
 */
export const CONTROL_ROOM_SUFFIX = '/control';

const CONTROL_MAP = 'control';

export const ControlKey = {
  Frozen: 'frozen',
  FrozenAt: 'frozenAt',
} as const;

export interface ControlState {
  frozen: boolean;
  frozenAt: string | null;
}

/** The control map of a control document. */
export function controlMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(CONTROL_MAP);
}

/** Reads the control state, with defaults for anything unset or malformed. */
export function readControl(doc: Y.Doc): ControlState {
  const map = controlMap(doc);
  const frozenAt = map.get(ControlKey.FrozenAt);
  return {
    frozen: map.get(ControlKey.Frozen) === true,
    frozenAt: typeof frozenAt === 'string' ? frozenAt : null,
  };
}

/** The room name of a board's control document. */
export function controlRoomName(boardId: string): string {
  return boardId + CONTROL_ROOM_SUFFIX;
}
