import type * as Y from 'yjs';
import type { Verdict } from '@shared/board/updateCheck';
import type { Peer } from './peer';

/**
 * What a room asks before it applies a peer's update: a hook that can refuse. The board's and the
 * private documents' policies (schema, phase and lock rules) are built in BoardRoom from
 * shared/board/updateCheck.ts; a room without a policy takes no writes from peers.
 */
export interface WritePolicy {
  /** Judges `update` from `peer` against `doc`, which it must not change. */
  check(doc: Y.Doc, update: Uint8Array, peer: Peer): Verdict;
}

/**
 * A refused write that leaves the connection open: the sender hears "permission denied" and,
 * for `missing`, is asked to resend what the server lacks (a sync step 1).
 */
export class WriteRefused extends Error {
  constructor(
    readonly kind: 'missing' | 'rule',
    message: string,
  ) {
    super(message);
    this.name = 'WriteRefused';
  }
}

// The origin of a refused update's transaction lives with the other origins (origins.ts).
export type { RefusedOrigin } from './origins';

/**
 * Whose clocks a peer may extend. Yjs trusts client ids: a struct under someone else's id at
 * clocks they have not reached yet would shadow (or, in a delete set, delete) their future work.
 * Each id belongs to the first person who extended it in this room; persons are their personal
 * link's id, or the role and link generation for role links.
 */
export function ownerKeyOf(peer: Peer): string {
  return peer.personId ? `person:${peer.personId}` : `link:${peer.role}:${peer.linkGen}`;
}
