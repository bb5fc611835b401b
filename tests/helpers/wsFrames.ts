import { randomBytes } from 'node:crypto';
import net from 'node:net';

/** The fields of one WebSocket frame as written on the wire (RFC 6455 §5.2), valid or not. */
export interface FrameSpec {
  fin?: boolean;
  rsv?: number; // RSV1..3 as bits 0b100, 0b010, 0b001
  opcode: number;
  payload?: Uint8Array;
  /** Clients must mask; false writes an unmasked frame. */
  mask?: boolean;
  /** Writes this payload length in the header instead of the real one (no payload follows). */
  claimLength?: bigint;
}

/** Encodes a client frame exactly as specified, including illegal combinations. */
export function encodeFrame(spec: FrameSpec): Buffer {
  const payload = Buffer.from(spec.payload ?? new Uint8Array());
  const masked = spec.mask ?? true;
  const length = spec.claimLength ?? BigInt(payload.length);
  const head: number[] = [
    ((spec.fin ?? true) ? 0x80 : 0) | ((spec.rsv ?? 0) << 4) | (spec.opcode & 0x0f),
  ];
  const maskBit = masked ? 0x80 : 0;
  let ext = Buffer.alloc(0);
  if (length < 126n) {
    head.push(maskBit | Number(length));
  } else if (length < 65536n) {
    head.push(maskBit | 126);
    ext = Buffer.alloc(2);
    ext.writeUInt16BE(Number(length));
  } else {
    head.push(maskBit | 127);
    ext = Buffer.alloc(8);
    ext.writeBigUInt64BE(length);
  }
  if (spec.claimLength !== undefined) {
    return Buffer.concat([Buffer.from(head), ext, masked ? randomBytes(4) : Buffer.alloc(0)]);
  }
  if (!masked) return Buffer.concat([Buffer.from(head), ext, payload]);
  const key = randomBytes(4);
  const body = Buffer.from(payload.map((b, i) => b ^ key[i % 4]!));
  return Buffer.concat([Buffer.from(head), ext, key, body]);
}

/** A close frame payload: a status code and a reason of raw bytes. */
export function closePayload(code: number, reason: Uint8Array = new Uint8Array()): Uint8Array {
  const out = Buffer.alloc(2 + reason.length);
  out.writeUInt16BE(code);
  Buffer.from(reason).copy(out, 2);
  return out;
}

export interface RawSocket {
  socket: net.Socket;
  /** The HTTP status line of the handshake answer. */
  status: string;
  write(bytes: Uint8Array): void;
  /** The close code the server has sent so far, if any. */
  closeCode(): number | null;
  /** Resolves when the TCP connection ends, with the close code the server sent, if any. */
  ended: Promise<{ closeCode: number | null; ms: number }>;
}

/**
 * Opens a TCP connection, performs a real WebSocket upgrade handshake by hand and resolves once
 * the server has answered it; afterwards the test writes whatever bytes it likes.
 */
export function rawWebSocket(url: string, extraHeaders = ''): Promise<RawSocket> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(u.port), u.hostname);
    const started = Date.now();
    let buffer = Buffer.alloc(0);
    let status: string | null = null;
    let closeCode: number | null = null;
    const ended = new Promise<{ closeCode: number | null; ms: number }>((res) => {
      socket.on('close', () => res({ closeCode, ms: Date.now() - started }));
    });
    socket.on('error', () => undefined);
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      if (status === null) {
        const end = buffer.indexOf('\r\n\r\n');
        if (end < 0) return;
        status = buffer.subarray(0, buffer.indexOf('\r\n')).toString();
        buffer = buffer.subarray(end + 4);
        resolve({
          socket,
          status,
          write: (b) => socket.write(b),
          closeCode: () => closeCode,
          ended,
        });
      }
      closeCode ??= findCloseCode(buffer);
    });
    socket.on('close', () => {
      if (status === null) reject(new Error('closed during the handshake'));
    });
    socket.on('connect', () => {
      socket.write(
        `GET ${u.pathname}${u.search} HTTP/1.1\r\nHost: ${u.host}\r\nUpgrade: websocket\r\n` +
          'Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n' +
          `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\n${extraHeaders}\r\n`,
      );
    });
  });
}

/** The status code of the first close frame among server frames in `buffer`, if complete. */
export function findCloseCode(buffer: Buffer): number | null {
  let at = 0;
  while (at + 2 <= buffer.length) {
    const opcode = buffer[at]! & 0x0f;
    let length = buffer[at + 1]! & 0x7f;
    let offset = at + 2;
    if (length === 126) {
      if (offset + 2 > buffer.length) return null;
      length = buffer.readUInt16BE(offset);
      offset += 2;
    } else if (length === 127) {
      if (offset + 8 > buffer.length) return null;
      length = Number(buffer.readBigUInt64BE(offset));
      offset += 8;
    }
    if (offset + length > buffer.length) return null;
    if (opcode === 0x8) return length >= 2 ? buffer.readUInt16BE(offset) : 1005;
    at = offset + length;
  }
  return null;
}
