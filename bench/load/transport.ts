import crypto from 'node:crypto';
import net from 'node:net';
import { WebSocket } from 'ws';

/** How a load-generator client talks to the server under test. */
export interface Transport {
  readonly open: boolean;
  send(bytes: Uint8Array): void;
  /** Closing handshake (code 1000). */
  close(): void;
  /** Drops the connection at once. */
  terminate(): void;
}

export interface TransportEvents {
  open(): void;
  /** One whole binary message. */
  message(data: Buffer): void;
  close(code: number): void;
}

/** The `ws` client: what editors use (they send much and receive like everyone else). */
export function wsTransport(url: string, on: TransportEvents): Transport {
  const ws = new WebSocket(url, { perMessageDeflate: false });
  ws.binaryType = 'nodebuffer';
  ws.on('open', () => on.open());
  ws.on('message', (data: Buffer) => on.message(data));
  ws.on('error', () => undefined);
  ws.on('close', (code) => on.close(code));
  return {
    get open() {
      return ws.readyState === WebSocket.OPEN;
    },
    send: (bytes) => ws.send(bytes),
    close: () => ws.close(),
    terminate: () => ws.terminate(),
  };
}

const OP_CONTINUATION = 0x0;
const OP_BINARY = 0x2;
const OP_CLOSE = 0x8;
const OP_PING = 0x9;

/** A client frame: FIN, `opcode`, masked with the all-zero key (valid, and no XOR to do). */
function clientFrame(opcode: number, payload: Uint8Array): Buffer {
  const n = payload.byteLength;
  const head = n < 126 ? 2 : n < 65_536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(head + 4 + n);
  frame[0] = 0x80 | opcode;
  if (n < 126) frame[1] = 0x80 | n;
  else if (n < 65_536) {
    frame[1] = 0x80 | 126;
    frame.writeUInt16BE(n, 2);
  } else {
    frame[1] = 0x80 | 127;
    frame.writeBigUInt64BE(BigInt(n), 2);
  }
  frame.writeUInt32BE(0, head);
  frame.set(payload, head + 4);
  return frame;
}

/**
 * A minimal WebSocket client on a raw TCP socket, for viewers: thousands of them each receive
 * every update, and `ws`'s per-message stream machinery made the generator, not the relay, the
 * bottleneck at 5,000 viewers. It does the RFC 6455 upgrade, reads unmasked server frames
 * straight from each TCP chunk (a message split across chunks waits for the rest), answers pings
 * and takes the server's close code. Servers here never fragment or compress messages.
 */
export function rawTransport(url: string, on: TransportEvents): Transport {
  const target = new URL(url);
  const socket = net.connect({ host: target.hostname, port: Number(target.port) });
  socket.setNoDelay(true);
  let upgraded = false;
  let ended = false;
  let closeCode = 1006;
  let rest: Buffer | null = null;

  const write = (opcode: number, payload: Uint8Array): void => {
    if (!socket.destroyed) socket.write(clientFrame(opcode, payload));
  };

  const frames = (data: Buffer): void => {
    let pos = 0;
    while (data.length - pos >= 2) {
      const opcode = data[pos]! & 0x0f;
      let length = data[pos + 1]! & 0x7f;
      let head = 2;
      if (length === 126) {
        if (data.length - pos < 4) break;
        length = data.readUInt16BE(pos + 2);
        head = 4;
      } else if (length === 127) {
        if (data.length - pos < 10) break;
        length = Number(data.readBigUInt64BE(pos + 2));
        head = 10;
      }
      if (data.length - pos < head + length) break;
      const payload = data.subarray(pos + head, pos + head + length);
      pos += head + length;
      if (opcode === OP_BINARY || opcode === OP_CONTINUATION) on.message(payload);
      else if (opcode === OP_PING) write(0xa, payload);
      else if (opcode === OP_CLOSE) {
        closeCode = payload.length >= 2 ? payload.readUInt16BE(0) : 1005;
        write(OP_CLOSE, payload.subarray(0, 2));
        socket.end();
        return;
      }
    }
    rest = pos < data.length ? data.subarray(pos) : null;
  };

  socket.on('connect', () => {
    const key = crypto.randomBytes(16).toString('base64');
    socket.write(
      `GET ${target.pathname}${target.search} HTTP/1.1\r\nHost: ${target.host}\r\n` +
        `Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\n` +
        `Sec-WebSocket-Version: 13\r\n\r\n`,
    );
  });
  socket.on('data', (chunk: Buffer) => {
    let data = rest ? Buffer.concat([rest, chunk]) : chunk;
    rest = null;
    if (!upgraded) {
      const end = data.indexOf('\r\n\r\n');
      if (end < 0) {
        rest = data;
        return;
      }
      if (!data.subarray(0, 13).toString('latin1').startsWith('HTTP/1.1 101')) {
        socket.destroy();
        return;
      }
      upgraded = true;
      data = data.subarray(end + 4);
      on.open();
    }
    frames(data);
  });
  socket.on('error', () => undefined);
  socket.on('close', () => {
    if (ended) return;
    ended = true;
    on.close(closeCode);
  });
  return {
    get open() {
      return upgraded && !socket.destroyed && !socket.writableEnded;
    },
    send: (bytes) => write(OP_BINARY, bytes),
    close: () => {
      const code = Buffer.alloc(2);
      code.writeUInt16BE(1000);
      write(OP_CLOSE, code);
      socket.end();
    },
    terminate: () => socket.destroy(),
  };
}
