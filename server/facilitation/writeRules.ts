import { phaseRules } from '@shared/control/phases';
import { canWriteBoard, type Role } from '@shared/roles';
import type { BoardRoom } from '../rooms/boardRoom';
import type { DocKind, Refusal, WriteAttempt } from '../rooms/hooks';

/**
 * Who may write to which document of a board, and when: the room asks these before a peer's
 * update is judged against the document (server/rooms/hooks.ts). The order is the order a
 * writer hears them in.
 */

/** Viewers, and everyone on the control document, read only. */
function roleWrites(doc: DocKind, role: Role): boolean {
  return doc !== 'control' && canWriteBoard(role);
}

/** Private notes are written only while the board is in "write privately". */
function privateOpen(room: BoardRoom): boolean {
  return phaseRules(room.controlState().phase).writePrivately;
}

/** A refused write: what the writer hears, and the metric label. */
const refuse = (reason: Refusal['reason'], message: string | null): Refusal => ({
  reason,
  message,
});

/** Ignored without a word and without counting it. */
const IGNORED: Refusal = refuse(null, null);

/** The room's rules for a peer's write, before the update itself is looked at. */
export function refuseWrite({ room, doc, peer, update }: WriteAttempt<BoardRoom>): Refusal | null {
  // Their writes vanish: a viewer's provider sends them anyway.
  if (!roleWrites(doc, peer.role)) return refuse('role', null);
  if (room.readOnlySchema) {
    return refuse('schema', 'The board was written by a newer Talkoot; it is read-only here');
  }
  // An update that carries nothing (two zero counts) is what a device answers with when it has
  // nothing new: never worth a refusal.
  if (update.byteLength === 2 && update[0] === 0 && update[1] === 0) return IGNORED;
  if (doc === 'private' && !privateOpen(room)) return refuse('phase', 'Private writing is closed');
  if (room.record.archived) return refuse('archived', 'The board is archived');
  if (room.controlState().frozen) return refuse('frozen', 'The board is frozen');
  return null;
}

/**
 * Whether a joining peer is asked for its edits. Outside "write privately" a private document is
 * read-only: asking for the device's edits would only earn an answer the server must refuse, on
 * every reconnect.
 */
export function acceptsWrites(room: BoardRoom, doc: DocKind, peer: { role: Role }): boolean {
  if (!roleWrites(doc, peer.role)) return false;
  return doc !== 'private' || privateOpen(room);
}

/** Private notes belong to a named participant: they need a personal link. */
export function refuseJoin(
  doc: DocKind,
  peer: { role: Role; personId: string | null },
): Refusal | null {
  if (doc === 'private' && (!peer.personId || peer.role === 'viewer')) {
    return refuse(null, 'Private notes need a personal participant link');
  }
  return null;
}
