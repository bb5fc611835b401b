import * as wsModule from 'ws';
import type { Duplex } from 'node:stream';
import { asBuffer } from './corking';

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

/**
 * One message for many receivers (a room's broadcast). The WebSocket frame around it is built
 * once, by `ws` itself, and the same bytes are written to every receiver's socket: no header,
 * list or write request per receiver beyond the socket write.
 */
export class Outgoing {
  readonly payload: Buffer;
  private framed: Buffer | null = null;

  constructor(message: Uint8Array) {
    this.payload = asBuffer(message);
  }

  /** The whole unmasked binary frame (servers never mask). */
  get frame(): Buffer {
    if (!this.framed) {
      const parts = Sender.frame(this.payload, {
        fin: true,
        opcode: 0x02,
        mask: false,
        readOnly: true,
        rsv1: false,
      });
      this.framed = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
    }
    return this.framed;
  }
}

/** The parts of a `ws` WebSocket that writing a ready frame needs (ws keeps them private). */
interface WsInternals {
  _socket?: Duplex;
  _sender?: { _state?: number };
}

/**
 * The socket to write a ready frame to, or null when `ws` must frame it itself: its sender is
 * busy (compressing, or reading a Blob; neither is used here) and order must be kept.
 */
export function rawSocketOf(ws: unknown): Duplex | null {
  const internals = ws as WsInternals;
  const socket = internals._socket;
  // ws's Sender state 0 is DEFAULT: nothing of its own is queued.
  if (!socket || socket.destroyed || internals._sender?._state !== 0) return null;
  return socket;
}
