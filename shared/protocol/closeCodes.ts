/**
 * WebSocket close codes Talkoot uses, in the 4xxx application range, mirroring HTTP statuses.
 * Never renumber: clients and tools outside the repository rely on them (docs/PROTOCOL.md).
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
  /** Too many messages buffered before the connection was ready. */
  Timeout: 4408,
  /** A frame, update, awareness state or board larger than the configured limit. */
  TooLarge: 4413,
  /** Too many messages per second on this connection. */
  RateLimited: 4429,
  /** The server failed while handling this connection; others are unaffected. */
  InternalError: 4500,
  /** The board has reached its connection cap, or the server is shutting down. */
  Unavailable: 4503,
} as const;

export type CloseCodeValue = (typeof CloseCode)[keyof typeof CloseCode];

/** The name of a close code, for logs and error pages. */
export function closeCodeName(code: number): string {
  for (const [name, value] of Object.entries(CloseCode)) {
    if (value === code) return name;
  }
  return `Unknown(${code})`;
}
