/**
 * WebSocket close codes Talkoot uses, in the 4xxx application range, mirroring HTTP statuses.
 * Never renumber: clients and tools outside the repository rely on them (docs/PROTOCOL.md).
 *
 * Standard clients (y-websocket 3.1) treat 4400–4499 as permanent and stop reconnecting, and
 * everything else as transient. So 44xx is only for what retrying cannot fix (a bad link,
 * malformed input); a refusal that passes with time is sent in 45xx, where a client reconnects
 * with backoff. `…Retry` names are the transient twins of older 44xx codes.
 */
export const CloseCode = {
  /** A frame that is not a valid message: truncated varint, unknown type, corrupt update, text frame. */
  BadRequest: 4400,
  /** Missing, forged, expired or other-board token. */
  Unauthorized: 4401,
  /** A valid token that does not give access to this, or an action the role may not take. */
  Forbidden: 4403,
  /** The board does not exist. */
  NotFound: 4404,
  /** No longer sent (clients stopped reconnecting on it): see NotReadyRetry. */
  Timeout: 4408,
  /** A frame, update, awareness state or board larger than the configured limit. */
  TooLarge: 4413,
  /** No longer sent (clients stopped reconnecting on it): see RateLimitedRetry. */
  RateLimited: 4429,
  /** The server failed while handling this connection; others are unaffected. */
  InternalError: 4500,
  /**
   * Try again later: the board has reached its connection cap, too many boards are loaded, the
   * server is at its total socket cap, or it is shutting down.
   */
  Unavailable: 4503,
  /**
   * Transient: the connection was not ready in time. Too many messages arrived before its token
   * was checked and its board loaded, or that setup took longer than `SETUP_TIMEOUT_MS`.
   */
  NotReadyRetry: 4508,
  /**
   * Transient: too many messages per second on this connection, or too many sockets from this
   * address (`MAX_CONNECTIONS_PER_ADDRESS`). The client reconnects after its backoff.
   */
  RateLimitedRetry: 4529,
} as const;

export type CloseCodeValue = (typeof CloseCode)[keyof typeof CloseCode];

/** The name of a close code, for logs and error pages. */
export function closeCodeName(code: number): string {
  for (const [name, value] of Object.entries(CloseCode)) {
    if (value === code) return name;
  }
  return `Unknown(${code})`;
}
