/**
 * How rooms on several servers share changes: each server persists what its own clients write
 * and then publishes it; every server that has the same room loaded applies it and relays it to
 * its clients. The bytes are Yjs updates (documents) and awareness updates (presence).
 */
export interface RoomBridge {
  /** Receives what other servers publish on `channel`; resolves once subscribed. */
  subscribe(channel: string, onMessage: (payload: Uint8Array) => void): Promise<() => void>;
  /** Sends `payload` to every other server subscribed to `channel`. */
  publish(channel: string, payload: Uint8Array): void;
  /** Called after the link to the other servers was lost and is back (messages may be missing). */
  onReconnect(listener: () => void): () => void;
}

// Relayed changes are tagged REMOTE_ORIGIN; it lives with the other origins (origins.ts).
export { REMOTE_ORIGIN } from './origins';
