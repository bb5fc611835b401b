import * as wsModule from 'ws';
import type { Duplex } from 'node:stream';

/*
 * The one place the server touches `ws` beyond its typed API, to frame a broadcast once and
 * write the same bytes to every receiver's socket (see Outgoing):
 * - `Sender.frame`, a static method ws exports (and marks public) but does not document, and
 *   @types/ws does not declare;
 * - `ws._socket` and `ws._sender._state`, private fields: the socket under a WebSocket, and
 *   whether ws's own sender has frames queued (compressing, or reading a Blob).
 * wsInternals.test.ts fails when an upgrade of ws changes any of them.
 */

interface FrameOptions {
  fin: boolean;
  opcode: number;
  mask: boolean;
  readOnly: boolean;
  rsv1: boolean;
}

interface FrameEncoder {
  frame(data: Buffer, options: FrameOptions): Buffer[];
}

// reason: ws exports its frame encoder (`Sender`; `WebSocket.Sender` when loaded as CommonJS)
// but @types/ws does not declare it
const wsExports = wsModule as unknown as {
  Sender?: FrameEncoder;
  default?: { Sender?: FrameEncoder };
};
const Sender = (wsExports.Sender ?? wsExports.default?.Sender)!;

const OPCODE_BINARY = 0x02;

/** `payload` as one whole unmasked binary WebSocket frame (servers never mask), built by ws. */
export function binaryFrame(payload: Buffer): Buffer {
  const parts = Sender.frame(payload, {
    fin: true,
    opcode: OPCODE_BINARY,
    mask: false,
    readOnly: true,
    rsv1: false,
  });
  return parts.length === 1 ? parts[0]! : Buffer.concat(parts);
}

/** The parts of a `ws` WebSocket that writing a ready frame needs (ws keeps them private). */
interface WsInternals {
  _socket?: Duplex;
  _sender?: { _state?: number };
}

/** ws's Sender state when nothing of its own is queued. */
const SENDER_IDLE = 0;

/**
 * The socket to write a ready frame to, or null when `ws` must frame it itself: its sender is
 * busy (compressing, or reading a Blob; neither is used here) and order must be kept.
 */
export function rawSocketOf(ws: unknown): Duplex | null {
  const internals = ws as WsInternals;
  const socket = internals._socket;
  if (!socket || socket.destroyed || internals._sender?._state !== SENDER_IDLE) return null;
  return socket;
}
