import type { Role } from '@shared/roles';

/** A connection as a room sees it: the room knows nothing of sockets or HTTP. */
export interface Peer {
  readonly id: number;
  readonly role: Role;
  send(message: Uint8Array): void;
  close(code: number, reason: string): void;
}

/** Origin tag of transactions the server itself makes (migrations, facilitator commands). */
export const SERVER_ORIGIN = { server: true } as const;
