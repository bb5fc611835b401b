import type { Peer } from './peer';

/**
 * Every transaction on a room's documents is tagged with one of these origins, so listeners
 * (the document log, the relay, the facilitator log) can tell who made a change. Tell them apart
 * with the guards below, never by the shape of an object.
 */

/** Transactions the server itself makes (migrations, facilitator commands, the control doc). */
export const SERVER_ORIGIN = { server: true } as const;
export type ServerOrigin = typeof SERVER_ORIGIN;

/** A snapshot being restored: a server transaction (never tracked by anyone's undo). */
export const RESTORE_ORIGIN = Object.freeze({ server: true, restore: true } as const);
export type RestoreOrigin = typeof RESTORE_ORIGIN;

/** Changes that came from another server (already stored there): relayed, not stored again. */
export const REMOTE_ORIGIN = Object.freeze({ remote: true } as const);
export type RemoteOrigin = typeof REMOTE_ORIGIN;

/** Stored rows applied while a document loads (DocRoom keeps its own constant of this shape). */
export interface LoadOrigin {
  readonly load: true;
}

/** The transaction that applies a refused update only to take it back at once. */
export interface RefusedOrigin {
  readonly refusedFrom: number;
}

/** Who made a change: a peer (its connection), the server, another server, a load, a refusal. */
export type TxnOrigin =
  Peer | ServerOrigin | RestoreOrigin | RemoteOrigin | LoadOrigin | RefusedOrigin;

function record(origin: unknown): Record<string, unknown> | null {
  return typeof origin === 'object' && origin !== null ? (origin as Record<string, unknown>) : null;
}

/** A change the server made itself (a restore included). */
export function isServerOrigin(origin: unknown): origin is ServerOrigin | RestoreOrigin {
  return origin === SERVER_ORIGIN || origin === RESTORE_ORIGIN;
}

/** A change relayed from another server. */
export function isRemoteOrigin(origin: unknown): origin is RemoteOrigin {
  return origin === REMOTE_ORIGIN;
}

/** Stored rows applied on load. */
export function isLoadOrigin(origin: unknown): origin is LoadOrigin {
  return record(origin)?.load === true;
}

/** A refused update being applied and taken back. */
export function isRefusedOrigin(origin: unknown): origin is RefusedOrigin {
  return typeof record(origin)?.refusedFrom === 'number';
}

/** A change a peer sent (its transaction is tagged with the peer itself). */
export function isPeerOrigin(origin: unknown): origin is Peer {
  const o = record(origin);
  return (
    o !== null &&
    typeof o.id === 'number' &&
    typeof o.role === 'string' &&
    typeof o.send === 'function' &&
    !isServerOrigin(origin) &&
    !isRemoteOrigin(origin)
  );
}
