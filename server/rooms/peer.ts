import type { Role } from '@shared/roles';
import type { Outgoing } from '../transport/outgoing';

/** A connection as a room sees it: the room knows nothing of sockets or HTTP. */
export interface Peer {
  readonly id: number;
  readonly role: Role;
  /** Who this is, for the facilitator log: the joined name, or the role. */
  readonly displayName: string;
  /** Set when the peer joined with a name (personal link). */
  readonly personId: string | null;
  /** Generation of the link it connected with; rotating a board's links closes older ones. */
  readonly linkGen: number;
  /** One message; an `Outgoing` is a broadcast whose frame is shared by every receiver. */
  send(message: Uint8Array | Outgoing): void;
  close(code: number, reason: string): void;
}
