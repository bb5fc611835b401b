/**
 * Message types on a Talkoot WebSocket. 0–3 are the standard y-websocket types and mean exactly
 * what they mean there; Talkoot's own types are appended after them and never renumbered.
 */
export const MessageType = {
  /** y-protocols sync: step 1 (state vector), step 2 (missing updates), update. */
  Sync: 0,
  /** y-protocols awareness update (presence: cursors, names). */
  Awareness: 1,
  /** y-protocols auth: the server tells a client a write was refused. */
  Auth: 2,
  /** Ask for every known awareness state. */
  QueryAwareness: 3,
  /**
   * Talkoot: server → client only. The server cannot store this document's changes right now
   * (e.g. a full disk), or can again. See `saveStatus.ts`; standard providers log and ignore it.
   */
  SaveStatus: 4,
} as const;

export type MessageTypeValue = (typeof MessageType)[keyof typeof MessageType];

/** Sub-types of a Sync message, as in y-protocols/sync. */
export const SyncStep = {
  Step1: 0,
  Step2: 1,
  Update: 2,
} as const;
