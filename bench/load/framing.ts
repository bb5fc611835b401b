import * as encoding from 'lib0/encoding';

/**
 * The few protocol bytes a load-generator client needs, written by hand so that receiving a
 * message costs a varint read and a byte scan rather than applying it to a Y.Doc. Two framings:
 * y-websocket (Talkoot, the reference relay) and Hocuspocus, which prefixes every message with the
 * document name and waits for an auth message before anything else.
 */
export type Framing = 'y' | 'hocus';

export interface Endpoint {
  /** WebSocket URL (Talkoot carries the token in its query). */
  url: string;
  framing: Framing;
  /** Document name: part of every Hocuspocus frame. */
  docName: string;
  /** Sent in the Hocuspocus auth message; ignored by the y framing. */
  token: string;
}

export const Msg = { Sync: 0, Awareness: 1, Auth: 2, SyncReply: 4 } as const;
export const Step = { One: 0, Two: 1, Update: 2 } as const;
// @hocuspocus/common AuthMessageType.Token
const HOCUS_AUTH_TOKEN = 0;

function frame(ep: Endpoint, write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  if (ep.framing === 'hocus') encoding.writeVarString(e, ep.docName);
  write(e);
  return encoding.toUint8Array(e);
}

/** Hocuspocus only: the auth message that must come first. */
export function authMessage(ep: Endpoint): Uint8Array {
  return frame(ep, (e) => {
    encoding.writeVarUint(e, Msg.Auth);
    encoding.writeVarUint(e, HOCUS_AUTH_TOKEN);
    encoding.writeVarString(e, ep.token);
  });
}

export function syncMessage(ep: Endpoint, step: number, payload: Uint8Array): Uint8Array {
  return frame(ep, (e) => {
    encoding.writeVarUint(e, Msg.Sync);
    encoding.writeVarUint(e, step);
    encoding.writeVarUint8Array(e, payload);
  });
}

/** An awareness message for one client id whose state is `json`. */
export function awarenessMessage(
  ep: Endpoint,
  clientId: number,
  clock: number,
  json: string,
): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, 1);
  encoding.writeVarUint(inner, clientId);
  encoding.writeVarUint(inner, clock);
  encoding.writeVarString(inner, json);
  return frame(ep, (e) => {
    encoding.writeVarUint(e, Msg.Awareness);
    encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
  });
}

/** Reads a varUint at `pos`; returns [value, next position]. */
export function readVarUint(buf: Uint8Array, pos: number): [number, number] {
  let value = 0;
  let mult = 1;
  for (;;) {
    const byte = buf[pos++];
    if (byte === undefined) throw new Error('truncated varUint');
    value += (byte & 0x7f) * mult;
    if (byte < 0x80) return [value, pos];
    mult *= 128;
  }
}

/**
 * Latency markers: `~bm|<sender>|<microseconds>|` inside a string value of a real Yjs update (or
 * of an awareness state). Strings are stored as contiguous UTF-8 in both encodings, and stay so
 * when a relay merges updates, so a receiver finds every marker by scanning bytes.
 */
export function marker(sender: number, tUs: number): string {
  return `~bm|${sender}|${tUs}|`;
}

const TILDE = 0x7e;
const B = 0x62;
const M = 0x6d;
const BAR = 0x7c;

/** Calls `found(sender, tUs)` for every marker in `buf` from `pos` on. */
export function scanMarkers(
  buf: Uint8Array,
  pos: number,
  found: (sender: number, tUs: number) => void,
): void {
  const end = buf.length - 4;
  for (let i = pos; i < end; i++) {
    if (buf[i] !== TILDE || buf[i + 1] !== B || buf[i + 2] !== M || buf[i + 3] !== BAR) continue;
    let j = i + 4;
    let sender = 0;
    while (j < buf.length && buf[j] !== BAR) sender = sender * 10 + (buf[j++]! - 48);
    j++;
    let t = 0;
    while (j < buf.length && buf[j] !== BAR) t = t * 10 + (buf[j++]! - 48);
    found(sender, t);
    i = j;
  }
}

/** Microseconds on the monotonic clock, which every process on this machine shares (Linux). */
export function nowUs(): number {
  const [s, ns] = process.hrtime();
  return s * 1e6 + Math.floor(ns / 1000);
}
