import net from 'node:net';
import { randomBytes } from 'node:crypto';

/** A masked client WebSocket binary frame (payloads under 126 bytes). */
export function clientFrame(payload: Uint8Array): Buffer {
  if (payload.length >= 126) throw new Error('small frames only');
  const mask = randomBytes(4);
  const out = Buffer.alloc(2 + 4 + payload.length);
  out[0] = 0x82;
  out[1] = 0x80 | payload.length;
  mask.copy(out, 2);
  for (let i = 0; i < payload.length; i++) out[6 + i] = payload[i]! ^ mask[i % 4]!;
  return out;
}

/**
 * Sends a WebSocket upgrade request and `frames` in one write, so the frames reach the server
 * together with the handshake: before it can have authenticated anything. Resolves with the
 * close code the server sends, or null if it sends none within `waitMs`.
 */
export function upgradeWithFrames(
  url: string,
  frames: Buffer[],
  waitMs = 2000,
): Promise<number | null> {
  const u = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect(Number(u.port), u.hostname);
    // Still open after `waitMs`: the server kept it, which is an answer too.
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(null);
    }, waitMs);
    socket.on('close', () => clearTimeout(timer));
    let received = Buffer.alloc(0);
    socket.on('connect', () => {
      const request =
        `GET ${u.pathname}${u.search} HTTP/1.1\r\nHost: ${u.host}\r\nUpgrade: websocket\r\n` +
        'Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n' +
        `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\n\r\n`;
      socket.write(Buffer.concat([Buffer.from(request), ...frames]));
    });
    socket.on('data', (d: Buffer) => {
      received = Buffer.concat([received, d]);
      const code = closeCodeIn(received);
      if (code !== null) {
        socket.destroy();
        resolve(code);
      }
    });
    socket.on('error', () => resolve(null));
    socket.on('close', () => resolve(closeCodeIn(received)));
  });
}

/** The code of the first close frame after the HTTP response in `data`, if any. */
function closeCodeIn(data: Buffer): number | null {
  const end = data.indexOf('\r\n\r\n');
  if (end < 0) return null;
  let pos = end + 4;
  while (pos + 2 <= data.length) {
    const opcode = data[pos]! & 0x0f;
    let len = data[pos + 1]! & 0x7f;
    let header = 2;
    if (len === 126) {
      if (pos + 4 > data.length) return null;
      len = data.readUInt16BE(pos + 2);
      header = 4;
    } else if (len === 127) {
      return null;
    }
    if (pos + header + len > data.length) return null;
    if (opcode === 0x8) return len >= 2 ? data.readUInt16BE(pos + header) : 1005;
    pos += header + len;
  }
  return null;
}
