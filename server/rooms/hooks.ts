import type * as Y from 'yjs';
import type { Peer } from './peer';
import type { WritePolicy } from './writePolicy';

/** Which document of a board a peer syncs. */
export type DocKind = 'board' | 'control' | 'private';

/** Why a write was dropped, as the `droppedWrites` metric labels it. */
export type RefusalReason = 'role' | 'schema' | 'phase' | 'archived' | 'frozen';

/**
 * A hook's "no". For a write: `message` is what the writer hears as "permission denied" (null:
 * dropped without a word), and `reason` labels the metric (null: ignored, not counted, as for
 * an update that carries nothing). For a join, the socket is closed as forbidden with `message`.
 */
export interface Refusal {
  readonly reason: RefusalReason | null;
  readonly message: string | null;
}

/** A peer's update, as the room's hooks see it before it reaches a document. */
export interface WriteAttempt<Room> {
  readonly room: Room;
  readonly doc: DocKind;
  readonly peer: Peer;
  readonly update: Uint8Array;
}

/**
 * The rules of a room, registered once (server/app.ts) and passed in through the RoomManager and
 * each BoardRoom. The room calls them; it knows nothing of phases, archives or freezes itself.
 * A hook refuses by returning a Refusal, or, where it says so, by throwing an AppError.
 * `Room` is the room the hooks are given (BoardRoom); a parameter, so this file needs no import of
 * it.
 */
export interface RoomHooks<Room> {
  /** After a board's documents are loaded and migrated; throwing an AppError refuses the load. */
  onLoad?(room: Room): void | Promise<void>;
  /** Before a peer joins one of the board's documents: null admits it. */
  beforeJoin(room: Room, doc: DocKind, peer: Peer): Refusal | null;
  /** Whether a joining peer is asked for its edits (sync step 1): only if its writes can land. */
  acceptsWrites(room: Room, doc: DocKind, peer: Peer): boolean;
  /** Before a peer's update is judged against the document: null lets it through. */
  beforeWrite(attempt: WriteAttempt<Room>): Refusal | null;
  /** What judges each update against a document before it is applied (validate before apply). */
  writePolicy(room: Room, doc: 'board' | 'private'): WritePolicy;
  /** The board's Y.Doc was created (on load, or again after going quiet); returns its undoing. */
  onHydrated?(room: Room, doc: Y.Doc): () => void;
}
