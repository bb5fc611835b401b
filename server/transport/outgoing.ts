import { asBuffer } from './corking';
import { binaryFrame } from './wsInternals';

// Connection writes ready frames to the socket this finds (ws internals live in wsInternals.ts).
export { rawSocketOf } from './wsInternals';

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
    return (this.framed ??= binaryFrame(this.payload));
  }
}
